// Streaming NDJSON: one line per case result written (and flushed) the
// moment the case finishes, then one summary line. A CI log or `jq` can
// follow the run live; a run killed midway leaves every finished line
// intact, which is the point of streaming (so, unlike WriteReport, the file
// is written in place, not renamed over the target at the end).
#ifndef HTTPCONFORM_REPORTS_NDJSON_STREAM_H_
#define HTTPCONFORM_REPORTS_NDJSON_STREAM_H_

#include <cstdio>
#include <memory>
#include <string>

#include "harness/core/expected.h"
#include "harness/core/result.h"
#include "reports/report.h"

namespace httpconform::reports {

/// An NDJSON report being written as the run goes.
class NdjsonStream {
 public:
  /// Opens (truncates) `path`; "-" is standard output. Error code "io".
  static core::Expected<std::unique_ptr<NdjsonStream>> Open(const std::string& path,
                                                            const ReportOptions& options);
  ~NdjsonStream();
  NdjsonStream(const NdjsonStream&) = delete;
  NdjsonStream& operator=(const NdjsonStream&) = delete;

  /// Writes one result line and flushes it.
  core::Expected<void> Add(const core::CaseResult& result);
  /// Writes the summary line and closes the file (unless it is stdout).
  core::Expected<void> Finish(const core::RunResult& run);

 private:
  NdjsonStream(std::FILE* file, std::string path, ReportOptions options);
  core::Expected<void> Put(const std::string& line);
  std::FILE* file_;
  std::string path_;
  ReportOptions options_;
};

}  // namespace httpconform::reports

#endif  // HTTPCONFORM_REPORTS_NDJSON_STREAM_H_
