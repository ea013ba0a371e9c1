// Baselines: the known failures of a target, so that CI fails on new ones
// only, and so that the list can only shrink ("ratchet").
//
// A baseline file (docs/baseline.md, schema reports/baseline.schema.json) is
// {"schema": "httpconform-baseline/1", "failures": [{id, reason, until?}]}.
// ApplyBaseline marks the results of a run: a fail or error whose id is
// listed (and not past its `until` date) is "known" and does not fail the
// run; a listed case that now passes is "fixed" and its entry is stale; an
// entry past its date is ignored, so its failure counts again. Everything
// here is a pure function of its arguments ("today" included), so the
// ratchet is tested without a clock.
#ifndef HTTPCONFORM_REPORTS_BASELINE_H_
#define HTTPCONFORM_REPORTS_BASELINE_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "harness/core/expected.h"
#include "harness/core/result.h"

namespace httpconform::reports {

/// The value of a baseline file's "schema" member.
inline constexpr char kBaselineSchema[] = "httpconform-baseline/1";

/// One known failure.
struct BaselineEntry {
  std::string id;      ///< Case id.
  std::string reason;  ///< Why it is tolerated (for people; the report's reason by default).
  std::string until;   ///< "YYYY-MM-DD": known through that day (UTC); "" = no end.
  /// The variables the failing case ran with (a report of schema 2 records
  /// them); empty when not recorded. A run that gives the case others is
  /// not testing the same thing: ApplyBaseline says so.
  std::map<std::string, std::string> vars;
  /// The HTTP version of the failure, "1.1" or "2" (a run with --http 1.1,2
  /// fails a case over one version or both); "" covers every version.
  std::string http;
};

/// A baseline file, entries in file order.
struct Baseline {
  std::vector<BaselineEntry> failures;
};

/// Parses a baseline file (comments allowed); error code "baseline" with a JSON pointer.
core::Expected<Baseline> ParseBaseline(std::string_view text);
/// The baseline file for `baseline`, indented, ending in a newline.
std::string RenderBaseline(const Baseline& baseline);
/// Every fail and error of `run`, with its reason, in result order; `until` on each if given.
Baseline BaselineFromRun(const core::RunResult& run, const std::string& until = "");

/// The key of an entry or result: its id, and " [HTTP/V]" when it names a version.
std::string BaselineKey(const std::string& id, const std::string& http);

/// The keys (BaselineKey) of the entries not past their `until` date on
/// `today`: their failures are known (ApplyBaseline, and the console as
/// cases stream).
std::set<std::string> ActiveIds(const Baseline& baseline, const std::string& today);

/// True when `active` (ActiveIds) covers `result`: an entry for its id with
/// its version or with none.
bool IsListed(const std::set<std::string>& active, const core::CaseResult& result);

/// The mark ApplyBaseline gives `result`: "known" (a fail or error, or a
/// flaky pass, listed in `active`), "fixed" (a pass listed in the file,
/// active or expired), or "". Used as results stream, before the run ends.
std::string BaselineMark(const Baseline& baseline, const std::set<std::string>& active,
                         const core::CaseResult& result);

/// What applying a baseline found (ids in result or entry order).
struct BaselineVerdict {
  std::vector<std::string> known;         ///< Failures covered by an entry: not counted.
  std::vector<std::string> fixed;         ///< Entries whose case passed: stale, remove them.
  std::vector<std::string> expired;       ///< Entries past `until` (their failures count).
  std::vector<std::string> not_run;       ///< Entries with no result in this run (filtered out?).
  std::vector<std::string> new_failures;  ///< Fails and errors no active entry covers.
  /// Known failures whose case ran with other variables than the entry
  /// recorded: "ID: NAME now V (baseline W)"; still known, but maybe not
  /// the same failure.
  std::vector<std::string> other_vars;
};

/// Marks `run`'s results (CaseResult::baseline "known"/"fixed"), adds a
/// summary to run->notes and returns the verdict. `today` is "YYYY-MM-DD".
/// A flaky pass of a listed case is "known", not "fixed": it still fails sometimes.
BaselineVerdict ApplyBaseline(const Baseline& baseline, const std::string& today,
                              core::RunResult* run);

/// True when `date` is a valid "YYYY-MM-DD" calendar date.
bool IsIsoDate(const std::string& date);

}  // namespace httpconform::reports

#endif  // HTTPCONFORM_REPORTS_BASELINE_H_
