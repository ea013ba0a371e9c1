#include "harness/core/verdict.h"

namespace httpconform::core {
namespace {

int Rank(Level level) { return level == Level::kMust ? 0 : level == Level::kShould ? 1 : 2; }

// Whether a failure (or finding) at `level` can fail a run under `fail_on`.
// Never at MAY: a MAY leaves the choice to the server, so not taking the
// option conforms (docs/verdicts.md), and `--fail-on may` is `should`.
bool LevelCounts(Level level, Level fail_on) {
  return level != Level::kMay && AtOrAbove(level, fail_on);
}

const char kMayNotCounted[] = "MAY: the server's choice, not a violation";

}  // namespace

bool AtOrAbove(Level level, Level fail_on) { return Rank(level) <= Rank(fail_on); }

std::string FailOnValue(Level level) {
  return level == Level::kMust ? "must" : level == Level::kShould ? "should" : "may";
}

std::string WhyNotCounted(const CaseResult& r, const RunPolicy& policy) {
  if (CaseFailsRun(r, policy)) return "";
  if (r.baseline == "known") return "known failure (baseline)";
  if (r.flaky && r.spec.level == Level::kMay) {
    return "flaky: passed on a retry (a MAY never fails a run, even with --fail-on-flaky)";
  }
  if (r.flaky) return "flaky: passed on a retry (--fail-on-flaky counts it)";
  if (r.outcome == Outcome::kFail && r.spec.level == Level::kMay) return kMayNotCounted;
  if (r.outcome == Outcome::kFail) return "below --fail-on " + FailOnValue(policy.fail_on);
  return "";
}

std::string WhyFindingNotCounted(const CaseResult& r, const PassiveFinding& f,
                                 const RunPolicy& policy) {
  if (FindingFailsRun(r, f, policy)) return "";
  if (r.baseline == "known") return "known failure (baseline)";
  if (f.level == Level::kMay) return kMayNotCounted;
  return "below --fail-on " + FailOnValue(policy.fail_on);
}

bool CaseFailsRun(const CaseResult& r, const RunPolicy& policy) {
  if (r.baseline == "known") return false;
  if (r.baseline == "fixed" && policy.strict_baseline) return true;
  if (r.flaky) return policy.fail_on_flaky && LevelCounts(r.spec.level, policy.fail_on);
  // An error is a run that did not happen, at any level: CI must see it.
  if (r.outcome == Outcome::kError) return true;
  // The runner never fails a MAY case (it skips it, optional_not_taken); a
  // report read back might, and it still does not fail the run.
  return r.outcome == Outcome::kFail && LevelCounts(r.spec.level, policy.fail_on);
}

bool FindingFailsRun(const CaseResult& r, const PassiveFinding& f, const RunPolicy& policy) {
  return r.baseline != "known" && LevelCounts(f.level, policy.fail_on);
}

RunVerdict JudgeRun(const RunResult& run) {
  RunVerdict v;
  v.run_error = !run.error.empty();
  for (const CaseResult& r : run.results) {
    if (CaseFailsRun(r, run.policy)) ++v.failing_cases;
    for (const PassiveFinding& f : r.findings) {
      ++v.findings;
      if (FindingFailsRun(r, f, run.policy)) ++v.failing_findings;
    }
  }
  return v;
}

}  // namespace httpconform::core
