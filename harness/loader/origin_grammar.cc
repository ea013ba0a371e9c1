// The grammar of proxy cases (case_checker.h, docs/case-format.md "Proxy
// cases"): a step's `origin` (how the scripted origin answers the request the
// step causes) and an expectation's `origin_received` (what reached the
// origin). runner/origin_checks.cc evaluates what this file accepts.
#include "harness/loader/case_checker.h"

namespace httpconform::loader {
namespace {

constexpr std::int64_t kMaxOriginDelayMs = 600000;
constexpr std::size_t kMaxOriginContent = 1024 * 1024;  // The origin's own bound per response.

}  // namespace

// The names a proxy case may use besides the built-ins: set per step that
// scripts the origin (runner.cc, BeginOrigin).
const std::vector<std::string>& OriginVariables() {
  static const std::vector<std::string> kNames = {"origin_tag", "origin_path", "origin_target",
                                                  "origin_authority"};
  return kNames;
}

void CaseChecker::Origin(const Json& v, const std::string& pointer, const Scope& scope,
                         core::OriginScript* out) {
  if (!IsObject(v, pointer)) return;
  Fields(v, pointer,
         {"action", "status", "headers", "content", "chunked", "trailers", "interim", "delay_ms",
          "raw", "close", "same_tag_as_step"});
  if (const Json* action = Find(v, "action")) {
    if (auto s = String(*action, pointer + "/action")) {
      using A = core::OriginScript::Action;
      if (*s == "respond") {
        out->action = A::kRespond;
      } else if (*s == "hang") {
        out->action = A::kHang;
      } else if (*s == "close") {
        out->action = A::kClose;
      } else if (*s == "reset") {
        out->action = A::kReset;
      } else {
        Known(*s, pointer + "/action", {"respond", "hang", "close", "reset"}, "origin action");
      }
    }
  }
  if (const Json* status = Find(v, "status")) {
    if (auto n = Int(*status, pointer + "/status", 100, 999, "status code")) {
      out->status = static_cast<int>(*n);
    }
  }
  if (const Json* headers = Find(v, "headers")) {
    Headers(*headers, pointer + "/headers", scope, &out->headers);
  }
  if (const Json* trailers = Find(v, "trailers")) {
    Headers(*trailers, pointer + "/trailers", scope, &out->trailers);
  }
  if (const Json* content = Find(v, "content")) {
    if (auto s = String(*content, pointer + "/content")) {
      if (s->size() > kMaxOriginContent) {
        ErrorAtValue(pointer + "/content", "origin content over 1 MiB");
      }
      Template(*s, pointer + "/content", scope);
      out->content = *s;
    }
  }
  if (const Json* chunked = Find(v, "chunked")) {
    if (auto b = Bool(*chunked, pointer + "/chunked")) out->chunked = *b;
  }
  if (!out->trailers.empty() && !out->chunked) {
    ErrorAtValue(pointer + "/trailers", "\"trailers\" needs \"chunked\": true");
  }
  if (const Json* interim = Find(v, "interim")) {
    if (interim->is_array()) {
      out->interim = StatusArray(*interim, pointer + "/interim", 100, 199);
    } else {
      TypeError(*interim, pointer + "/interim", "an array of integers");
    }
  }
  if (const Json* delay = Find(v, "delay_ms")) {
    if (auto n = Int(*delay, pointer + "/delay_ms", 0, kMaxOriginDelayMs, "delay_ms")) {
      out->delay_ms = static_cast<int>(*n);
    }
  }
  if (const Json* raw = Find(v, "raw")) {
    if (auto s = String(*raw, pointer + "/raw", true)) {
      Template(*s, pointer + "/raw", scope);
      out->raw = RawBytes(*s, pointer + "/raw");
    }
  }
  if (const Json* close = Find(v, "close")) {
    if (auto b = Bool(*close, pointer + "/close")) out->close_after = *b;
  }
  // An earlier step's tag: that the step scripts the origin too is checked
  // once every step is read (case_grammar.cc).
  if (const Json* same = Find(v, "same_tag_as_step")) {
    const std::int64_t last = scope.step == 0 ? -1 : static_cast<std::int64_t>(scope.step) - 1;
    if (last < 0) {
      ErrorAtValue(pointer + "/same_tag_as_step",
                   "the first step has no earlier step's tag to reuse");
    } else if (auto n = Int(*same, pointer + "/same_tag_as_step", 0, last, "an earlier step")) {
      out->same_tag_as_step = static_cast<int>(*n);
    }
  }
}

std::optional<core::OriginExpectation> CaseChecker::OriginReceived(const Json& v,
                                                                   const std::string& pointer,
                                                                   const Scope& scope) {
  if (!IsObject(v, pointer)) return std::nullopt;
  core::OriginExpectation e;
  Fields(v, pointer, {"count", "method", "version", "target", "headers", "framing"});
  if (const Json* version = Find(v, "version")) {
    if (auto s = String(*version, pointer + "/version", true)) e.version = *s;
  }
  if (const Json* count = Find(v, "count")) {
    if (auto n = Int(*count, pointer + "/count", 0, 100, "count")) e.count = static_cast<int>(*n);
  }
  if (const Json* method = Find(v, "method")) {
    if (auto s = String(*method, pointer + "/method", true)) e.method = *s;
  }
  if (const Json* target = Find(v, "target")) {
    if (auto s = String(*target, pointer + "/target", true)) {
      Template(*s, pointer + "/target", scope);
      e.target = *s;
    }
  }
  if (const Json* headers = Find(v, "headers")) {
    const std::string p = pointer + "/headers";
    if (IsObject(*headers, p)) {
      for (const auto& item : headers->items()) {
        if (auto check = HeaderCheck(item.key(), item.value(), Child(p, item.key()), scope)) {
          e.headers.push_back(std::move(*check));
        }
      }
    }
  }
  if (const Json* framing = Find(v, "framing")) {
    if (auto s = String(*framing, pointer + "/framing")) {
      if (Known(*s, pointer + "/framing", {"none", "content-length", "chunked"}, "framing")) {
        e.framing = *s;
      }
    }
  }
  return e;
}

}  // namespace httpconform::loader
