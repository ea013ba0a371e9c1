// `run --report FORMAT:PATH` checked before anything is sent: a report that
// cannot be written must stop the run at once (exit 2, naming the report),
// not after a long run whose results would then be lost.
#ifndef HTTPCONFORM_CLI_REPORT_PATHS_H_
#define HTTPCONFORM_CLI_REPORT_PATHS_H_

#include <string>
#include <utility>
#include <vector>

#include "harness/core/expected.h"

namespace httpconform::cli {

/// (format, path) of each --report, in flag order.
using ReportSpecs = std::vector<std::pair<std::string, std::string>>;

/// Checks that every path can be written: its directory exists and is
/// writable, the path is not a directory, an existing file is writable; at
/// most one report goes to standard output ("-"), and no two to the same
/// file. Error code "usage", message naming the report ("--report json:x: ...").
core::Expected<void> CheckReportPaths(const ReportSpecs& reports);

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_REPORT_PATHS_H_
