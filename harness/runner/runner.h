// The runner: executes cases against a target through the Transport
// interface, in parallel, and turns what happened into immutable CaseResults.
//
// Each case runs on its own Session, its steps in order; variables resolve
// from the built-ins (the target URL), the case's vars, --var and earlier
// captures, later winning. Per step: the request is built and sent; no
// response at all is an error unless the case expects that; `require`
// unmet is a skip with a reason; `expect` unmet is a failure with every
// acceptable alternative and what was seen; then captures, then the passive
// status-code rules. Results are stored by case index, so they do not depend
// on which worker ran what, or when. A step whose outcome turns on whether
// the server keeps the connection is settled without waiting where it can
// be: not at all when the outcome is the same either way, else by a further
// request on the connection (transport.h, probe_request) or the pending
// pipelined response; the timed wait is the fallback.
//
// Bounds: per step, the work is linear in the bytes received and nothing
// recurses over them (checks: expectations.h; captures: captures.h; passive
// rules: passive_rules.h); workers run on default thread stacks and keep
// nothing there that grows with what a server sends.
#ifndef HTTPCONFORM_RUNNER_RUNNER_H_
#define HTTPCONFORM_RUNNER_RUNNER_H_

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "harness/core/case.h"
#include "harness/core/result.h"
#include "harness/transport/transport.h"

namespace httpconform::runner {

/// How to run.
struct RunOptions {
  int jobs = 4;
  int timeout_ms = 10000;                   ///< Per step, unless a case sets its own.
  std::map<std::string, std::string> vars;  ///< From --var, override case vars.
  /// From autodiscovery (discovery.h): variable -> (case default, "" for a
  /// null one -> value found on this server). Below --var, above case vars.
  std::map<std::string, std::map<std::string, std::string>> replaced_defaults;
  std::string user_agent = "httpconform";
  const std::atomic<bool>* stop = nullptr;  ///< When set to true, no new case starts.
};

/// Called after each case finishes (from worker threads, serialized by the runner).
using ProgressFn = std::function<void(const core::CaseResult& result, int done, int total)>;

/// The transports a run uses: raw requests always go through `raw`;
/// structured ones through `structured` (which may be the same object).
struct Transports {
  transport::Transport* raw = nullptr;
  transport::Transport* structured = nullptr;
};

/// Runs `cases` against `target`; results are in the order of `cases`.
/// Cases not started because of `stop` are left out and the run is marked incomplete.
core::RunResult RunCases(const std::vector<core::Case>& cases, const transport::Target& target,
                         const Transports& transports, const RunOptions& options,
                         const ProgressFn& progress = nullptr);

/// Runs one case (used by RunCases and by replay).
core::CaseResult RunCase(const core::Case& c, const transport::Target& target,
                         const Transports& transports, const RunOptions& options);

/// The built-in variables for a target: scheme host port authority path.
std::map<std::string, std::string> BuiltinVars(const transport::Target& target);

}  // namespace httpconform::runner

#endif  // HTTPCONFORM_RUNNER_RUNNER_H_
