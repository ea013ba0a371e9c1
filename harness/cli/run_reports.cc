#include "harness/cli/run_reports.h"

namespace httpconform::cli {

core::Expected<RunReports> RunReports::Open(const ReportSpecs& specs,
                                            const reports::ReportOptions& options) {
  RunReports out;
  out.specs_ = specs;
  out.options_ = options;
  for (const auto& [format, path] : specs) {
    if (format != "ndjson") continue;
    auto stream = reports::NdjsonStream::Open(path, options);
    if (!stream) return stream.error();
    out.streams_.push_back(std::move(*stream));
  }
  return out;
}

bool RunReports::ToStdout() const {
  for (const auto& spec : specs_) {
    if (spec.second == "-") return true;
  }
  return false;
}

void RunReports::Add(const core::CaseResult& result) {
  for (auto& stream : streams_) {
    core::Expected<void> added = stream->Add(result);
    if (!added && !stream_failed_) {
      std::fprintf(stderr, "httpconform: %s\n", added.error().message.c_str());
    }
    stream_failed_ = stream_failed_ || !added;
  }
}

bool RunReports::Finish(const core::RunResult& run, std::FILE* console) {
  bool ok = !stream_failed_;
  for (auto& stream : streams_) {
    core::Expected<void> finished = stream->Finish(run);
    if (!finished) {
      std::fprintf(stderr, "httpconform: %s\n", finished.error().message.c_str());
      ok = false;
    }
  }
  bool first = true;
  for (const auto& [format, path] : specs_) {
    if (format == "ndjson") continue;  // Streamed.
    core::Expected<void> w = reports::WriteReport(format, path, run, options_);
    if (!w) {
      std::fprintf(stderr, "httpconform: %s\n", w.error().message.c_str());
      ok = false;
    } else if (path != "-" && console) {
      std::fprintf(console, "%swrote %s report: %s\n", first ? "\n" : "", format.c_str(),
                   path.c_str());
      first = false;
    }
  }
  if (console) std::fflush(console);
  return ok;
}

}  // namespace httpconform::cli
