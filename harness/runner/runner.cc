// Running one case (runner.h). A CaseRun binds the case's variables, then
// takes each step through the stages of the case format's own sections:
// build the request (step_request.h), send it, see that a response came,
// `require` (unmet: a skip), `expect` (unmet: a fail), the passive rules,
// `capture`; the first step that does not pass ends the case. RunCase around
// it repeats a failing run when the case asks for attempts, and trims what a
// finished run keeps for the reports before its content budget goes back.
#include "harness/runner/runner.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>

#include "harness/core/template.h"
#include "harness/runner/captures.h"
#include "harness/runner/expectations.h"
#include "harness/runner/h2_applicability.h"
#include "harness/runner/passive_rules.h"
#include "harness/runner/result_trim.h"
#include "harness/runner/step_request.h"

namespace httpconform::runner {
namespace {

using core::CaseResult;
using core::Outcome;
using core::StepResult;

double MillisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

// Moves what a step keeps out of the exchange: the content is never copied
// (at most one copy of it is alive per exchange).
void FillFromExchange(transport::Exchange* exchange, StepResult* sr) {
  sr->request.bytes = std::move(exchange->sent);
  sr->received = std::move(exchange->received);
  sr->response = std::move(exchange->response);
  exchange->response.reset();
  sr->connection_closed = exchange->connection_closed;
  sr->response_before_content = exchange->response_before_content;
  sr->duration_ms = exchange->duration_ms;
  sr->timed_out = exchange->timed_out;
}

// Why content was kept only in part, from the lease that held it.
std::string TruncationCause(const core::ContentLease* lease) {
  if (lease != nullptr && lease->refused()) {
    return "the run's content budget (" + std::to_string(lease->budget_total() >> 20) +
           " MiB for all responses held at once) was in use";
  }
  return "the content cap per response";
}

// Whether a step's outcome (require met? expect met?) could differ between
// "the server closed the connection" and "it kept it", given all else seen.
// A missing or incomplete response always could (no_response alternatives).
bool OutcomeDependsOnConnection(const core::Step& step, StepResult* trial,
                                const std::vector<StepResult>& earlier, const VarLookup& lookup) {
  if (!trial->response || !trial->response->complete) return true;
  auto outcome = [&](bool closed) {
    trial->connection_closed = closed;
    const StepView view{trial, &earlier};
    auto any_met = [&](const std::vector<core::Expectation>& alternatives, const char* kind) {
      for (const core::Expectation& e : alternatives) {
        if (Evaluate(e, view, lookup, kind).met) return true;
      }
      return false;
    };
    const bool required = step.require.empty() || any_met(step.require, "require");
    // Unmet require: a skip, whatever expect says.
    const bool expected = !required || step.expect.empty() || any_met(step.expect, "expect");
    return std::make_pair(required, expected);
  };
  return outcome(false) != outcome(true);
}

bool AnyAcceptsNoResponse(const std::vector<core::Expectation>& alternatives) {
  for (const core::Expectation& e : alternatives) {
    if (AcceptsNoResponse(e)) return true;
  }
  return false;
}

// The `because` of alternative `chosen` (else of the first, where case
// authors explain a step), with its variables substituted: a reason names
// the path that was tried, never "${protected}". A variable that cannot be
// substituted is left as written.
std::string Because(const std::vector<core::Expectation>& alternatives, std::size_t chosen,
                    const Scope& scope) {
  std::string because = alternatives[chosen].because;
  if (because.empty()) because = alternatives.front().because;
  core::Expected<std::string> substituted = core::Substitute(because, scope.Lookup());
  return substituted ? *substituted : because;
}

std::string StepLabel(std::size_t i, std::size_t n) {
  return n > 1 ? "step " + std::to_string(i + 1) + ": " : "";
}

// Why a response that began never completed, in words a person reads first:
// the transport's own reason (a cap it hit), else the parser's fatal
// diagnostic with its detail, its id in parentheses for searching.
std::string CutShortReason(const core::Response& response, const std::string& transport_error) {
  if (!transport_error.empty()) return "response cut short: " + transport_error;
  for (auto it = response.diagnostics.rbegin(); it != response.diagnostics.rend(); ++it) {
    if (!it->fatal) continue;
    const bool ended = it->id == "message.incomplete";
    return std::string(ended ? "response cut short: " : "malformed response: ") + it->detail +
           " (" + it->id + ")";
  }
  return "response cut short (stream ended)";
}

// RFC 9110 §6.2: a server that implements HTTP/1.0 only answers in HTTP/1.0
// and handles an HTTP/1.1 request "as if it were in the highest minor version
// within that major version to which the recipient is conformant", so a rule
// stated for HTTP/1.1 messages (Host, persistence by default) does not bind it.
bool AnswersHttp10(const core::Response& response) {
  const std::string& v = response.head.version;
  return v.size() == 8 && core::EqualsIgnoreCase(v.substr(0, 7), "HTTP/1.") && v[7] == '0';
}

constexpr const char* kHttp10Responder =
    "not applicable: the server answers in HTTP/1.0, so it handles the request as HTTP/1.0 and "
    "this rule for HTTP/1.1 messages does not bind it (RFC 9110 §6.2: a recipient \"SHOULD "
    "process the message as if it were in the highest minor version within that major version "
    "to which the recipient is conformant\")";

// Why the bytes of a step made no status line, in words: bytes that cannot
// be one are "not an HTTP response"; a limit of ours hit first is a
// malformed response; "" when a status line arrived, when nothing did, or
// when the bytes just stopped short of a whole one (the caller says how
// they stopped).
std::string NoStatusLineReason(const StepResult& sr) {
  if (!sr.response || HasStatusLine(*sr.response)) return "";
  for (const core::Diagnostic& d : sr.response->diagnostics) {
    if (!d.fatal || d.id == "message.incomplete") continue;
    const std::string detail = d.detail + " (" + d.id + ")";
    return d.id.rfind("status-line.", 0) == 0
               ? "not an HTTP response: no status line in the " +
                     std::to_string(sr.received.size()) + " bytes received (" + detail + ")"
               : "malformed response: " + detail;
  }
  // Bytes that cannot begin a status line ("HTTP/", after the empty lines
  // and whitespace a client may skip) are not HTTP however they end.
  const std::size_t at = sr.received.find_first_not_of("\r\n \t");
  if (at == std::string::npos) return "";
  static const char kName[] = "HTTP/";
  for (std::size_t i = 0; i < 5 && at + i < sr.received.size(); ++i) {
    const char c = sr.received[at + i];
    if (c != kName[i] && !(c >= 'a' && c <= 'z' && c - 'a' + 'A' == kName[i])) {
      return "not an HTTP response: the " + std::to_string(sr.received.size()) +
             " bytes received do not begin with a status line";
    }
  }
  return "";
}

}  // namespace

std::map<std::string, std::string> BuiltinVars(const transport::Target& target) {
  return {{"scheme", target.scheme},
          {"host", target.host},
          {"port", std::to_string(target.port)},
          {"authority", target.authority},
          {"path", target.base_path.empty() ? "/" : target.base_path}};
}

namespace {

// The state a step hands from one stage to the next.
struct StepRun {
  std::size_t index = 0;
  const core::Step* step = nullptr;
  std::string label;  // "step N: " when the case has several, for reasons.
  transport::OutgoingRequest request;
  transport::Exchange exchange;
  StepResult sr;
  bool probe_skipped = false;  // The connection's fate was not observed.
  // No alternative met, but one might have been on the whole content: its
  // reason and whose content (no checks).
  std::optional<Evaluation> undecided;
  std::string tag;  // The step's origin tag (proxy cases); "" when it scripts none.
};

// One run of a case's steps. Run() binds the variables, then takes each step
// through the stages of the case format's own sections -- build the request,
// send it, see that a response came, `require`, `expect`, `capture` -- and
// stops at the first step that does not pass. Each stage that can end the
// case says so in result_ and returns false. `leases` gets, per step in
// result.steps, the share of the run's content budget its response's content
// holds (null when none).
class CaseRun {
 public:
  CaseRun(const core::Case& c, const transport::Target& target, const Transports& transports,
          const RunOptions& options, std::vector<std::shared_ptr<core::ContentLease>>* leases)
      : c_(c), target_(target), transports_(transports), options_(options), leases_(leases) {}

  CaseResult Run() {
    start_ = std::chrono::steady_clock::now();
    result_ = core::ResultFor(c_);
    result_.outcome = Outcome::kPass;
    if (!BindVariables()) {
      result_.duration_ms = MillisSince(start_);
      return std::move(result_);
    }
    timeout_ms_ = c_.timeout_ms > 0 ? c_.timeout_ms : options_.timeout_ms;
    for (std::size_t i = 0; i < c_.steps.size(); ++i) {
      if (!RunStep(i)) break;
    }
    if (result_.outcome == Outcome::kPass && !result_.steps.empty()) {
      result_.actual = DescribeObserved(result_.steps.back());
    }
    // A MAY leaves the choice to the server (RFC 2119 §5): an unmet
    // expectation is what it chose, reported as a skip that says so, never a
    // failure. expected/actual keep the observation.
    if (result_.outcome == Outcome::kFail && c_.spec.level == core::Level::kMay) {
      result_.outcome = Outcome::kSkip;
      result_.optional_not_taken = true;
      result_.reason = "optional (MAY), the server chose otherwise: " + result_.reason;
    }
    result_.duration_ms = MillisSince(start_);
    return std::move(result_);
  }

 private:
  // Built-ins, the case's vars (or what discovery replaced them with), then
  // --var; false (a skip) when a variable the case leaves unset has no value.
  bool BindVariables() {
    for (const auto& [name, value] : BuiltinVars(target_)) scope_.Set(name, value);
    // A forward proxy is asked for the origin: Host names it (RFC 9112 §3.2.2).
    if (options_.origin != nullptr && options_.forward) {
      scope_.Set("authority", options_.origin->authority());
    }
    for (const auto& [name, value] : c_.vars) {
      if (value) scope_.Set(name, *value);
      // A default autodiscovery found unusable on this server (or a null one it
      // could fill) is replaced by what it found instead.
      auto replaced = options_.replaced_defaults.find(name);
      if (replaced == options_.replaced_defaults.end()) continue;
      auto by = replaced->second.find(value.value_or(""));
      if (by != replaced->second.end()) scope_.Set(name, by->second);
    }
    for (const auto& [name, value] : options_.vars) scope_.Set(name, value);
    // What replay must set again: the case's variables, and built-ins --var overrode.
    for (const auto& [name, value] : c_.vars) {
      if (const std::string* v = scope_.Find(name)) result_.vars[name] = *v;
    }
    const std::map<std::string, std::string> builtins = BuiltinVars(target_);
    for (const auto& [name, value] : options_.vars) {
      if (builtins.count(name)) result_.vars[name] = value;
    }
    for (const auto& [name, value] : c_.vars) {
      if (!value && !scope_.Find(name)) {
        result_.outcome = Outcome::kSkip;
        result_.reason = "variable " + name + " not set (give --var " + name + "=VALUE)";
        return false;
      }
    }
    return true;
  }

  // The life of one step; false when the case ends with it.
  bool RunStep(std::size_t i) {
    StepRun s;
    s.index = i;
    s.step = &c_.steps[i];
    s.label = StepLabel(i, c_.steps.size());
    // Interrupted (SIGINT/SIGTERM): a running case ends at its next step
    // boundary, so the run stops within one step timeout of the signal.
    if (i > 0 && options_.stop && options_.stop->load()) {
      result_.outcome = Outcome::kError;
      result_.reason = s.label + "interrupted: the run was stopped before this step";
      return false;
    }
    if (!BeginOrigin(&s)) return false;
    const bool sent = Build(&s) && Send(&s);
    EndOrigin(&s);
    if (!sent || !Answered(&s)) return false;
    Require(&s);
    if (result_.outcome == Outcome::kPass) Expect(&s);
    PassiveRules(&s);
    if (result_.outcome == Outcome::kPass) Capture(&s);
    if (s.probe_skipped) {
      for (core::CheckResult& check : s.sr.checks) {
        if (check.name == "connection")
          check.actual = "not observed (the outcome does not depend on it)";
      }
    }
    result_.steps.push_back(std::move(s.sr));
    return result_.outcome == Outcome::kPass;
  }

  // Proxy cases: a step that scripts the origin gets a tag unique to the
  // run, its script registered under it, and the variables that put the
  // tag in the request (${origin_path}, ${origin_target}).
  bool BeginOrigin(StepRun* s) {
    const core::Step& step = *s->step;
    if (!step.origin) return true;
    if (options_.origin == nullptr) {
      result_.outcome = Outcome::kError;
      result_.reason = s->label + "this step scripts the origin: run it with `httpconform proxy`";
      return false;
    }
    static std::atomic<unsigned long> counter{0};
    step_tags_.resize(c_.steps.size());
    if (step.origin->same_tag_as_step >= 0) {
      // The same resource as an earlier step (a cache case): its tag again.
      s->tag = step_tags_[static_cast<std::size_t>(step.origin->same_tag_as_step)];
    } else {
      s->tag = c_.id + ".s" + std::to_string(s->index + 1) + "." + std::to_string(++counter);
    }
    step_tags_[s->index] = s->tag;
    const std::string path = "/__hc/" + s->tag;
    const std::string origin = options_.origin->authority();
    scope_.Set("origin_tag", s->tag);
    scope_.Set("origin_path", path);
    scope_.Set("origin_authority", origin);
    scope_.Set("origin_target", options_.forward ? "http://" + origin + path : path);
    options_.origin->Begin(s->tag, *step.origin);
    return true;
  }

  // Ends the step's tag: what the origin received goes to the step (or to
  // the step an error already recorded).
  void EndOrigin(StepRun* s) {
    if (s->tag.empty()) return;
    std::vector<core::OriginRecord> records = options_.origin->End(s->tag);
    const bool recorded = !result_.steps.empty() && result_.steps.size() == s->index + 1;
    StepResult& sr = recorded ? result_.steps.back() : s->sr;
    sr.origin_tag = s->tag;
    sr.origin_received = std::move(records);
  }

  // Build: the request with its templates substituted, and how the
  // connection's fate after it is to be observed.
  bool Build(StepRun* s) {
    const core::Step& step = *s->step;
    core::Expected<transport::OutgoingRequest> request =
        BuildRequest(step.request, scope_, options_, timeout_ms_);
    if (!request) {
      result_.outcome = Outcome::kError;
      result_.reason = s->label + request.error().message;
      return false;
    }
    s->request = std::move(*request);
    // The window in which a close is looked for: long for "closed", short
    // for "open" (a server that means to close does so at once). It is only
    // waited out when nothing below settles the question sooner.
    if (ExpectsClose(step.expect) || ExpectsClose(step.require)) {
      s->request.probe_close_ms = std::min(timeout_ms_, 2000);
    } else if (MentionsConnection(step.expect) || MentionsConnection(step.require)) {
      s->request.probe_close_ms = std::min(timeout_ms_, 300);
    }
    // Rather than wait out the window on a server that keeps the connection
    // (most do), ask it something more: see ProbeRequestFor.
    const core::Step* next = s->index + 1 < c_.steps.size() ? &c_.steps[s->index + 1] : nullptr;
    if (s->request.probe_close_ms > 0 && !ReadsPendingResponse(next)) {
      s->request.probe_request = ProbeRequestFor(s->request, scope_, options_);
    } else if (s->request.probe_close_ms > 0) {
      s->request.probe_pending_response = true;  // What the next step reads proves it open.
    }
    // And not at all when the step's outcome is the same either way (a
    // status that already fails, an alternative met without it).
    if (s->request.probe_close_ms > 0) {
      s->request.probe_needed = [this, s](transport::Exchange& ex) {
        // The response is borrowed for the trial and given back: no copy.
        StepResult trial;
        trial.response = std::move(ex.response);
        trial.connection_closed = ex.connection_closed;
        trial.response_before_content = ex.response_before_content;
        s->probe_skipped =
            !OutcomeDependsOnConnection(*s->step, &trial, result_.steps, scope_.Lookup());
        ex.response = std::move(trial.response);
        return !s->probe_skipped;
      };
    }
    return true;
  }

  // Send: over the session of the request's kind (raw or structured; one
  // session when both kinds share a transport), opened on first use.
  bool Send(StepRun* s) {
    const bool shared = transports_.raw == transports_.structured;
    const bool raw = s->step->request.raw || shared;
    transport::Transport* t = raw ? transports_.raw : transports_.structured;
    std::unique_ptr<transport::Session>& session = raw ? raw_session_ : structured_session_;
    if (!t && raw && !transports_.raw_skip_reason.empty()) {
      result_.outcome = Outcome::kSkip;
      result_.http_not_applicable = true;
      result_.reason = s->label + transports_.raw_skip_reason;
      return false;
    }
    if (!t) {
      result_.outcome = Outcome::kError;
      result_.reason = s->label + "no transport for this kind of request";
      return false;
    }
    if (!session) session = t->OpenSession();

    StepResult& sr = s->sr;
    sr.request.method = s->request.raw ? "" : s->request.method;
    sr.request.target = s->request.raw ? "" : s->request.target;
    sr.request.headers = s->request.headers;
    sr.request.raw = s->request.raw;
    core::Expected<transport::Exchange> exchange = session->Send(s->request);
    leases_->push_back(exchange ? exchange->content_lease : nullptr);
    if (!exchange && exchange.error().code == transport::kHttp1OnlyError) {
      result_.outcome = Outcome::kSkip;
      result_.http_not_applicable = true;
      result_.reason = s->label + "HTTP/1.1 only: " + exchange.error().message;
      return false;
    }
    if (!exchange) {
      sr.error = exchange.error().message;
      result_.steps.push_back(std::move(sr));
      result_.outcome = Outcome::kError;
      result_.reason = s->label + exchange.error().message;
      result_.actual = exchange.error().message;
      return false;
    }
    s->exchange = std::move(*exchange);
    FillFromExchange(&s->exchange, &sr);
    return true;
  }

  // What came back is a response the case can judge: an HTTP/1.1 one when the
  // case says http11_only, and whole unless an alternative accepts none.
  bool Answered(StepRun* s) {
    StepResult& sr = s->sr;
    const transport::Exchange& exchange = s->exchange;
    if (c_.http11_only && sr.response && AnswersHttp10(*sr.response)) {
      result_.outcome = Outcome::kSkip;
      result_.reason = s->label + kHttp10Responder + "; saw " + DescribeObserved(sr);
      result_.steps.push_back(std::move(sr));
      return false;
    }
    if (sr.response) {
      const std::string& version = sr.response->head.version;
      std::optional<std::string> why =
          version == "HTTP/2" ? UnmeetableOverH2(s->step->expect) : std::nullopt;
      if (version != "HTTP/2" && JudgesHttp2(s->step->expect)) why = NotHttp2Reason(version);
      if (why) {
        result_.outcome = Outcome::kSkip;
        result_.reason = s->label + *why;
        result_.steps.push_back(std::move(sr));
        return false;
      }
    }
    // A response begins with a status line (RFC 9112 §4): bytes that never
    // made one are no response (and no rule of a status code applies to
    // them). They stay in the step: the reports show them, and a case may
    // judge their wire diagnostics.
    const bool no_response = !sr.response || !HasStatusLine(*sr.response);
    const bool incomplete = !no_response && !sr.response->complete;
    if ((!no_response && !incomplete) || AnyAcceptsNoResponse(s->step->expect)) return true;
    const std::string not_http = NoStatusLineReason(sr);
    std::string why;
    if (!not_http.empty()) {
      why = not_http;
    } else if (exchange.timed_out && no_response && !sr.received.empty()) {
      why = "no complete status line within " + std::to_string(timeout_ms_) + " ms (" +
            std::to_string(sr.received.size()) + " bytes received)";
    } else if (exchange.timed_out) {
      why = (no_response ? "no response within " : "response incomplete after ") +
            std::to_string(timeout_ms_) + " ms";
    } else if (exchange.reset) {
      why = no_response ? "connection reset before any response"
                        : "connection reset in the middle of the response";
    } else if (no_response) {
      why = sr.received.empty() ? "connection closed without a response"
                                : "connection closed before a complete status line (" +
                                      std::to_string(sr.received.size()) + " bytes received)";
    } else {
      why = CutShortReason(*sr.response, exchange.error);
    }
    sr.error = why;
    PassiveRules(s);
    result_.actual = DescribeObserved(sr);
    result_.steps.push_back(std::move(sr));
    result_.outcome = Outcome::kError;
    result_.reason = s->label + why;
    return false;
  }

  // Evaluates `alternatives` in order until one is met; their checks go to
  // the step. `evaluations` gets one per alternative tried.
  bool Alternatives(const std::vector<core::Expectation>& alternatives, const char* role,
                    StepRun* s, std::vector<Evaluation>* evaluations) {
    StepView view{&s->sr, &result_.steps};
    VarLookup lookup = scope_.Lookup();
    for (const core::Expectation& e : alternatives) {
      evaluations->push_back(Evaluate(e, view, lookup, role));
      s->sr.checks.insert(s->sr.checks.end(), evaluations->back().checks.begin(),
                          evaluations->back().checks.end());
      if (evaluations->back().met) return true;
      const Evaluation& ev = evaluations->back();
      if (!s->undecided && !ev.undecided.empty()) {
        s->undecided.emplace();
        s->undecided->undecided = ev.undecided;
        s->undecided->undecided_step = ev.undecided_step;
      }
    }
    return false;
  }

  // No alternative met, and one was undecided: an error that says what could
  // not be checked, never a skip or a fail.
  void ReportUndecided(const StepRun& s) {
    const std::size_t whose = s.undecided->undecided_step < 0
                                  ? leases_->size() - 1
                                  : static_cast<std::size_t>(s.undecided->undecided_step);
    result_.outcome = Outcome::kError;
    result_.reason = s.label + s.undecided->undecided + " (" +
                     TruncationCause(whose < leases_->size() ? (*leases_)[whose].get() : nullptr) +
                     ")";
    result_.actual = DescribeObserved(s.sr);
  }

  // An unobserved connection (probe skipped) is never the reason.
  static std::string Unobserved(const StepRun& s) { return s.probe_skipped ? "connection" : ""; }

  // Require: unmet, the case does not apply to this server (a skip).
  void Require(StepRun* s) {
    const std::vector<core::Expectation>& require = s->step->require;
    if (require.empty()) return;
    std::vector<Evaluation> evaluations;
    if (Alternatives(require, "require", s, &evaluations)) return;
    if (s->undecided) {
      ReportUndecided(*s);
      return;
    }
    const std::size_t closest = ClosestAlternative(evaluations, Unobserved(*s));
    const std::string because = Because(require, closest, scope_);
    result_.outcome = Outcome::kSkip;
    result_.reason =
        s->label + "not applicable: " +
        (because.empty() ? "needs " + Describe(require[closest], scope_.Lookup()) : because) +
        "; saw " + DescribeObserved(s->sr);
  }

  // Expect: unmet, the server broke the rule (a fail).
  void Expect(StepRun* s) {
    const std::vector<core::Expectation>& expect = s->step->expect;
    if (expect.empty()) return;
    std::vector<Evaluation> evaluations;
    if (Alternatives(expect, "expect", s, &evaluations)) return;
    if (s->undecided) {
      ReportUndecided(*s);
      return;
    }
    VarLookup lookup = scope_.Lookup();
    result_.outcome = Outcome::kFail;
    result_.expected.clear();
    for (const core::Expectation& e : expect) result_.expected.push_back(Describe(e, lookup));
    result_.actual = DescribeObserved(s->sr);
    // The reason speaks of the alternative closest to what was seen
    // (with several, the first is not necessarily the one meant).
    const std::string unobserved = Unobserved(*s);
    const std::size_t closest = ClosestAlternative(evaluations, unobserved);
    std::string first_failed;
    for (const core::CheckResult& ck : evaluations[closest].checks) {
      if (!ck.passed && ck.name != unobserved) {
        first_failed = ck.expected + ", got " + ck.actual;
        break;
      }
    }
    const std::string because = Because(expect, closest, scope_);
    result_.reason =
        s->label + (because.empty() ? "" : because + ": ") + "expected " + first_failed;
  }

  // The passive rules, on every response whatever the case checks.
  void PassiveRules(StepRun* s) {
    if (!s->sr.response) return;
    RequestFacts facts = FactsFor(s->request);
    facts.stray_after_status = s->exchange.stray_after_status;
    for (auto& f : CheckPassiveRules(*s->sr.response, facts, static_cast<int>(s->index))) {
      result_.findings.push_back(std::move(f));
    }
  }

  // Capture: variables for later steps; one that finds nothing is a skip.
  void Capture(StepRun* s) {
    const StepResult& sr = s->sr;
    std::string missing = ApplyCaptures(
        s->step->captures, sr.response ? &*sr.response : nullptr,
        [this](const std::string& name, const std::string& value) { scope_.Set(name, value); });
    if (!missing.empty()) {
      result_.outcome = Outcome::kSkip;
      result_.reason = s->label + "not applicable: capture " + missing + " found nothing; saw " +
                       DescribeObserved(sr);
    }
  }

  const core::Case& c_;
  const transport::Target& target_;
  const Transports& transports_;
  const RunOptions& options_;
  std::vector<std::shared_ptr<core::ContentLease>>* leases_;
  std::chrono::steady_clock::time_point start_;
  CaseResult result_;
  Scope scope_;
  std::vector<std::string> step_tags_;  // Each step's origin tag, for same_tag_as_step.
  int timeout_ms_ = 0;
  std::unique_ptr<transport::Session> raw_session_;
  std::unique_ptr<transport::Session> structured_session_;
};

// One run of a case; RunCase repeats it when the case asks for attempts.
CaseResult RunCaseOnce(const core::Case& c, const transport::Target& target,
                       const Transports& transports, const RunOptions& options) {
  std::vector<std::shared_ptr<core::ContentLease>> leases;
  CaseResult result = CaseRun(c, target, transports, options, &leases).Run();
  // Trimmed before the leases go back: the budget covers the content until
  // only the part kept for the reports is left.
  TrimForReports(&result);
  return result;
}

}  // namespace

CaseResult RunCase(const core::Case& c, const transport::Target& target,
                   const Transports& transports, const RunOptions& options) {
  if (!c.AppliesToHttp(options.http)) {
    CaseResult skipped = core::ResultFor(c);
    skipped.http = options.http;
    skipped.outcome = Outcome::kSkip;
    skipped.http_not_applicable = true;
    skipped.reason = "not run over HTTP/" + options.http + ": " + c.http_reason;
    return skipped;
  }
  auto start = std::chrono::steady_clock::now();
  CaseResult result = RunCaseOnce(c, target, transports, options);
  // A failure that one exchange cannot establish stands only when every
  // attempt fails; a later pass says what the earlier attempts saw.
  std::string earlier;
  for (int attempt = 2; attempt <= c.attempts && result.outcome == Outcome::kFail; ++attempt) {
    if (options.stop && options.stop->load()) break;
    earlier += "; attempt " + std::to_string(attempt - 1) + ": " + result.reason;
    result = RunCaseOnce(c, target, transports, options);
    if (result.outcome == Outcome::kPass) {
      result.reason = "passed on attempt " + std::to_string(attempt) + " of " +
                      std::to_string(c.attempts) + earlier;
    } else if (result.outcome != Outcome::kFail) {
      result.reason += " (on attempt " + std::to_string(attempt) + earlier + ")";
    } else if (attempt == c.attempts) {
      result.reason = "failed in all " + std::to_string(c.attempts) +
                      " attempts (each on fresh connections): " + result.reason;
    }
  }
  result.duration_ms = MillisSince(start);
  result.http = options.http;
  return result;
}

}  // namespace httpconform::runner
