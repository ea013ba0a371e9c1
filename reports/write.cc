// Atomic report files: the content goes to a temporary file in the target's
// directory (so rename(2) cannot cross file systems), is fsync'd, and is then
// renamed over the target, so a reader sees either the old file or the whole
// new one, never a half-written report. The temporary name carries the pid
// and a counter and is created with O_EXCL; it is removed on every failure.
// The file gets mode 0666 minus the umask, as any ordinary output would.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "reports/redact.h"
#include "reports/report.h"

namespace httpconform::reports {
namespace {

core::Error IoError(const std::string& path, int err) {
  return core::MakeError("io", path + ": " + std::strerror(err));
}

// Writes all of `content` to `fd`, retrying short writes and EINTR.
int WriteAll(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

}  // namespace

core::Expected<void> WriteFileAtomically(const std::string& path, std::string_view content) {
  if (path == "-") {
    if (std::fwrite(content.data(), 1, content.size(), stdout) != content.size() ||
        std::fflush(stdout) != 0) {
      return IoError("<stdout>", errno);
    }
    return {};
  }
  if (path.empty()) return core::MakeError("io", "empty output path");
  static std::atomic<unsigned> counter{0};
  std::string temp;
  int fd = -1;
  // A few attempts suffice: a clash needs a leftover file of the same pid and counter.
  for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
    temp = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
    fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) return IoError(path, errno);
  }
  if (fd < 0) return IoError(path, EEXIST);
  int err = WriteAll(fd, content);
  if (err == 0 && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err == 0 && ::rename(temp.c_str(), path.c_str()) != 0) err = errno;
  if (err != 0) {
    ::unlink(temp.c_str());
    return IoError(path, err);
  }
  // Make the rename itself durable; a failure here loses nothing already written.
  const std::size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return {};
}

bool IsReportFormat(const std::string& format) {
  for (const char* f : {"json", "html", "markdown", "md", "junit", "sarif", "ndjson"}) {
    if (format == f) return true;
  }
  return false;
}

core::Expected<void> WriteReport(const std::string& format, const std::string& path,
                                 const core::RunResult& run) {
  return WriteReport(format, path, run, ReportOptions{});
}

core::Expected<void> WriteReport(const std::string& format, const std::string& path,
                                 const core::RunResult& original, const ReportOptions& options) {
  if (!IsReportFormat(format)) {
    return core::MakeError("usage",
                           "unknown report format \"" + format +
                               "\" (expected json, html, markdown, junit, sarif or ndjson)");
  }
  // Redaction happens once, here, so no writer can forget it.
  const core::RunResult redacted = options.redact ? RedactRun(original) : core::RunResult{};
  const core::RunResult& run = options.redact ? redacted : original;
  std::string content;
  if (format == "json") {
    content = RenderJson(run);
  } else if (format == "html") {
    content = RenderHtml(run);
  } else if (format == "markdown" || format == "md") {
    content = RenderMarkdown(run);
  } else if (format == "junit") {
    content = RenderJunit(run);
  } else if (format == "sarif") {
    content = RenderSarif(run);
  } else {  // ndjson, all at once (cmd_run streams it instead, see ndjson_stream.h).
    for (const core::CaseResult& r : run.results) content += RenderNdjsonResult(r);
    content += RenderNdjsonSummary(run);
  }
  return WriteFileAtomically(path, content);
}

}  // namespace httpconform::reports
