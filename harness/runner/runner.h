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
// pipelined response; the timed wait is the fallback. A step's response
// content is never copied: it keeps the lease of the run's content budget
// it came with (transport.h) until the case is over and its results are
// trimmed to what the reports show. A content check that needs bytes that
// were not kept is an error saying so, never a pass or a fail.
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
#include <optional>
#include <string>
#include <vector>

#include "harness/core/case.h"
#include "harness/core/result.h"
#include "harness/transport/transport.h"

namespace httpconform::runner {

/// What a finished case gave, as far as the cases that refine it care.
struct Settled {
  core::Outcome outcome = core::Outcome::kPass;
  bool blocked = false;             ///< Skipped because a base of its own did not pass.
  bool optional_not_taken = false;  ///< A MAY case whose option the server did not take.
};

/// The Settled of a result.
Settled SettledOf(const core::CaseResult& result);

/// The scripted origin of a proxy run (harness/proxy/origin.h), as the
/// runner uses it: a step that scripts the origin registers its script under
/// a tag unique to the run before its request goes out, and ends the tag
/// when its response is in, getting back what the origin received with it.
class OriginPort {
 public:
  virtual ~OriginPort() = default;
  /// Answer requests that carry `tag` with `script` until End(tag).
  virtual void Begin(const std::string& tag, const core::OriginScript& script) = 0;
  /// Ends `tag` (a request still held by a hang is let go) and returns the
  /// requests received with it, in arrival order.
  virtual std::vector<core::OriginRecord> End(const std::string& tag) = 0;
  /// "127.0.0.1:PORT": where the intermediary under test forwards to.
  virtual std::string authority() const = 0;
};

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
  /// > 0: after this many cases in a row (in finishing order) in which every
  /// request waited out its deadline without a byte, no new case starts;
  /// the run is incomplete and RunResult::stop_reason says why. Cases that
  /// sent nothing do not break the row.
  int max_consecutive_timeouts = 0;
  /// Cases run before, outside this call (the rest of the run, in a retry
  /// round): a case whose base is not among the cases of this call is
  /// judged by the base's result here, and skipped as "not run" when it is
  /// not here either.
  std::map<std::string, Settled> settled;
  /// Proxy runs: the scripted origin (not owned). A case step with an
  /// `origin` script is an error without one.
  OriginPort* origin = nullptr;
  /// Proxy runs: requests name the origin in absolute form (a forward
  /// proxy), ${origin_target} is "http://ORIGIN/__hc/TAG" and ${authority}
  /// the origin's; else (a gateway) ${origin_target} is "/__hc/TAG".
  bool forward = false;
  /// The HTTP version the transports speak, "1.1" or "2": every result
  /// records it (CaseResult::http), and a case that does not apply over it
  /// (Case::http) is skipped without a request.
  std::string http = "1.1";
};

/// Called after each case finishes (from worker threads, serialized by the runner).
using ProgressFn = std::function<void(const core::CaseResult& result, int done, int total)>;

/// The transports a run uses: raw requests always go through `raw`;
/// structured ones through `structured` (which may be the same object).
struct Transports {
  transport::Transport* raw = nullptr;
  transport::Transport* structured = nullptr;
  /// With `raw` null: why raw requests are not sent (they are HTTP/1.1 bytes
  /// and the run speaks HTTP/2); a case with one is skipped with this reason.
  std::string raw_skip_reason;
};

/// Runs `cases` against `target`; results are in the order of `cases`.
/// Cases not started because of `stop` (or max_consecutive_timeouts) are
/// left out and the run is marked incomplete.
///
/// Dependencies (Case::after): a case starts only once each of its bases in
/// `cases` has finished (a base outside `cases` is looked up in
/// options.settled), and runs only if each of them passed or did not apply
/// to this server (skipped by its own `require`: the case then decides its
/// own applicability). A base that failed, errored, was itself skipped for a
/// dependency, or is a MAY option the server did not take makes it skip
/// without a request, its result naming the first such base
/// (CaseResult::blocked_by). Workers take the lowest-numbered case that is
/// ready, so independent cases keep running in parallel while a dependent
/// waits; a case on a dependency cycle (which the loader refuses) is an
/// error rather than a deadlock. Whatever the number of workers and the
/// timing, every case sees the same outcomes of its bases.
core::RunResult RunCases(const std::vector<core::Case>& cases, const transport::Target& target,
                         const Transports& transports, const RunOptions& options,
                         const ProgressFn& progress = nullptr);

/// Runs one case (used by RunCases and by replay). The result keeps only
/// what reports show of each response (see TrimForReports in runner.cc).
core::CaseResult RunCase(const core::Case& c, const transport::Target& target,
                         const Transports& transports, const RunOptions& options);

/// The result of a case that did not run because its base `base` did not
/// pass: skipped, blocked_by set, with the reason "depends on BASE, which
/// failed" (or "could not run (error)", "was not judged either", "is an
/// option (MAY) the server did not take", "was not run"). `base_result` is
/// nullopt when the base was not run.
core::CaseResult BlockedResult(const core::Case& c, const std::string& base,
                               const std::optional<Settled>& base_result);

/// The built-in variables for a target: scheme host port authority path.
std::map<std::string, std::string> BuiltinVars(const transport::Target& target);

}  // namespace httpconform::runner

#endif  // HTTPCONFORM_RUNNER_RUNNER_H_
