// The reports one `run` writes (--report FORMAT:PATH): NDJSON streams opened
// before the run and fed as cases finish, every other format rendered once
// at the end. Also used when the run cannot happen at all (target
// unreachable): the reports are still written, holding the run-level error,
// so that a CI step that uploads or parses them finds them.
#ifndef HTTPCONFORM_CLI_RUN_REPORTS_H_
#define HTTPCONFORM_CLI_RUN_REPORTS_H_

#include <cstdio>
#include <memory>
#include <vector>

#include "harness/cli/report_paths.h"
#include "harness/core/expected.h"
#include "harness/core/result.h"
#include "reports/ndjson_stream.h"
#include "reports/report.h"

namespace httpconform::cli {

/// The requested reports of one run.
class RunReports {
 public:
  /// Opens the NDJSON streams (the paths were checked by CheckReportPaths).
  static core::Expected<RunReports> Open(const ReportSpecs& specs,
                                         const reports::ReportOptions& options);

  /// True when a report goes to standard output (the console then uses stderr).
  bool ToStdout() const;
  /// Streams one finished case; the first write error is printed to stderr.
  void Add(const core::CaseResult& result);
  /// Finishes the streams and writes every other report; "wrote FORMAT
  /// report: PATH" on `console` for each file unless it is nullptr. False
  /// when a report (or an earlier streamed line) could not be written.
  bool Finish(const core::RunResult& run, std::FILE* console);

 private:
  ReportSpecs specs_;
  reports::ReportOptions options_;
  std::vector<std::shared_ptr<reports::NdjsonStream>> streams_;
  bool stream_failed_ = false;
};

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_RUN_REPORTS_H_
