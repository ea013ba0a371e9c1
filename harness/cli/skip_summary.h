// Why cases were skipped, for the end of `run`: skips grouped by reason,
// with counts, and the --var settings that could unlock the most of them.
//
// Reasons are grouped by a normalized form: the "step N:" label, the
// "not applicable:" prefix and the "; saw ..." tail (which differs with
// every response) are dropped, and paths, URLs and quoted strings become
// PATH, URL and "...", so "GET /a is not 200 here" and "GET /b is not 200
// here" are one group. A variable could unlock a skipped case when the case
// declares it (so --var can set it) and uses it in the step that skipped
// (its request, or the explanation of what that step requires); variables
// discovery looks for come with the paths it found that fit.
#ifndef HTTPCONFORM_CLI_SKIP_SUMMARY_H_
#define HTTPCONFORM_CLI_SKIP_SUMMARY_H_

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "harness/core/case.h"
#include "harness/core/result.h"

namespace httpconform::cli {

/// Skips that share a normalized reason.
struct SkipGroup {
  std::string reason;  ///< Normalized.
  int count = 0;
};

/// A variable whose value could unlock skipped cases.
struct VarHint {
  std::string name;
  int cases = 0;                        ///< Skipped cases that use it where they skipped.
  std::vector<std::string> candidates;  ///< From discovery, best first; may be empty.
  bool discoverable = false;            ///< Whether discovery looks for it at all.
};

/// What the end of a run says about its skips.
struct SkipSummary {
  int skipped = 0;
  std::vector<SkipGroup> groups;  ///< Largest first, ties in first-seen order.
  std::vector<VarHint> vars;      ///< Most cases first, ties by name.
};

/// The reason with its step label, prefix, observed tail, paths and values removed.
std::string NormalizeSkipReason(const std::string& reason);

/// Groups the skips of `run`; `cases` are the cases run (for the variables
/// they use), `candidates` discovery's paths per variable, `discoverable`
/// the variables discovery looks for.
SkipSummary SummarizeSkips(const core::RunResult& run, const std::vector<core::Case>& cases,
                           const std::map<std::string, std::vector<std::string>>& candidates,
                           const std::vector<std::string>& discoverable);

/// Prints the summary (nothing when nothing was skipped): at most
/// `max_groups` reasons and `max_vars` variables, the rest counted.
void PrintSkipSummary(const SkipSummary& summary, std::FILE* out, std::size_t max_groups = 12,
                      std::size_t max_vars = 5);

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_SKIP_SUMMARY_H_
