#include "reports/verdict_text.h"

#include <algorithm>
#include <vector>

namespace httpconform::reports {
namespace {

std::string Count(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "a", "a and b", "a, b and c".
std::string JoinAnd(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

}  // namespace

std::string VerdictLine(const core::RunResult& run) {
  const core::RunPolicy& policy = run.policy;
  const std::string level = core::LevelName(policy.fail_on);
  if (!run.error.empty()) return "FAIL: the run could not be carried out: " + run.error;
  int failures = 0, errors = 0, stale = 0, flaky = 0, findings = 0;
  int below = 0, known = 0, flaky_passes = 0, findings_below = 0;
  // Nothing at MAY fails a run at any --fail-on (core/verdict.h): said apart,
  // since "below MAY" would be false.
  int may_failures = 0, may_findings = 0;
  for (const core::CaseResult& r : run.results) {
    if (core::CaseFailsRun(r, policy)) {
      if (r.baseline == "fixed") {
        ++stale;
      } else if (r.flaky) {
        ++flaky;
      } else if (r.outcome == core::Outcome::kError) {
        ++errors;
      } else {
        ++failures;
      }
    } else if (r.baseline == "known") {
      ++known;
    } else if (r.flaky) {
      ++flaky_passes;
    } else if (r.outcome == core::Outcome::kFail) {
      ++(r.spec.level == core::Level::kMay ? may_failures : below);
    }
    for (const core::PassiveFinding& f : r.findings) {
      if (core::FindingFailsRun(r, f, policy)) {
        ++findings;
      } else if (r.baseline != "known") {
        ++(f.level == core::Level::kMay ? may_findings : findings_below);
      }
    }
  }
  std::vector<std::string> counted;
  if (failures) counted.push_back(Count(failures, "failure", "failures"));
  if (errors) counted.push_back(Count(errors, "error", "errors"));
  if (findings) counted.push_back(Count(findings, "passive finding", "passive findings"));
  if (flaky) counted.push_back(Count(flaky, "flaky case", "flaky cases"));
  if (stale) counted.push_back(Count(stale, "stale baseline entry", "stale baseline entries"));
  std::vector<std::string> not_counted;
  if (below) not_counted.push_back(Count(below, "failure", "failures") + " below " + level);
  if (findings_below) {
    not_counted.push_back(Count(findings_below, "passive finding", "passive findings") + " below " +
                          level);
  }
  if (may_failures) {
    not_counted.push_back(Count(may_failures, "failure", "failures") +
                          " at MAY (the server's choice)");
  }
  if (may_findings) {
    not_counted.push_back(Count(may_findings, "passive finding", "passive findings") +
                          " at MAY (the server's choice)");
  }
  if (known) not_counted.push_back(Count(known, "known failure", "known failures") + " (baseline)");
  if (flaky_passes) not_counted.push_back(Count(flaky_passes, "flaky pass", "flaky passes"));
  std::string out;
  if (!counted.empty()) {
    const bool one = failures + errors + findings + flaky + stale == 1;
    out = "FAIL: " + JoinAnd(counted) + (one ? " fails" : " fail") + " the run (--fail-on " +
          core::FailOnValue(policy.fail_on) + ")";
  } else {
    out = "PASS: nothing fails the run at --fail-on " + core::FailOnValue(policy.fail_on);
  }
  if (!not_counted.empty()) out += "; not counted: " + JoinAnd(not_counted);
  if (run.incomplete) out += "; the run was interrupted, results are incomplete";
  return out;
}

std::string FindingResponse(const core::CaseResult& r, const core::PassiveFinding& f) {
  if (f.step < 0 || static_cast<std::size_t>(f.step) >= r.steps.size()) return "";
  const core::StepResult& s = r.steps[static_cast<std::size_t>(f.step)];
  std::string request = s.request.raw ? "raw request" : s.request.method + " " + s.request.target;
  if (s.request.raw) {
    const std::size_t eol = s.request.bytes.find_first_of("\r\n");
    if (eol != std::string::npos && eol > 0)
      request = s.request.bytes.substr(0, std::min<std::size_t>(eol, 120));
  }
  if (!s.response) return request + " \xE2\x86\x92 no response";
  return request + " \xE2\x86\x92 " + s.response->head.version + " " +
         std::to_string(s.response->head.status) + " " + s.response->head.reason;
}

const std::string& FindingReceived(const core::CaseResult& r, const core::PassiveFinding& f) {
  static const std::string kNone;
  if (f.step < 0 || static_cast<std::size_t>(f.step) >= r.steps.size()) return kNone;
  return r.steps[static_cast<std::size_t>(f.step)].received;
}

}  // namespace httpconform::reports
