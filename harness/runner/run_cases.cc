// RunCases: cases on parallel workers, in dependency order.
//
// The schedule is a ready queue (lowest case index first, so a run follows
// the library's order where it can) fed by a count of unfinished bases per
// case: a case enters the queue when its last base finishes. A worker takes
// a ready case, decides under the lock whether its bases let it run (all of
// them have finished by then, so the decision reads settled outcomes and
// never a race), then runs it or records the dependency skip, and finishes
// it, which may make its dependents ready. Independent cases never wait for
// one another. Cases the queue can never reach -- on a cycle, or after one --
// are found up front by Kahn's algorithm and reported as errors: the loader
// refuses cycles, so this only guards callers that build cases by hand.
// With max_consecutive_timeouts, N cases in a row (in finishing order) that
// heard nothing at all stop the schedule: a target that accepts and never
// answers costs N deadlines, not one per case.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <queue>
#include <thread>

#include "harness/runner/runner.h"

namespace httpconform::runner {
namespace {

using core::CaseResult;
using core::Outcome;

// What a base gave, for "depends on X, which ...".
std::string WhatItDid(const std::optional<Settled>& base) {
  if (!base) return "was not run";
  switch (base->outcome) {
    case Outcome::kFail:
      return "failed";
    case Outcome::kError:
      return "could not run (error)";
    case Outcome::kSkip:
      return base->optional_not_taken ? "is an option (MAY) the server did not take"
                                      : "was not judged either (a case it refines did not pass)";
    case Outcome::kPass:
      break;
  }
  return "passed";
}

// Whether a refinement may run after this base: it passed, or it did not
// apply here (its own require unmet), so the refinement's own requires
// decide. Everything else -- a failure, an error, a base that was itself
// not judged, an option not taken, a base not run -- means the behaviour
// the refinement builds on is not there, or not known to be.
bool LetsRefinementsRun(const std::optional<Settled>& base) {
  if (!base) return false;
  if (base->outcome == Outcome::kPass) return true;
  return base->outcome == Outcome::kSkip && !base->blocked && !base->optional_not_taken;
}

// How a case's exchanges went, for noticing a target that stopped answering.
enum class Silence {
  kAnswered,  // Some step got bytes, or saw the connection closed.
  kSilent,    // Every step that was sent waited out its deadline with nothing.
  kNeutral,   // Nothing was sent (a skip before the first step), or it failed to connect.
};

Silence SilenceOf(const CaseResult& result) {
  bool any_timeout = false;
  for (const core::StepResult& step : result.steps) {
    if (!step.received.empty() || step.connection_closed) return Silence::kAnswered;
    any_timeout = any_timeout || step.timed_out;
  }
  return any_timeout ? Silence::kSilent : Silence::kNeutral;
}

}  // namespace

Settled SettledOf(const CaseResult& r) {
  return Settled{r.outcome, r.blocked_by.has_value(), r.optional_not_taken};
}

CaseResult BlockedResult(const core::Case& c, const std::string& base,
                         const std::optional<Settled>& base_result) {
  CaseResult r = core::ResultFor(c);
  r.outcome = Outcome::kSkip;
  r.reason = "depends on " + base + ", which " + WhatItDid(base_result) +
             ": this case refines it, so its verdict would not be about its own rule";
  r.blocked_by =
      core::BlockedBy{base, base_result ? core::OutcomeName(base_result->outcome) : "not-run"};
  return r;
}

core::RunResult RunCases(const std::vector<core::Case>& cases, const transport::Target& target,
                         const Transports& transports, const RunOptions& options,
                         const ProgressFn& progress) {
  auto start = std::chrono::steady_clock::now();
  const std::size_t n = cases.size();
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < n; ++i) index.emplace(cases[i].id, i);
  std::vector<std::vector<std::size_t>> dependents(n);
  std::vector<std::size_t> waiting(n, 0);  // Unfinished bases in this run.
  for (std::size_t i = 0; i < n; ++i) {
    for (const core::Dependency& d : cases[i].after) {
      auto it = index.find(d.id);
      if (it == index.end()) continue;  // Judged by options.settled.
      dependents[it->second].push_back(i);
      ++waiting[i];
    }
  }
  // Kahn's algorithm: what the queue will ever reach.
  std::vector<char> reachable(n, 0);
  {
    std::vector<std::size_t> count = waiting;
    std::vector<std::size_t> queue;
    for (std::size_t i = 0; i < n; ++i) {
      if (count[i] == 0) queue.push_back(i);
    }
    while (!queue.empty()) {
      const std::size_t i = queue.back();
      queue.pop_back();
      reachable[i] = 1;
      for (std::size_t d : dependents[i]) {
        if (--count[d] == 0) queue.push_back(d);
      }
    }
  }

  std::vector<CaseResult> results(n);
  std::vector<char> finished(n, 0);
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  std::mutex mu;
  std::condition_variable changed;
  int done = 0;
  int running = 0;
  bool given_up = false;  // The target stopped answering: start no new case.
  int silent_in_a_row = 0;
  std::string stop_reason;
  // Under `mu`.
  auto finish = [&](std::size_t i, CaseResult r) {
    r.http = options.http;
    results[i] = std::move(r);
    finished[i] = 1;
    ++done;
    // In finishing order: N cases in a row that heard nothing at all.
    switch (SilenceOf(results[i])) {
      case Silence::kAnswered:
        silent_in_a_row = 0;
        break;
      case Silence::kSilent:
        ++silent_in_a_row;
        break;
      case Silence::kNeutral:
        break;
    }
    if (options.max_consecutive_timeouts > 0 && !given_up &&
        silent_in_a_row >= options.max_consecutive_timeouts) {
      given_up = true;
      stop_reason = "stopped early: " + std::to_string(silent_in_a_row) +
                    " cases in a row got no byte from the server within their deadline; the "
                    "target stopped answering (cases in progress finished, the rest did not run)";
    }
    if (progress) progress(results[i], done, static_cast<int>(n));
    for (std::size_t d : dependents[i]) {
      if (--waiting[d] == 0 && reachable[d]) ready.push(d);
    }
    changed.notify_all();
  };
  {
    std::lock_guard<std::mutex> lock(mu);
    for (std::size_t i = 0; i < n; ++i) {
      if (reachable[i]) {
        if (waiting[i] == 0) ready.push(i);
        continue;
      }
      CaseResult r = BlockedResult(cases[i], "", std::nullopt);
      r.blocked_by.reset();
      r.outcome = Outcome::kError;
      r.reason =
          "dependency cycle: this case depends, through \"after\", on a case that depends on "
          "itself";
      finish(i, std::move(r));
    }
  }
  // The first base (in "after" order) that keeps `c` from running, and
  // what it gave. Under `mu`, when every base in this run has finished.
  struct Blocker {
    std::string id;
    std::optional<Settled> base;
  };
  auto blocker = [&](const core::Case& c) -> std::optional<Blocker> {
    for (const core::Dependency& d : c.after) {
      std::optional<Settled> base;
      auto it = index.find(d.id);
      if (it != index.end()) {
        base = SettledOf(results[it->second]);
      } else if (auto s = options.settled.find(d.id); s != options.settled.end()) {
        base = s->second;
      }
      if (!LetsRefinementsRun(base)) return Blocker{d.id, base};
    }
    return std::nullopt;
  };
  auto worker = [&] {
    std::unique_lock<std::mutex> lock(mu);
    for (;;) {
      if ((options.stop && options.stop->load()) || given_up) return;
      if (ready.empty()) {
        if (running == 0) return;  // Nothing ready and nothing that could make anything ready.
        // Timed: a stop request (from a signal handler) cannot notify.
        changed.wait_for(lock, std::chrono::milliseconds(50));
        continue;
      }
      const std::size_t i = ready.top();
      ready.pop();
      ++running;
      // A case that does not apply over this HTTP version is no verdict,
      // whatever its bases gave: RunCase skips it as such.
      const std::optional<Blocker> blocked =
          cases[i].AppliesToHttp(options.http) ? blocker(cases[i]) : std::nullopt;
      lock.unlock();
      CaseResult r = blocked ? BlockedResult(cases[i], blocked->id, blocked->base)
                             : RunCase(cases[i], target, transports, options);
      lock.lock();
      --running;
      finish(i, std::move(r));
    }
  };
  int jobs = std::max(1, std::min<int>(options.jobs, static_cast<int>(n)));
  std::vector<std::thread> threads;
  for (int j = 1; j < jobs; ++j) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();

  core::RunResult run;
  run.stop_reason = stop_reason;
  for (std::size_t i = 0; i < n; ++i) {
    if (finished[i]) {
      run.results.push_back(std::move(results[i]));
    } else {
      run.incomplete = true;
    }
  }
  run.duration_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return run;
}

}  // namespace httpconform::runner
