// The oracle. Its table is the operator table (mutators.cc): each operator
// says what the RFC requires for what it produces. Here that claim is checked
// against wire::RequestParser on the actual bytes (an operator's defect can
// be undone or masked by another), and then the exchange is judged:
//
// | finding      | when                                                         | rule |
// |--------------|--------------------------------------------------------------|------|
// | timeout      | nothing received before the deadline, request complete       | RFC 9112
// §9.5/§6.3: a complete request gets a response | | reset        | reset with no response, request
// complete, verdict ≠ unusual  | RFC 9112 §9.6 | | no-400       | closed with no response, verdict
// must-400                    | the verdict's rule | | status-5xx   | 5xx other than 501/505,
// verdict must-400 or reject-or-repair | the verdict's rule (4xx or repair, never a server error) |
// | status-2xx   | 2xx, verdict must-400                                        | the verdict's
// rule | | desync       | more responses than requests; fewer, the rest never answered | RFC 9112
// §9.3.2 | |              | on a connection left open, when the verdict is valid         |      |
//
// 501 (unknown transfer coding, RFC 9112 §6.1 SHOULD) and 505 (version,
// RFC 9110 §15.6.6) are answers a conforming server may give before it gets
// to the defect, so they never count as a server error here. Incomplete
// requests (a Content-Length longer than the content sent, an unterminated
// chunked body) may legitimately wait for more bytes: no timeout finding.
#include "harness/netfuzz/oracle.h"

#include "harness/wire/request_parser.h"

namespace httpconform::netfuzz {
namespace {

struct ParseResult {
  wire::RequestParser::State state;
  std::vector<core::Diagnostic> diagnostics;
};

ParseResult ParseFirst(const std::string& bytes) {
  wire::RequestParser parser;
  std::size_t used = parser.Feed(bytes);
  if (parser.state() == wire::RequestParser::State::kHeadDone) {
    parser.Continue();
    parser.Feed(std::string_view(bytes).substr(used));
  }
  return {parser.state(), parser.request().diagnostics};
}

// The rule for "every complete request is answered": a server reads the
// whole request and then responds (RFC 9112 §9.3).
Rule PersistenceRule() {
  return Rule{9112, "9.3", "MUST",
              "A server MUST read the entire request message body or close the connection after "
              "sending its response; otherwise, the remaining data on a persistent connection "
              "would be misinterpreted as the next request."};
}

}  // namespace

Requirement Classify(const Plan& plan, const Rendered& rendered) {
  Requirement req;
  ParseResult parsed = ParseFirst(rendered.first_message);
  using State = wire::RequestParser::State;
  req.complete = parsed.state == State::kDone || parsed.state == State::kError;
  // Content over our parser's cap is not over every server's: such a server
  // waits for the rest of the content, which was never sent.
  if (core::FindDiagnostic(parsed.diagnostics, "content.too-large") != nullptr) {
    req.complete = false;
  }
  const bool error = parsed.state == State::kError;
  bool unusual = !error && parsed.state != State::kDone;
  for (const Mutation& mu : plan.mutations) {
    if (mu.op < 0 || mu.op >= static_cast<int>(AllOperators().size())) continue;
    const OperatorInfo& info = AllOperators()[mu.op];
    Verdict v = info.verdict;
    if (v >= Verdict::kRejectOrRepair) {
      const bool confirmed =
          error && (info.diagnostic.empty() ||
                    core::FindDiagnostic(parsed.diagnostics, info.diagnostic) != nullptr);
      if (!confirmed) v = Verdict::kUnusual;
    }
    if (v == Verdict::kUnusual) unusual = true;
    if (v > req.verdict) {
      req.verdict = v;
      req.rule = info.rule;
      req.op = info.name;
    }
  }
  // A "valid" request the strict parser rejects is at most unusual: the
  // parser may be stricter than the RFC, and we only flag what the RFC says.
  if (req.verdict == Verdict::kValid && (unusual || error)) req.verdict = Verdict::kUnusual;
  return req;
}

Judgement Judge(const Rendered& rendered, const Requirement& req, const Outcome& o) {
  Judgement j;
  const bool nothing = o.received.empty();
  if (nothing && o.timed_out && req.complete) {
    j.kind = "timeout";
    j.reason = "no response within the timeout to a complete request (verdict " +
               std::string(VerdictName(req.verdict)) + ")";
    j.rule = req.rule;
    if (j.rule.quote.empty()) j.rule = PersistenceRule();
    return j;
  }
  if (nothing && o.reset && req.complete && req.verdict != Verdict::kUnusual) {
    j.kind = "reset";
    j.reason = "connection reset without a response";
    j.rule = req.rule.quote.empty() ? PersistenceRule() : req.rule;
    return j;
  }
  if (nothing && o.closed && req.verdict == Verdict::kMust400) {
    j.kind = "no-400";
    j.reason = "connection closed without the required 400 response (" + req.op + ")";
    j.rule = req.rule;
    return j;
  }
  if (!o.statuses.empty()) {
    const int status = o.statuses.front();
    const bool strong = req.verdict == Verdict::kMust400 || req.verdict == Verdict::kRejectOrRepair;
    if (strong && status >= 500 && status <= 599 && status != 501 && status != 505) {
      j.kind = "status-5xx";
      j.reason = "answered " + std::to_string(status) + " where RFC " +
                 std::to_string(req.rule.rfc) + " §" + req.rule.section + " requires " +
                 (req.verdict == Verdict::kMust400 ? "400" : "400 or repair") + " (" + req.op + ")";
      j.rule = req.rule;
      return j;
    }
    if (req.verdict == Verdict::kMust400 && status >= 200 && status <= 299) {
      j.kind = "status-2xx";
      j.reason = "answered " + std::to_string(status) + " to a request RFC " +
                 std::to_string(req.rule.rfc) + " §" + req.rule.section +
                 " requires to be rejected with 400 (" + req.op + ")";
      j.rule = req.rule;
      return j;
    }
  }
  const int seen = static_cast<int>(o.statuses.size());
  // Fewer responses than requests is only a desync when the server kept the
  // connection open and went silent: closing after a response (with or
  // without "close") is always allowed (RFC 9112 §9.6), and the client is
  // the one that retries (§9.3.2). The campaign waits out the deadline for
  // this only when it can fire (ExchangeWaits::judge_stall: valid verdict).
  const bool stalled = req.verdict == Verdict::kValid && o.timed_out && !o.closed && seen > 0 &&
                       o.complete_responses < rendered.requests;
  if (!o.parse_error && (seen > rendered.requests || stalled)) {
    j.kind = "desync";
    j.reason = std::to_string(seen) + " response(s) to " + std::to_string(rendered.requests) +
               " request(s) sent in one write";
    j.rule = Rule{9112, "9.3.2", "MUST",
                  "A server MAY process a sequence of pipelined requests in parallel if they all "
                  "have safe methods (Section 9.2.1 of [HTTP]), but it MUST send the "
                  "corresponding responses in the same order that the requests were received."};
    return j;
  }
  return j;
}

}  // namespace httpconform::netfuzz
