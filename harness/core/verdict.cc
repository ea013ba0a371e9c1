#include "harness/core/verdict.h"

namespace httpconform::core {
namespace {

int Rank(Level level) { return level == Level::kMust ? 0 : level == Level::kShould ? 1 : 2; }

}  // namespace

bool AtOrAbove(Level level, Level fail_on) { return Rank(level) <= Rank(fail_on); }

std::string FailOnValue(Level level) {
  return level == Level::kMust ? "must" : level == Level::kShould ? "should" : "may";
}

std::string WhyNotCounted(const CaseResult& r, const RunPolicy& policy) {
  if (CaseFailsRun(r, policy)) return "";
  if (r.baseline == "known") return "known failure (baseline)";
  if (r.flaky) return "flaky: passed on a retry (--fail-on-flaky counts it)";
  if (r.outcome == Outcome::kFail) return "below --fail-on " + FailOnValue(policy.fail_on);
  return "";
}

std::string WhyFindingNotCounted(const CaseResult& r, const PassiveFinding& f,
                                 const RunPolicy& policy) {
  if (FindingFailsRun(r, f, policy)) return "";
  if (r.baseline == "known") return "known failure (baseline)";
  return "below --fail-on " + FailOnValue(policy.fail_on);
}

bool CaseFailsRun(const CaseResult& r, const RunPolicy& policy) {
  if (r.baseline == "known") return false;
  if (r.baseline == "fixed" && policy.strict_baseline) return true;
  if (r.flaky) return policy.fail_on_flaky && AtOrAbove(r.spec.level, policy.fail_on);
  if (r.outcome == Outcome::kError) return true;
  return r.outcome == Outcome::kFail && AtOrAbove(r.spec.level, policy.fail_on);
}

bool FindingFailsRun(const CaseResult& r, const PassiveFinding& f, const RunPolicy& policy) {
  return r.baseline != "known" && AtOrAbove(f.level, policy.fail_on);
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
