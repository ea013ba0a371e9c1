#include "reports/ndjson_stream.h"

#include <cerrno>
#include <cstring>
#include <utility>

#include "reports/redact.h"

namespace httpconform::reports {

NdjsonStream::NdjsonStream(std::FILE* file, std::string path, ReportOptions options)
    : file_(file), path_(std::move(path)), options_(options) {}

NdjsonStream::~NdjsonStream() {
  if (file_ && file_ != stdout) std::fclose(file_);
}

core::Expected<std::unique_ptr<NdjsonStream>> NdjsonStream::Open(const std::string& path,
                                                                 const ReportOptions& options) {
  if (path.empty()) return core::MakeError("io", "empty output path");
  std::FILE* file = path == "-" ? stdout : std::fopen(path.c_str(), "we");
  if (!file) return core::MakeError("io", path + ": " + std::strerror(errno));
  return std::unique_ptr<NdjsonStream>(new NdjsonStream(file, path, options));
}

core::Expected<void> NdjsonStream::Put(const std::string& line) {
  if (!file_) return core::MakeError("io", path_ + ": already finished");
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fflush(file_) != 0) {
    return core::MakeError("io", (path_ == "-" ? "<stdout>" : path_) + ": " + std::strerror(errno));
  }
  return {};
}

core::Expected<void> NdjsonStream::Add(const core::CaseResult& result) {
  return Put(RenderNdjsonResult(options_.redact ? RedactCase(result) : result));
}

core::Expected<void> NdjsonStream::Finish(const core::RunResult& run) {
  // The summary line carries no transcripts, so it needs no redaction.
  core::Expected<void> put = Put(RenderNdjsonSummary(run));
  if (file_ && file_ != stdout && std::fclose(file_) != 0 && put) {
    put = core::MakeError("io", path_ + ": " + std::strerror(errno));
  }
  file_ = nullptr;
  return put;
}

}  // namespace httpconform::reports
