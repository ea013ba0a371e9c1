// The CI workflow around `run`: baseline loading, retries and flakiness,
// the baseline ratchet, and what all of it means for the exit code.
//
// Retries reuse runner::RunCases on the subset still failing, so a retry
// round runs in parallel like the first run and honours the stop flag. A
// flaky case keeps the result of the attempt that passed (its outcome is
// pass, as the schema's four outcomes require) and records the first failure
// in its reason, so reports say both that it passed and what went wrong.
#include "harness/cli/ci_workflow.h"

#include <ctime>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "harness/cli/console.h"
#include "harness/cli/flag_checks.h"
#include "harness/core/utc_time.h"
#include "harness/core/verdict.h"
#include "harness/core/versions.h"
#include "reports/report.h"

namespace httpconform::cli {
namespace {

bool IsBad(core::Outcome o) { return o == core::Outcome::kFail || o == core::Outcome::kError; }

// Server text bound for a terminal: the console's escaping (control bytes,
// invalid UTF-8, bidi overrides).
std::string Printable(const std::string& s) { return PrintableForTerminal(s); }

void PrintIds(std::FILE* out, const char* label, const std::vector<std::string>& ids) {
  if (ids.empty()) return;
  std::fprintf(out, "  %s:", label);
  for (const std::string& id : ids) std::fprintf(out, " %s", Printable(id).c_str());
  std::fprintf(out, "\n");
}

}  // namespace

void AddWorkflowFlags(CLI::App* cmd, RunFlags* flags) {
  cmd->add_option("--baseline", flags->baseline,
                  "Known failures (httpconform baseline REPORT.json > FILE): they do not fail "
                  "the run; new ones do")
      ->type_name("FILE");
  cmd->add_flag("--strict-baseline", flags->strict_baseline,
                "Fail the run when a baseline entry's case now passes (remove it)");
  cmd->add_option("--retries", flags->retries,
                  "Re-run failed and errored cases up to N times; a pass on a retry is flaky")
      ->type_name("N")
      ->check(IntegerIn(0, 10))
      ->capture_default_str();
  cmd->add_flag("--fail-on-flaky", flags->fail_on_flaky,
                "A case that passed only on a retry fails the run");
}

core::Expected<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::MakeError("io", path + ": cannot read file");
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return core::MakeError("io", path + ": read error");
  return ss.str();
}

core::Expected<std::optional<reports::Baseline>> LoadBaselineFile(const std::string& path) {
  if (path.empty()) return std::optional<reports::Baseline>();
  core::Expected<std::string> text = ReadTextFile(path);
  if (!text) return text.error();
  if (reports::ParseJsonReport(*text)) {
    // The usual slip: the report itself instead of a baseline made from it.
    return core::MakeError("baseline", path +
                                           " is a JSON report, not a baseline: make one first "
                                           "with `httpconform baseline " +
                                           path + " > known.json`, then run --baseline known.json");
  }
  core::Expected<reports::Baseline> baseline = reports::ParseBaseline(*text);
  if (!baseline) return core::MakeError("baseline", path + ": " + baseline.error().message);
  return std::optional<reports::Baseline>(*std::move(baseline));
}

std::string TodayUtc() { return core::FormatUtcNow("%Y-%m-%d"); }

void RetryFailures(const std::vector<core::Case>& cases, const transport::Target& target,
                   const runner::Transports& transports, const runner::RunOptions& options,
                   int retries, core::RunResult* run, const RetryFn& on_retry) {
  std::map<std::string, const core::Case*> by_id;
  for (const core::Case& c : cases) by_id.emplace(c.id, &c);
  std::map<std::string, std::size_t> result_of;
  for (std::size_t i = 0; i < run->results.size(); ++i) result_of[run->results[i].id] = i;
  std::set<std::size_t> pending;
  for (std::size_t i = 0; i < run->results.size(); ++i) {
    if (IsBad(run->results[i].outcome) && by_id.count(run->results[i].id)) pending.insert(i);
  }
  for (int attempt = 2; attempt <= retries + 1 && !pending.empty(); ++attempt) {
    if (options.stop && options.stop->load()) break;
    if (on_retry) on_retry(attempt, static_cast<int>(pending.size()));
    // The cases skipped because a retried case (or, in turn, one of those
    // skipped cases) did not pass run again too: a base that passes on a
    // retry lets its refinements run, as it would have in the first round.
    std::set<std::string> again_ids;
    for (std::size_t i : pending) again_ids.insert(run->results[i].id);
    for (bool grew = true; grew;) {
      grew = false;
      for (const core::CaseResult& r : run->results) {
        if (r.blocked_by && again_ids.count(r.blocked_by->id) && by_id.count(r.id) &&
            again_ids.insert(r.id).second) {
          grew = true;
        }
      }
    }
    std::vector<core::Case> subset;
    for (const core::Case& c : cases) {
      if (again_ids.count(c.id)) subset.push_back(c);
    }
    runner::RunOptions round = options;
    for (const core::CaseResult& r : run->results) {
      if (!again_ids.count(r.id)) round.settled[r.id] = runner::SettledOf(r);
    }
    core::RunResult again = runner::RunCases(subset, target, transports, round);
    run->duration_ms += again.duration_ms;
    std::set<std::size_t> still;
    for (core::CaseResult& fresh : again.results) {
      auto at = result_of.find(fresh.id);
      if (at == result_of.end()) continue;
      core::CaseResult& first = run->results[at->second];
      if (!pending.count(at->second)) {
        // A refinement that waited on a retried base: this is its verdict now.
        first = std::move(fresh);
        if (IsBad(first.outcome)) still.insert(at->second);
      } else if (fresh.outcome == core::Outcome::kPass) {
        fresh.attempts = attempt;
        fresh.flaky = true;
        fresh.reason = "flaky: passed on attempt " + std::to_string(attempt) +
                       "; attempt 1: " + core::OutcomeName(first.outcome) + ": " + first.reason;
        first = std::move(fresh);
      } else {
        first.attempts = attempt;
        still.insert(at->second);
      }
    }
    // Cases not started (the run was stopped) are not retried further.
    pending = std::move(still);
  }
}

void RetryWithProgress(const RunFlags& flags, const std::vector<core::Case>& cases,
                       const transport::Target& target, const runner::Transports& transports,
                       const runner::RunOptions& options, core::RunResult* run,
                       std::FILE* progress) {
  if (flags.retries <= 0) return;
  RetryFailures(cases, target, transports, options, flags.retries, run, [&](int attempt, int n) {
    if (!progress) return;
    std::fprintf(progress, "retrying %d failed or errored case(s): attempt %d of %d\n", n, attempt,
                 flags.retries + 1);
    std::fflush(progress);
  });
}

WorkflowResult ApplyWorkflow(const RunFlags& flags,
                             const std::optional<reports::Baseline>& baseline,
                             const std::vector<core::Case>& cases, const transport::Target& target,
                             const runner::Transports& transports,
                             const runner::RunOptions& options, const std::string& today,
                             core::RunResult* run, std::FILE* progress) {
  WorkflowResult w;
  RetryWithProgress(flags, cases, target, transports, options, run, progress);
  const bool multi = core::IsMultiVersion(*run);
  for (const core::CaseResult& r : run->results) {
    if (r.flaky) w.flaky.push_back(core::ResultName(r, multi));
  }
  if (!w.flaky.empty()) {
    std::string note = "flaky (failed, then passed on a retry):";
    for (const std::string& id : w.flaky) note += " " + id;
    run->notes.push_back(note);
  }
  if (baseline) {
    w.baseline = reports::ApplyBaseline(*baseline, today, run);
    w.fails_run = flags.strict_baseline && !w.baseline->fixed.empty();
  }
  return w;
}

void PrintWorkflow(const WorkflowResult& w, std::FILE* out) {
  if (!w.flaky.empty()) {
    std::fprintf(out,
                 "\nFlaky: %zu case(s) failed, then passed on a retry (--fail-on-flaky to fail "
                 "the run on them)\n",
                 w.flaky.size());
    PrintIds(out, "flaky", w.flaky);
  }
  if (w.baseline) {
    const reports::BaselineVerdict& v = *w.baseline;
    std::fprintf(out,
                 "\nBaseline: %zu known failure(s) not counted, %zu new failure(s), %zu fixed, "
                 "%zu expired\n",
                 v.known.size(), v.new_failures.size(), v.fixed.size(), v.expired.size());
    PrintIds(out, "new failures", v.new_failures);
    PrintIds(out, "fixed: remove from the baseline", v.fixed);
    PrintIds(out, "expired (their failures count)", v.expired);
    PrintIds(out, "listed but not run", v.not_run);
    for (const std::string& o : v.other_vars) {
      std::fprintf(out,
                   "  known, but not the same test (other variables than the baseline "
                   "recorded): %s\n",
                   Printable(o).c_str());
    }
    if (w.fails_run) std::fprintf(out, "  --strict-baseline: stale entries fail the run\n");
  }
  std::fflush(out);
}

bool CountsAgainstRun(const core::CaseResult& r, core::Level fail_on, const RunFlags& flags) {
  return core::CaseFailsRun(r, PolicyOf(flags, fail_on));
}

bool FindingCountsAgainstRun(const core::CaseResult& r, const core::PassiveFinding& f,
                             core::Level fail_on) {
  core::RunPolicy policy;
  policy.fail_on = fail_on;
  return core::FindingFailsRun(r, f, policy);
}

core::RunPolicy PolicyOf(const RunFlags& flags, core::Level fail_on) {
  core::RunPolicy policy;
  policy.fail_on = fail_on;
  policy.fail_on_flaky = flags.fail_on_flaky;
  policy.strict_baseline = flags.strict_baseline;
  return policy;
}

}  // namespace httpconform::cli
