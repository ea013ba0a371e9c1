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
#include "harness/runner/passive_rules.h"

namespace httpconform::runner {
namespace {

using core::CaseResult;
using core::Outcome;
using core::StepResult;

double MillisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

// The variables of one case run: built-ins, case vars, --var, captures.
class Scope {
 public:
  void Set(const std::string& name, const std::string& value) { values_[name] = value; }
  const std::string* Find(const std::string& name) const {
    auto it = values_.find(name);
    return it == values_.end() ? nullptr : &it->second;
  }
  VarLookup Lookup() const {
    return [this](const std::string& name) { return Find(name); };
  }

 private:
  std::map<std::string, std::string> values_;
};

core::Expected<std::string> Sub(const std::string& tmpl, const Scope& scope) {
  return core::Substitute(tmpl, scope.Lookup());
}

bool HasField(const core::Fields& fields, const char* name) {
  return core::FindField(fields, name) != nullptr;
}

// Builds the request of a step with every template substituted. Structured
// requests get Host, User-Agent and Content-Length unless the case gives them
// or turns default headers off, so that what goes out is a valid HTTP/1.1
// request unless the case says otherwise.
core::Expected<transport::OutgoingRequest> BuildRequest(const core::RequestSpec& spec,
                                                        const Scope& scope,
                                                        const RunOptions& options, int timeout_ms) {
  transport::OutgoingRequest out;
  out.raw = spec.raw;
  out.reuse_connection = spec.reuse_connection;
  out.half_close = spec.half_close;
  out.timeout_ms = timeout_ms;
  if (spec.raw) {
    for (const core::RawSegment& seg : spec.segments) {
      core::Expected<std::string> bytes = Sub(seg.bytes, scope);
      if (!bytes) return bytes.error();
      core::RawSegment s = seg;
      s.bytes = std::move(*bytes);
      out.segments.push_back(std::move(s));
    }
    out.head_request =
        !out.segments.empty() && out.segments.front().bytes.compare(0, 5, "HEAD ") == 0;
    return out;
  }
  core::Expected<std::string> method = Sub(spec.method, scope);
  if (!method) return method.error();
  core::Expected<std::string> target = Sub(spec.target, scope);
  if (!target) return target.error();
  out.method = std::move(*method);
  out.target = std::move(*target);
  out.head_request = out.method == "HEAD";
  for (const core::Field& f : spec.headers) {
    core::Expected<std::string> v = Sub(f.value, scope);
    if (!v) return v.error();
    out.headers.push_back({f.name, std::move(*v)});
  }
  if (spec.body) {
    core::Expected<std::string> body = Sub(*spec.body, scope);
    if (!body) return body.error();
    out.body = std::move(*body);
  }
  if (spec.default_headers) {
    core::Fields defaults;
    if (!HasField(out.headers, "Host")) defaults.push_back({"Host", *scope.Find("authority")});
    if (!HasField(out.headers, "User-Agent"))
      defaults.push_back({"User-Agent", options.user_agent});
    out.headers.insert(out.headers.begin(), defaults.begin(), defaults.end());
    if (out.body && !HasField(out.headers, "Content-Length") &&
        !HasField(out.headers, "Transfer-Encoding")) {
      out.headers.push_back({"Content-Length", std::to_string(out.body->size())});
    }
  }
  out.continue_wait_ms = spec.continue_wait_ms;
  return out;
}

bool MentionsConnection(const std::vector<core::Expectation>& alternatives) {
  for (const core::Expectation& e : alternatives) {
    if (e.connection_closed) return true;
  }
  return false;
}

// The request fields passive rules depend on; for raw requests they are
// read from the bytes of the head (field lines up to the first empty line).
RequestFacts FactsFor(const transport::OutgoingRequest& request) {
  core::Fields fields = request.headers;
  if (request.raw) {
    std::string bytes;
    for (const core::RawSegment& seg : request.segments) bytes += seg.bytes;
    // One pass over views of the head: each line and value is trimmed by
    // moving a start index, and only names and values are copied.
    const std::string_view head(bytes);
    std::size_t start = head.find('\n');
    while (start != std::string_view::npos && start + 1 < head.size()) {
      const std::size_t end = head.find('\n', start + 1);
      std::string_view line = head.substr(
          start + 1, end == std::string_view::npos ? std::string_view::npos : end - start - 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) break;
      const std::size_t colon = line.find(':');
      if (colon != std::string_view::npos) {
        std::size_t v = colon + 1;
        while (v < line.size() && (line[v] == ' ' || line[v] == '\t')) ++v;
        fields.push_back({std::string(line.substr(0, colon)), std::string(line.substr(v))});
      }
      start = end;
    }
  }
  RequestFacts facts;
  facts.head = request.head_request;
  facts.had_range = core::FindField(fields, "Range") != nullptr;
  facts.upgrade_offered = OfferedProtocols(fields);
  return facts;
}

bool ExpectsClose(const std::vector<core::Expectation>& alternatives) {
  for (const core::Expectation& e : alternatives) {
    if (e.connection_closed && *e.connection_closed) return true;
  }
  return false;
}

// A step that reuses the connection and sends nothing: it reads a response
// the previous step's bytes asked for (pipelining), which may still be on
// its way, so no request may go out in between.
bool ReadsPendingResponse(const core::Step* next) {
  if (next == nullptr || !next->request.reuse_connection || !next->request.raw) return false;
  for (const core::RawSegment& seg : next->request.segments) {
    if (!seg.bytes.empty()) return false;
  }
  return true;
}

// The request sent to settle whether the server kept the connection open
// after a step's response: a GET (safe, RFC 9110 §9.2.1, and with content
// framed like any response, unlike HEAD whose answer a server might wrongly
// follow with content) of the step's own resource, else of the target URL's
// path. Whatever it returns, a response proves the connection was still open
// (RFC 9112 §9.3), and a server that closes the connection or said "close"
// does not answer it (§9.6: "MUST NOT process any further requests"), so the
// verdict is the one a wait would give, without the wait. Its answer is read
// whole by the transport, so a later step on the connection starts clean.
std::string ProbeRequestFor(const transport::OutgoingRequest& request, const Scope& scope,
                            const RunOptions& options) {
  std::string target = *scope.Find("path");
  const bool plain = std::all_of(request.target.begin(), request.target.end(),
                                 [](char ch) { return ch > ' ' && ch < 0x7f; });
  if (!request.raw && plain && !request.target.empty() && request.target.front() == '/') {
    target = request.target;
  }
  return "GET " + target + " HTTP/1.1\r\nHost: " + *scope.Find("authority") +
         "\r\nUser-Agent: " + options.user_agent + "\r\n\r\n";
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

// Finished cases are kept until the reports are written: keep only what a
// report shows of each response (a preview of its content, its size, the
// start of the raw bytes: the head and the first of the content), not up to
// max_content_bytes and max_record_bytes per step -- a server sending
// endless content to every case would otherwise hold cases x steps x 8 MiB,
// and reports that render every step's raw bytes twice (HTML) would be built
// from cases x steps x 64 KiB. Reports show 1 KiB of content
// (reports/report.h); the raw bytes are shown whole. Heads of up to 1 MiB
// (the parser's limit) keep their first field lines, up to 16 KiB in all,
// and count the others (Response::fields_omitted).
using core::kKeptContentBytes;
constexpr std::size_t kKeptReceivedBytes = 16 * 1024;
constexpr std::size_t kKeptFieldBytes = 16 * 1024;

// Keeps the first fields of `fields` while they fit in `*room` bytes; once
// one does not, it and every later one (in any list) are left out.
void KeepFirstFields(core::Fields* fields, std::size_t* room, std::size_t* omitted) {
  std::size_t keep = 0;
  while (keep < fields->size()) {
    const core::Field& f = (*fields)[keep];
    if (f.name.size() + f.value.size() > *room) break;
    *room -= f.name.size() + f.value.size();
    ++keep;
  }
  if (keep == fields->size()) return;
  *omitted += fields->size() - keep;
  *room = 0;
  fields->resize(keep);
  fields->shrink_to_fit();
}

void TrimForReports(CaseResult* result) {
  for (StepResult& step : result->steps) {
    if (step.received.size() > kKeptReceivedBytes) {
      step.received.resize(kKeptReceivedBytes);
      step.received.shrink_to_fit();
    }
    if (!step.response) continue;
    core::Response& r = *step.response;
    std::size_t room = kKeptFieldBytes;
    for (core::ResponseHead& interim : r.interim) {
      KeepFirstFields(&interim.fields, &room, &r.fields_omitted);
    }
    KeepFirstFields(&r.head.fields, &room, &r.fields_omitted);
    KeepFirstFields(&r.trailers, &room, &r.fields_omitted);
    if (step.response->content.size() <= kKeptContentBytes) continue;
    step.response->content.resize(kKeptContentBytes);
    step.response->content.shrink_to_fit();
    step.response->content_truncated = true;
  }
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
  core::Expected<std::string> substituted = Sub(because, scope);
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

// RunCase's steps. `leases` gets, per step in result.steps, the share of the
// run's content budget its response's content holds (null when none).
CaseResult RunSteps(const core::Case& c, const transport::Target& target,
                    const Transports& transports, const RunOptions& options,
                    std::vector<std::shared_ptr<core::ContentLease>>* leases) {
  auto start = std::chrono::steady_clock::now();
  CaseResult result = core::ResultFor(c);
  result.outcome = Outcome::kPass;

  Scope scope;
  for (const auto& [name, value] : BuiltinVars(target)) scope.Set(name, value);
  for (const auto& [name, value] : c.vars) {
    if (value) scope.Set(name, *value);
    // A default autodiscovery found unusable on this server (or a null one it
    // could fill) is replaced by what it found instead.
    auto replaced = options.replaced_defaults.find(name);
    if (replaced == options.replaced_defaults.end()) continue;
    auto by = replaced->second.find(value.value_or(""));
    if (by != replaced->second.end()) scope.Set(name, by->second);
  }
  for (const auto& [name, value] : options.vars) scope.Set(name, value);
  // What replay must set again: the case's variables, and built-ins --var overrode.
  for (const auto& [name, value] : c.vars) {
    if (const std::string* v = scope.Find(name)) result.vars[name] = *v;
  }
  const std::map<std::string, std::string> builtins = BuiltinVars(target);
  for (const auto& [name, value] : options.vars) {
    if (builtins.count(name)) result.vars[name] = value;
  }
  for (const auto& [name, value] : c.vars) {
    if (!value && !scope.Find(name)) {
      result.outcome = Outcome::kSkip;
      result.reason = "variable " + name + " not set (give --var " + name + "=VALUE)";
      result.duration_ms = MillisSince(start);
      return result;
    }
  }

  const int timeout_ms = c.timeout_ms > 0 ? c.timeout_ms : options.timeout_ms;
  std::unique_ptr<transport::Session> raw_session;
  std::unique_ptr<transport::Session> structured_session;
  const bool shared = transports.raw == transports.structured;

  for (std::size_t i = 0; i < c.steps.size(); ++i) {
    const core::Step& step = c.steps[i];
    const std::string label = StepLabel(i, c.steps.size());
    // Interrupted (SIGINT/SIGTERM): a running case ends at its next step
    // boundary, so the run stops within one step timeout of the signal.
    if (i > 0 && options.stop && options.stop->load()) {
      result.outcome = Outcome::kError;
      result.reason = label + "interrupted: the run was stopped before this step";
      break;
    }
    core::Expected<transport::OutgoingRequest> request =
        BuildRequest(step.request, scope, options, timeout_ms);
    if (!request) {
      result.outcome = Outcome::kError;
      result.reason = label + request.error().message;
      break;
    }
    // The window in which a close is looked for: long for "closed", short
    // for "open" (a server that means to close does so at once). It is only
    // waited out when nothing below settles the question sooner.
    if (ExpectsClose(step.expect) || ExpectsClose(step.require)) {
      request->probe_close_ms = std::min(timeout_ms, 2000);
    } else if (MentionsConnection(step.expect) || MentionsConnection(step.require)) {
      request->probe_close_ms = std::min(timeout_ms, 300);
    }
    // Rather than wait out the window on a server that keeps the connection
    // (most do), ask it something more: see ProbeRequestFor.
    const core::Step* next = i + 1 < c.steps.size() ? &c.steps[i + 1] : nullptr;
    if (request->probe_close_ms > 0 && !ReadsPendingResponse(next)) {
      request->probe_request = ProbeRequestFor(*request, scope, options);
    } else if (request->probe_close_ms > 0) {
      request->probe_pending_response = true;  // What the next step reads proves it open.
    }
    // And not at all when the step's outcome is the same either way (a
    // status that already fails, an alternative met without it).
    bool probe_skipped = false;
    if (request->probe_close_ms > 0) {
      request->probe_needed = [&](transport::Exchange& ex) {
        // The response is borrowed for the trial and given back: no copy.
        StepResult trial;
        trial.response = std::move(ex.response);
        trial.connection_closed = ex.connection_closed;
        trial.response_before_content = ex.response_before_content;
        probe_skipped = !OutcomeDependsOnConnection(step, &trial, result.steps, scope.Lookup());
        ex.response = std::move(trial.response);
        return !probe_skipped;
      };
    }

    transport::Transport* t = step.request.raw || shared ? transports.raw : transports.structured;
    std::unique_ptr<transport::Session>& session =
        (step.request.raw || shared) ? raw_session : structured_session;
    if (!t) {
      result.outcome = Outcome::kError;
      result.reason = label + "no transport for this kind of request";
      break;
    }
    if (!session) session = t->OpenSession();

    StepResult sr;
    sr.request.method = request->raw ? "" : request->method;
    sr.request.target = request->raw ? "" : request->target;
    sr.request.headers = request->headers;
    sr.request.raw = request->raw;
    core::Expected<transport::Exchange> exchange = session->Send(*request);
    leases->push_back(exchange ? exchange->content_lease : nullptr);
    if (!exchange) {
      sr.error = exchange.error().message;
      result.steps.push_back(std::move(sr));
      result.outcome = Outcome::kError;
      result.reason = label + exchange.error().message;
      result.actual = exchange.error().message;
      break;
    }
    FillFromExchange(&*exchange, &sr);

    if (c.http11_only && sr.response && AnswersHttp10(*sr.response)) {
      result.outcome = Outcome::kSkip;
      result.reason = label + kHttp10Responder + "; saw " + DescribeObserved(sr);
      result.steps.push_back(std::move(sr));
      break;
    }

    // A response begins with a status line (RFC 9112 §4): bytes that never
    // made one are no response (and no rule of a status code applies to
    // them). They stay in the step: the reports show them, and a case may
    // judge their wire diagnostics.
    const bool no_response = !sr.response || !HasStatusLine(*sr.response);
    const bool incomplete = !no_response && !sr.response->complete;
    const std::string not_http = NoStatusLineReason(sr);
    if ((no_response || incomplete) && !AnyAcceptsNoResponse(step.expect)) {
      std::string why;
      if (!not_http.empty()) {
        why = not_http;
      } else if (exchange->timed_out && no_response && !sr.received.empty()) {
        why = "no complete status line within " + std::to_string(timeout_ms) + " ms (" +
              std::to_string(sr.received.size()) + " bytes received)";
      } else if (exchange->timed_out) {
        why = (no_response ? "no response within " : "response incomplete after ") +
              std::to_string(timeout_ms) + " ms";
      } else if (exchange->reset) {
        why = no_response ? "connection reset before any response"
                          : "connection reset in the middle of the response";
      } else if (no_response) {
        why = sr.received.empty() ? "connection closed without a response"
                                  : "connection closed before a complete status line (" +
                                        std::to_string(sr.received.size()) + " bytes received)";
      } else {
        why = CutShortReason(*sr.response, exchange->error);
      }
      sr.error = why;
      if (sr.response) {
        RequestFacts facts = FactsFor(*request);
        facts.stray_after_status = exchange->stray_after_status;
        for (auto& f : CheckPassiveRules(*sr.response, facts, static_cast<int>(i))) {
          result.findings.push_back(std::move(f));
        }
      }
      result.actual = DescribeObserved(sr);
      result.steps.push_back(std::move(sr));
      result.outcome = Outcome::kError;
      result.reason = label + why;
      break;
    }

    StepView view{&sr, &result.steps};
    VarLookup lookup = scope.Lookup();
    // No alternative met, but one might have been on the whole content: an
    // error that says what could not be checked, never a skip or a fail.
    std::optional<Evaluation> undecided;  // Its reason and whose content (no checks).
    auto note_undecided = [&](const Evaluation& ev) {
      if (undecided || ev.undecided.empty()) return;
      undecided.emplace();
      undecided->undecided = ev.undecided;
      undecided->undecided_step = ev.undecided_step;
    };
    auto report_undecided = [&] {
      const std::size_t whose = undecided->undecided_step < 0
                                    ? leases->size() - 1
                                    : static_cast<std::size_t>(undecided->undecided_step);
      result.outcome = Outcome::kError;
      result.reason = label + undecided->undecided + " (" +
                      TruncationCause(whose < leases->size() ? (*leases)[whose].get() : nullptr) +
                      ")";
      result.actual = DescribeObserved(sr);
    };
    // An unobserved connection (probe skipped) is never the reason.
    const std::string unobserved = probe_skipped ? "connection" : "";
    if (!step.require.empty()) {
      std::vector<Evaluation> evaluations;
      bool met = false;
      for (const core::Expectation& e : step.require) {
        evaluations.push_back(Evaluate(e, view, lookup, "require"));
        sr.checks.insert(sr.checks.end(), evaluations.back().checks.begin(),
                         evaluations.back().checks.end());
        if ((met = evaluations.back().met)) break;
        note_undecided(evaluations.back());
      }
      if (!met && undecided) {
        report_undecided();
      } else if (!met) {
        const std::size_t closest = ClosestAlternative(evaluations, unobserved);
        const std::string because = Because(step.require, closest, scope);
        result.outcome = Outcome::kSkip;
        result.reason =
            label + "not applicable: " +
            (because.empty() ? "needs " + Describe(step.require[closest], lookup) : because) +
            "; saw " + DescribeObserved(sr);
      }
    }
    if (result.outcome == Outcome::kPass && !step.expect.empty()) {
      std::vector<Evaluation> evaluations;
      bool met = false;
      for (const core::Expectation& e : step.expect) {
        evaluations.push_back(Evaluate(e, view, lookup, "expect"));
        sr.checks.insert(sr.checks.end(), evaluations.back().checks.begin(),
                         evaluations.back().checks.end());
        if ((met = evaluations.back().met)) break;
        note_undecided(evaluations.back());
      }
      if (!met && undecided) {
        report_undecided();
      } else if (!met) {
        result.outcome = Outcome::kFail;
        result.expected.clear();
        for (const core::Expectation& e : step.expect)
          result.expected.push_back(Describe(e, lookup));
        result.actual = DescribeObserved(sr);
        // The reason speaks of the alternative closest to what was seen
        // (with several, the first is not necessarily the one meant).
        const std::size_t closest = ClosestAlternative(evaluations, unobserved);
        std::string first_failed;
        for (const core::CheckResult& ck : evaluations[closest].checks) {
          if (!ck.passed && ck.name != unobserved) {
            first_failed = ck.expected + ", got " + ck.actual;
            break;
          }
        }
        const std::string because = Because(step.expect, closest, scope);
        result.reason =
            label + (because.empty() ? "" : because + ": ") + "expected " + first_failed;
      }
    }
    if (sr.response) {
      RequestFacts facts = FactsFor(*request);
      facts.stray_after_status = exchange->stray_after_status;
      for (auto& f : CheckPassiveRules(*sr.response, facts, static_cast<int>(i))) {
        result.findings.push_back(std::move(f));
      }
    }
    if (result.outcome == Outcome::kPass) {
      std::string missing = ApplyCaptures(
          step.captures, sr.response ? &*sr.response : nullptr,
          [&scope](const std::string& name, const std::string& value) { scope.Set(name, value); });
      if (!missing.empty()) {
        result.outcome = Outcome::kSkip;
        result.reason = label + "not applicable: capture " + missing + " found nothing; saw " +
                        DescribeObserved(sr);
      }
    }
    if (probe_skipped) {
      for (core::CheckResult& check : sr.checks) {
        if (check.name == "connection")
          check.actual = "not observed (the outcome does not depend on it)";
      }
    }
    result.steps.push_back(std::move(sr));
    if (result.outcome != Outcome::kPass) break;
  }
  if (result.outcome == Outcome::kPass && !result.steps.empty()) {
    result.actual = DescribeObserved(result.steps.back());
  }
  // A MAY leaves the choice to the server (RFC 2119 §5): an unmet
  // expectation is what it chose, reported as a skip that says so, never a
  // failure. expected/actual keep the observation.
  if (result.outcome == Outcome::kFail && c.spec.level == core::Level::kMay) {
    result.outcome = Outcome::kSkip;
    result.optional_not_taken = true;
    result.reason = "optional (MAY), the server chose otherwise: " + result.reason;
  }
  result.duration_ms = MillisSince(start);
  return result;
}

// One run of a case; RunCase repeats it when the case asks for attempts.
CaseResult RunCaseOnce(const core::Case& c, const transport::Target& target,
                       const Transports& transports, const RunOptions& options) {
  std::vector<std::shared_ptr<core::ContentLease>> leases;
  CaseResult result = RunSteps(c, target, transports, options, &leases);
  // Trimmed before the leases go back: the budget covers the content until
  // only the part kept for the reports is left.
  TrimForReports(&result);
  return result;
}

}  // namespace

CaseResult RunCase(const core::Case& c, const transport::Target& target,
                   const Transports& transports, const RunOptions& options) {
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
  return result;
}

}  // namespace httpconform::runner
