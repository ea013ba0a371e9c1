// The expectation grammar (case_checker.h): `require` and `expect` (status,
// header checks, content checks, interim responses, connection, wire
// diagnostics) and `capture`. runner/expectations.cc evaluates what this
// file accepts, key for key: a new key touches both.
#include <cstdint>
#include <limits>
#include <utility>

#include "harness/loader/case_checker.h"
#include "harness/loader/vocabulary.h"

namespace httpconform::loader {

std::vector<core::Expectation> CaseChecker::Alternatives(const Json& v, const std::string& pointer,
                                                         const Scope& scope) {
  std::vector<core::Expectation> out;
  if (v.is_object()) {
    out.push_back(Expectation(v, pointer, scope));
  } else if (v.is_array()) {
    if (v.empty()) {
      ErrorAtValue(pointer, "empty list of alternatives: give at least one, or omit the field");
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string p = Child(pointer, i);
      if (IsObject(v[i], p)) out.push_back(Expectation(v[i], p, scope));
    }
  } else {
    TypeError(v, pointer, "an expectation object or an array of them");
  }
  return out;
}

core::Expectation CaseChecker::Expectation(const Json& v, const std::string& pointer,
                                           const Scope& scope) {
  core::Expectation e;
  Fields(v, pointer,
         {"status", "headers", "header", "content", "interim", "connection", "diagnostics",
          "response_before_content", "no_response", "because", "origin_received"});
  if (const Json* origin = Find(v, "origin_received")) {
    e.origin_received = OriginReceived(*origin, pointer + "/origin_received", scope);
  }
  if (const Json* status = Find(v, "status")) {
    std::string p = pointer + "/status";
    if (status->is_number_integer()) {
      // RFC 9110 §15: a status code is three digits; a case may probe unregistered ones.
      if (auto n = Int(*status, p, 100, 999, "status code"))
        e.status.push_back(static_cast<int>(*n));
    } else if (status->is_array()) {
      if (status->empty()) ErrorAtValue(p, "\"status\" is empty: omit it to accept any status");
      e.status = StatusArray(*status, p, 100, 999);
    } else {
      TypeError(*status, p, "an integer or an array of integers");
    }
  }
  if (const Json* headers = Find(v, "headers")) {
    std::string p = pointer + "/headers";
    if (IsObject(*headers, p)) {
      for (const auto& item : headers->items()) {
        if (auto check = HeaderCheck(item.key(), item.value(), Child(p, item.key()), scope)) {
          e.headers.push_back(std::move(*check));
        }
      }
    }
  }
  if (const Json* header = Find(v, "header")) {
    std::string p = pointer + "/header";
    std::vector<std::string> names;
    if (header->is_string()) {
      if (auto s = String(*header, p, true)) names.push_back(*s);
    } else if (header->is_array()) {
      names = StringArray(*header, p, nullptr);
    } else {
      TypeError(*header, p, "a header name or an array of them");
    }
    for (auto& name : names) {
      core::HeaderCheck check;
      check.name = std::move(name);
      check.op = core::HeaderCheck::Op::kPresent;
      e.headers.push_back(std::move(check));
    }
  }
  if (const Json* content = Find(v, "content")) {
    // One check, or an array of them that must all hold.
    std::string p = pointer + "/content";
    if (content->is_array()) {
      if (content->empty()) ErrorAtValue(p, "\"content\" is empty: omit it to accept any content");
      for (std::size_t i = 0; i < content->size(); ++i) {
        if (auto check = ContentCheck((*content)[i], Child(p, i), scope)) {
          e.content.push_back(std::move(*check));
        }
      }
    } else if (auto check = ContentCheck(*content, p, scope)) {
      e.content.push_back(std::move(*check));
    }
  }
  if (const Json* interim = Find(v, "interim")) {
    std::string p = pointer + "/interim";
    if (interim->is_array()) {
      // RFC 9110 §15.2: interim responses are exactly the 1xx class.
      e.interim = StatusArray(*interim, p, 100, 199);
    } else {
      TypeError(*interim, p, "an array of integers");
    }
  }
  if (const Json* connection = Find(v, "connection")) {
    if (auto s = String(*connection, pointer + "/connection")) {
      if (*s == "closed" || *s == "open") {
        e.connection_closed = *s == "closed";
      } else {
        ErrorAtValue(pointer + "/connection",
                     "invalid connection " + Quote(*s) + ": expected \"closed\" or \"open\"");
      }
    }
  }
  if (const Json* diagnostics = Find(v, "diagnostics")) {
    std::string p = pointer + "/diagnostics";
    if (IsObject(*diagnostics, p)) {
      Fields(*diagnostics, p, {"present", "absent"});
      // Ids the wire parsers define: a misspelt one could never be present.
      // "absent": ["*"] asks for a message free of any diagnostic.
      auto known_id = [&](const std::string& id, const std::string& at) {
        return Known(id, at, KnownDiagnosticIds(), "wire diagnostic id");
      };
      auto known_or_any = [&](const std::string& id, const std::string& at) {
        return id == "*" || known_id(id, at);
      };
      if (const Json* present = Find(*diagnostics, "present")) {
        e.diagnostics_present = StringArray(*present, p + "/present", known_id);
      }
      if (const Json* absent = Find(*diagnostics, "absent")) {
        e.diagnostics_absent = StringArray(*absent, p + "/absent", known_or_any);
      }
    }
  }
  if (const Json* b = Find(v, "response_before_content")) {
    e.response_before_content = Bool(*b, pointer + "/response_before_content");
  }
  if (const Json* b = Find(v, "no_response")) e.no_response = Bool(*b, pointer + "/no_response");
  if (const Json* because = Find(v, "because")) {
    if (auto s = String(*because, pointer + "/because")) e.because = *s;
  }
  return e;
}

std::optional<core::HeaderCheck> CaseChecker::HeaderCheck(const std::string& name, const Json& v,
                                                          const std::string& pointer,
                                                          const Scope& scope) {
  using Op = core::HeaderCheck::Op;
  core::HeaderCheck check;
  check.name = name;
  if (name.empty()) {
    ErrorAtKey(pointer, "empty header name");
    return std::nullopt;
  }
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (s == "present") {
      check.op = Op::kPresent;
    } else if (s == "absent") {
      check.op = Op::kAbsent;
    } else {
      Template(s, pointer, scope);
      check.op = Op::kEquals;
      check.value = s;
    }
    return check;
  }
  if (!v.is_object()) {
    TypeError(v, pointer, "\"present\", \"absent\", a string or an object");
    return std::nullopt;
  }
  std::string op = OneOf(
      v, pointer, {"equals", "matches", "not_matches", "list_contains", "list_excludes", "count"});
  if (op.empty()) return std::nullopt;
  std::string p = Child(pointer, op);
  const Json& arg = *Find(v, op);
  if (op == "count") {
    auto n = Int(arg, p, 0, 1000, "count");
    if (!n) return std::nullopt;
    check.op = Op::kCount;
    check.count = static_cast<int>(*n);
    return check;
  }
  auto s = String(arg, p);
  if (!s) return std::nullopt;
  check.value = *s;
  if (op == "matches" || op == "not_matches") {
    check.op = op == "matches" ? Op::kMatches : Op::kNotMatches;
    Regex(*s, p);
    return check;
  }
  Template(*s, p, scope);
  // list_contains / list_excludes compare comma-list members (RFC 9110 §5.6.1).
  check.op = op == "equals"          ? Op::kEquals
             : op == "list_contains" ? Op::kListContains
                                     : Op::kListExcludes;
  return check;
}

std::optional<core::ContentCheck> CaseChecker::ContentCheck(const Json& v,
                                                            const std::string& pointer,
                                                            const Scope& scope) {
  using Kind = core::ContentCheck::Kind;
  core::ContentCheck check;
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (s == "empty" || s == "non-empty") {
      check.kind = s == "empty" ? Kind::kEmpty : Kind::kNonEmpty;
      return check;
    }
    ErrorAtValue(pointer, "invalid content check " + Quote(s) +
                              ": expected \"empty\", \"non-empty\" or an object");
    return std::nullopt;
  }
  if (!v.is_object()) {
    TypeError(v, pointer, "\"empty\", \"non-empty\" or an object");
    return std::nullopt;
  }
  std::string op = OneOf(
      v, pointer,
      {"equals", "matches", "not_matches", "size", "range_of", "same_as", "matches_content_range"});
  if (op.empty()) return std::nullopt;
  std::string p = Child(pointer, op);
  const Json& arg = *Find(v, op);
  if (op == "equals" || op == "matches" || op == "not_matches") {
    auto s = String(arg, p);
    if (!s) return std::nullopt;
    check.value = *s;
    if (op != "equals") {
      check.kind = op == "matches" ? Kind::kMatches : Kind::kNotMatches;
      Regex(*s, p);
    } else {
      check.kind = Kind::kEquals;
      Template(*s, p, scope);
    }
    return check;
  }
  if (op == "size") {
    auto n = Int(arg, p, 0, std::numeric_limits<std::int64_t>::max(), "size");
    if (!n) return std::nullopt;
    check.kind = Kind::kSize;
    check.size = static_cast<std::uint64_t>(*n);
    return check;
  }
  if (!IsObject(arg, p)) return std::nullopt;
  bool range = op == "range_of";
  check.kind = range             ? Kind::kRangeOf
               : op == "same_as" ? Kind::kSameAs
                                 : Kind::kMatchesContentRange;
  Fields(
      arg, p,
      range ? std::vector<std::string>{"step", "first", "last"} : std::vector<std::string>{"step"});
  bool ok = true;
  if (const Json* step = Require(arg, p, "step")) {
    auto n = Int(*step, p + "/step", 0, std::numeric_limits<int>::max(), "step");
    if (n && static_cast<std::size_t>(*n) >= scope.step) {
      ErrorAtValue(p + "/step", "step " + std::to_string(*n) +
                                    " is not an earlier step (this is step " +
                                    std::to_string(scope.step) + "; steps count from 0)");
      n.reset();
    }
    ok = ok && n.has_value();
    if (n) check.step = static_cast<int>(*n);
  } else {
    ok = false;
  }
  if (range) {
    for (const char* key : {"first", "last"}) {
      std::string kp = p + "/" + key;
      const Json* bound = Require(arg, p, key);
      std::string value;
      if (bound == nullptr) {
        ok = false;
      } else if (bound->is_number_integer()) {
        auto n = Int(*bound, kp, 0, std::numeric_limits<std::int64_t>::max(), key);
        ok = ok && n.has_value();
        if (n) value = std::to_string(*n);
      } else if (bound->is_string()) {
        value = bound->get<std::string>();
        Template(value, kp, scope);
      } else {
        TypeError(*bound, kp, "an integer or a string");
        ok = false;
      }
      (key[0] == 'f' ? check.first : check.last) = value;
    }
  }
  if (!ok) return std::nullopt;
  return check;
}

std::optional<core::Capture> CaseChecker::Capture(const Json& v, const std::string& pointer) {
  using Source = core::Capture::Source;
  if (!IsObject(v, pointer)) return std::nullopt;
  Fields(v, pointer, {"header", "regex", "status", "content_regex"});
  const Json* header = Find(v, "header");
  const Json* regex = Find(v, "regex");
  const Json* status = Find(v, "status");
  const Json* content_regex = Find(v, "content_regex");
  int sources = (header != nullptr) + (status != nullptr) + (content_regex != nullptr);
  if (sources == 0) {
    ErrorAtValue(pointer, regex ? "\"regex\" needs \"header\" (or use \"content_regex\")"
                                : "a capture needs one of \"header\", \"status\" or "
                                  "\"content_regex\"");
    return std::nullopt;
  }
  if (sources > 1) {
    ErrorAtValue(pointer, "give only one of \"header\", \"status\" or \"content_regex\"");
    return std::nullopt;
  }
  core::Capture c;
  if (status != nullptr) {
    auto b = Bool(*status, pointer + "/status");
    if (!b) return std::nullopt;
    if (!*b) {
      ErrorAtValue(pointer + "/status", "\"status\" must be true (it captures the status code)");
      return std::nullopt;
    }
    if (regex) ErrorAtKey(pointer + "/regex", "\"regex\" applies to \"header\" only");
    c.source = Source::kStatus;
    return c;
  }
  if (content_regex != nullptr) {
    auto s = String(*content_regex, pointer + "/content_regex", true);
    if (!s) return std::nullopt;
    if (regex) ErrorAtKey(pointer + "/regex", "\"regex\" applies to \"header\" only");
    Regex(*s, pointer + "/content_regex");
    c.source = Source::kContentRegex;
    c.regex = *s;
    return c;
  }
  auto name = String(*header, pointer + "/header", true);
  if (!name) return std::nullopt;
  c.header = *name;
  c.source = Source::kHeader;
  if (regex) {
    auto s = String(*regex, pointer + "/regex", true);
    if (!s) return std::nullopt;
    Regex(*s, pointer + "/regex");
    c.source = Source::kHeaderRegex;
    c.regex = *s;
  }
  return c;
}

}  // namespace httpconform::loader
