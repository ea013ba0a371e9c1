// See h2_applicability.h.
#include "harness/runner/h2_applicability.h"

#include "harness/core/message.h"

namespace httpconform::runner {
namespace {

bool ConnectionSpecific(const std::string& name) {
  for (const char* n :
       {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"}) {
    if (core::EqualsIgnoreCase(name, n)) return true;
  }
  return false;
}

// The connection-specific field `e` needs present, or "".
std::string NeededField(const core::Expectation& e) {
  using Op = core::HeaderCheck::Op;
  for (const core::HeaderCheck& h : e.headers) {
    if (!ConnectionSpecific(h.name)) continue;
    const bool needs = h.op == Op::kPresent || h.op == Op::kEquals || h.op == Op::kMatches ||
                       h.op == Op::kListContains || (h.op == Op::kCount && h.count > 0);
    if (needs) return h.name;
  }
  return "";
}

}  // namespace

std::optional<std::string> UnmeetableOverH2(const std::vector<core::Expectation>& alternatives) {
  if (alternatives.empty()) return std::nullopt;
  std::string field;
  for (const core::Expectation& e : alternatives) {
    const std::string needed = NeededField(e);
    if (needed.empty()) return std::nullopt;
    if (field.empty()) field = needed;
  }
  return "not applicable over HTTP/2: the rule needs " + field +
         " in the response, a connection-specific field that RFC 9113 §8.2.2 forbids in "
         "HTTP/2 (\"An endpoint MUST NOT generate an HTTP/2 message containing "
         "connection-specific header fields\")";
}

bool JudgesHttp2(const std::vector<core::Expectation>& alternatives) {
  for (const core::Expectation& e : alternatives) {
    for (const auto* ids : {&e.diagnostics_present, &e.diagnostics_absent}) {
      for (const std::string& id : *ids) {
        if (id.rfind("h2.", 0) == 0) return true;
      }
    }
  }
  return false;
}

bool IsHttp2Case(const core::Case& c) {
  for (const core::Step& s : c.steps) {
    if (JudgesHttp2(s.expect) || JudgesHttp2(s.require)) return true;
  }
  return false;
}

std::string NotHttp2Reason(const std::string& version) {
  return "not applicable: the rule is about HTTP/2 messages (RFC 9113), and the response came "
         "in " +
         (version.empty() ? std::string("HTTP/1.x") : version) + "; run with --http 2";
}

}  // namespace httpconform::runner
