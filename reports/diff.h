// Report diff: what changed between two runs, case by case (matched by id,
// never by position). The categories are disjoint: a regression is a case
// that passed or was skipped and now fails or errors; a fix is the reverse
// towards pass; every other change of outcome is "changed"; ids only in the
// new run are added, ids only in the old one removed.
#ifndef HTTPCONFORM_REPORTS_DIFF_H_
#define HTTPCONFORM_REPORTS_DIFF_H_

#include <optional>
#include <string>
#include <vector>

#include "harness/core/result.h"

namespace httpconform::reports {

/// One case that differs.
struct DiffEntry {
  std::string id;
  std::optional<core::Outcome> before;  ///< Absent for an added case.
  std::optional<core::Outcome> after;   ///< Absent for a removed case.
  std::string reason;                   ///< The newer reason (the old one for a removed case).
};

/// The differences, each list in the order of the new run (removed: the old run's order).
struct ReportDiff {
  std::vector<DiffEntry> regressions;
  std::vector<DiffEntry> fixes;
  std::vector<DiffEntry> changed;
  std::vector<DiffEntry> added;
  std::vector<DiffEntry> removed;
};

/// Compares two runs.
ReportDiff DiffRuns(const core::RunResult& before, const core::RunResult& after);

/// The diff as plain text for a terminal (control bytes escaped), ending in a summary line.
std::string RenderDiff(const ReportDiff& diff);

}  // namespace httpconform::reports

#endif  // HTTPCONFORM_REPORTS_DIFF_H_
