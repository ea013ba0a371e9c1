// The result model: what a run produced, as immutable data. Report writers
// are pure functions of RunResult, so everything a report shows must be here:
// the request as sent, the response as parsed, the raw bytes (capped), each
// check with what was acceptable and what was seen, and passive findings.
#ifndef HTTPCONFORM_CORE_RESULT_H_
#define HTTPCONFORM_CORE_RESULT_H_

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/case.h"
#include "harness/core/message.h"

namespace httpconform::core {

/// How many bytes of each response's content a finished case keeps (the
/// rest is counted, not stored): reports show a preview and a digest of them.
inline constexpr std::size_t kKeptContentBytes = 4 * 1024;

/// The four outcomes, kept distinct as JUnit does.
enum class Outcome { kPass, kFail, kSkip, kError };

/// "pass", "fail", "skip", "error".
const char* OutcomeName(Outcome outcome);

/// One evaluated condition.
struct CheckResult {
  std::string kind;  ///< "require", "expect" or "passive".
  std::string name;  ///< e.g. "status", "header Content-Range matches ...".
  bool passed = false;
  std::string expected;
  std::string actual;
};

/// A status-code rule broken by a response, found without being asked for.
struct PassiveFinding {
  std::string rule;  ///< Stable id, e.g. "405.allow".
  Level level = Level::kMust;
  int status = 0;
  std::string rfc_section;  ///< e.g. "RFC 9110 §10.2.1": where the rule is defined.
  std::string message;
  int step = 0;  ///< Index of the step whose response broke it.
  /// Other sections stating the same rule, e.g. {"RFC 9110 §15.5.6"}.
  std::vector<std::string> also_sections = {};

  /// Every section, as printed: "RFC 9110 §10.2.1, §15.5.6" (the RFC named
  /// again only where it changes: "RFC 9110 §8.6; RFC 9112 §6.2").
  std::string Sections() const;
};

/// The request as it went out.
struct RequestRecord {
  std::string method;
  std::string target;
  Fields headers;
  bool raw = false;
  std::string bytes;  ///< Exactly what was sent (capped), for replay.
};

/// One executed step.
struct StepResult {
  RequestRecord request;
  std::optional<Response> response;  ///< Absent when nothing parseable arrived.
  std::string received;              ///< Raw bytes received (capped), for replay.
  bool connection_closed = false;
  bool response_before_content = false;
  double duration_ms = 0;
  std::vector<CheckResult> checks;
  std::string error;  ///< Transport error, if any.
  /// The deadline passed before the response was complete. For the runner's
  /// bookkeeping only: reports do not carry it (`error` says so in words).
  bool timed_out = false;
  /// Proxy cases: the requests the scripted origin received with this
  /// step's tag (`origin_tag`), in arrival order.
  std::vector<OriginRecord> origin_received;
  std::string origin_tag;
};

/// Why a case did not run: a base case it refines did not pass.
struct BlockedBy {
  std::string id;       ///< The base case.
  std::string outcome;  ///< What it gave: "fail", "skip", "error", or "not-run".
};

/// The outcome of one case.
struct CaseResult {
  std::string id;
  /// The HTTP version this result ran over: "1.1" or "2" ("" when read from
  /// a report that predates it). A run with `--http 1.1,2` holds one result
  /// per case and version (versions.h).
  std::string http;
  std::string title;
  std::string file;  ///< The case file it was loaded from, as named (e.g. "cases/methods.json").
  int line = 0;      ///< The line of the case in `file`; 0 when unknown.
  SpecRef spec;
  std::vector<int> codes;
  std::vector<std::string> tags;
  Outcome outcome = Outcome::kError;
  std::string reason;
  std::vector<std::string> expected;  ///< The acceptable outcomes (alternatives).
  std::string actual;                 ///< What was seen.
  double duration_ms = 0;
  std::vector<StepResult> steps;
  std::vector<PassiveFinding> findings;
  int attempts = 1;      ///< Runs of this case (1 + retries used; see `run --retries`).
  bool flaky = false;    ///< Failed or errored, then passed on a retry (outcome is then pass).
  std::string baseline;  ///< "" or, with `run --baseline`: "known" (a listed failure) or "fixed".
  /// The variables the case ran with (case defaults, what discovery chose,
  /// --var), not the built-ins of the URL and not captures: what `replay`
  /// sets again to send the same requests.
  std::map<std::string, std::string> vars;
  std::vector<std::string> after;  ///< The base cases this one refines (Case::after ids).
  /// Skipped without running because this base case did not pass.
  std::optional<BlockedBy> blocked_by;
  std::vector<std::string> pulled_in_by;  ///< Case::pulled_in_by: run as a base of these.
  /// A MAY-level case whose expectation was not met: the server made a
  /// choice the RFC allows, so the outcome is skip, never fail, and `reason`
  /// says what it chose (docs/verdicts.md).
  bool optional_not_taken = false;
  /// Skipped because the case does not apply over this result's HTTP version
  /// (Case::http, raw request bytes, a request about HTTP/1.1 itself): not a
  /// verdict, so never a "verdict differs" (versions.h).
  bool http_not_applicable = false;
};

/// Counts by outcome.
struct Summary {
  int total = 0, pass = 0, fail = 0, skip = 0, error = 0;
};

/// A case default that autodiscovery replaced on this server.
struct DiscoveredVar {
  std::string name;
  std::string default_value;  ///< The case default; "" for a null one.
  std::string value;          ///< What the server serves instead.
};

/// How a run was made: what `replay` and `baseline` need to repeat it.
struct RunSettings {
  bool recorded = false;          ///< False when read from a report that predates them.
  std::string http = "1.1";       ///< --http: "1.1", "2" or "1.1,2".
  std::string transport = "raw";  ///< Transport of structured requests: "raw", "h2" or "curl".
  int timeout_ms = 0;             ///< --timeout.
  bool tls_verify = true;         ///< https certificates verified (false: -k/--insecure).
  std::string tls_ca_file;        ///< --cacert; "" for the system CA store.
  std::map<std::string, std::string> vars;   ///< --var.
  std::vector<std::string> case_paths;       ///< --cases, made absolute.
  bool discovery = false;                    ///< Autodiscovery ran.
  std::vector<DiscoveredVar> discovered;     ///< Defaults it replaced.
  std::vector<std::string> discovery_notes;  ///< What it chose and why.
};

/// What makes a run fail (exit code 1), recorded with the run so that every
/// report draws the line exactly where the exit code does (verdict.h).
struct RunPolicy {
  Level fail_on = Level::kMust;  ///< --fail-on: the lowest level whose failures count.
  bool fail_on_flaky = false;    ///< --fail-on-flaky: a pass on a retry counts as its failure.
  bool strict_baseline = false;  ///< --strict-baseline: a listed case that now passes counts.
};

/// A run of `httpconform proxy`: the intermediary under test (target_url)
/// and the scripted origin behind it.
struct ProxyRun {
  std::string origin;    ///< The scripted origin's address, "127.0.0.1:PORT"; "" for `run`.
  bool forward = false;  ///< --forward: absolute-form requests (a forward proxy).
  /// Requests the origin received without a tag (answered 404), at most
  /// a few kept: what the intermediary sent that no case asked for.
  std::vector<std::string> untagged;
  std::size_t untagged_count = 0;
};

/// A whole run.
struct RunResult {
  std::string tool_name = "httpconform";
  std::string tool_version;
  std::string target_url;
  std::string started_at;  ///< RFC 3339, UTC.
  double duration_ms = 0;
  std::vector<CaseResult> results;  ///< In case-id order, whatever the scheduling.
  std::vector<std::string> notes;   ///< Run-level remarks (e.g. what autodiscovery chose).
  bool incomplete = false;          ///< True when interrupted or stopped early.
  /// Why the run stopped before every case ran, when the tool stopped it
  /// (e.g. the target stopped answering); "" when it was not, or when a
  /// signal interrupted it.
  std::string stop_reason;
  RunSettings settings;  ///< How the run was made (replay and baseline repeat it).
  RunPolicy policy;      ///< What fails the run.
  ProxyRun proxy;        ///< `httpconform proxy` only: proxy.origin is "" otherwise.
  /// Why the run could not be carried out at all (e.g. "target unreachable:
  /// ..."); "" when it ran. A run with an error has no results and fails.
  std::string error;
};

/// A result that names `c` (id, title, spec, codes, tags, after,
/// pulled_in_by), with no outcome decided yet: what every verdict starts from.
CaseResult ResultFor(const Case& c);

/// Counts outcomes of `run`.
Summary Summarize(const RunResult& run);

}  // namespace httpconform::core

#endif  // HTTPCONFORM_CORE_RESULT_H_
