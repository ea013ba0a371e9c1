// The case grammar's first half (case_checker.h): a file's list of cases,
// each case's members (id, spec, codes, vars, killed_by, after, steps), and
// each step's request, structured or raw. What a step expects and captures
// is in expectations.cc.
#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <utility>

#include "harness/core/bcp14.h"
#include "harness/core/template.h"
#include "harness/loader/case_checker.h"
#include "harness/loader/vocabulary.h"
#include "harness/server/faults.h"

namespace httpconform::loader {
namespace {

using core::Case;

constexpr std::int64_t kMaxMillis = 600000;  // Ten minutes: any longer wait is a mistake.
constexpr std::int64_t kMaxAttempts = 5;     // More runs than this only hide a server that fails.

bool MatchesIdSyntax(const std::string& id) {
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (id.empty() || !alnum(id[0])) return false;
  return std::all_of(id.begin(), id.end(),
                     [&](char c) { return alnum(c) || c == '.' || c == '-'; });
}

bool MatchesFaultSyntax(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

// The cases of the file; `id_pointers` gets the pointer of each case's id.
std::vector<Case> CaseChecker::File(const Json& root, std::vector<std::string>* id_pointers) {
  std::vector<Case> cases;
  for (const auto& dup : shallow_.duplicate_keys()) {
    std::size_t slash = dup.pointer.rfind('/');
    std::string message =
        "duplicate field " + Quote(UnescapePointerToken(dup.pointer.substr(slash + 1)));
    const std::string parent = dup.pointer.substr(0, slash);
    const std::string headers = "/request/headers";
    if (parent.size() >= headers.size() &&
        parent.compare(parent.size() - headers.size(), headers.size(), headers) == 0) {
      message += " (repeat a header field with the array form: [[\"name\", \"value\"], ...])";
    }
    ErrorAtOffset(dup.key_offset, dup.pointer, message);
  }
  if (!root.is_object()) {
    ErrorAtValue("", std::string("expected an object with \"cases\", got ") + TypeName(root));
    return cases;
  }
  Fields(root, "", {"cases"});
  const Json* list = Require(root, "", "cases");
  if (list == nullptr || !IsArray(*list, "/cases")) return cases;
  std::map<std::string, std::string> ids;  // id -> pointer of its first definition.
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::string pointer = Child("/cases", i);
    std::optional<Case> c = CaseAt((*list)[i], pointer);
    if (!c) continue;
    if (!c->id.empty()) {
      auto [it, inserted] = ids.emplace(c->id, pointer + "/id");
      if (!inserted) {
        LineColumn first = lines_.At(shallow_.NearestValueOffset(it->second));
        ErrorAtValue(pointer + "/id", "duplicate case id " + Quote(c->id) + " (first defined at " +
                                          file_.path + ":" + std::to_string(first.line) + ")");
      }
    }
    cases.push_back(std::move(*c));
    id_pointers->push_back(pointer + "/id");
  }
  return cases;
}

std::optional<Case> CaseChecker::CaseAt(const Json& v, const std::string& pointer) {
  if (!IsObject(v, pointer)) return std::nullopt;
  Case c;
  c.file = file_.path;
  c.line = lines_.At(shallow_.NearestValueOffset(pointer)).line;
  Fields(v, pointer,
         {"id", "title", "spec", "codes", "tags", "vars", "killed_by", "unkillable", "timeout_ms",
          "http11_only", "http", "attempts", "after", "steps"});
  for (const char* key : {"id", "title", "spec", "codes", "steps"}) Require(v, pointer, key);

  if (const Json* id = Find(v, "id")) {
    if (auto s = String(*id, pointer + "/id")) {
      if (MatchesIdSyntax(*s)) {
        c.id = *s;
      } else {
        ErrorAtValue(pointer + "/id", "invalid id " + Quote(*s) +
                                          ": use [a-z0-9][a-z0-9.-]*, e.g. "
                                          "\"conditional.if-none-match.304\"");
      }
    }
  }
  if (const Json* title = Find(v, "title")) {
    if (auto s = String(*title, pointer + "/title", true)) c.title = *s;
  }
  if (const Json* spec = Find(v, "spec")) Spec(*spec, pointer + "/spec", &c.spec);
  if (const Json* codes = Find(v, "codes")) {
    if (codes->is_array()) {
      c.codes = StatusArray(*codes, pointer + "/codes", 100, 999);
    } else {
      TypeError(*codes, pointer + "/codes", "an array of integers");
    }
  }
  if (const Json* tags = Find(v, "tags")) c.tags = StringArray(*tags, pointer + "/tags", nullptr);

  Scope scope;
  for (const auto& name : core::BuiltinVariables()) scope.vars.insert(name);
  if (const Json* vars = Find(v, "vars"); vars && IsObject(*vars, pointer + "/vars")) {
    for (const auto& item : vars->items()) {
      std::string p = Child(pointer + "/vars", item.key());
      if (!core::IsValidVariableName(item.key())) {
        ErrorAtKey(p, "invalid variable name " + Quote(item.key()) +
                          ": use letters, digits, '_' and '-', not starting with a digit");
        continue;
      }
      scope.vars.insert(item.key());
      if (item.value().is_null()) {
        c.vars[item.key()] = std::nullopt;
      } else if (item.value().is_string()) {
        c.vars[item.key()] = item.value().get<std::string>();
      } else {
        TypeError(item.value(), p, "a string or null");
      }
    }
  }

  const Json* killed_by = Find(v, "killed_by");
  const Json* unkillable = Find(v, "unkillable");
  if (killed_by) {
    c.killed_by = StringArray(
        *killed_by, pointer + "/killed_by", [&](const std::string& s, const std::string& p) {
          if (!MatchesFaultSyntax(s)) {
            ErrorAtValue(p, "invalid fault name " + Quote(s) + ": use [a-z0-9-]+");
            return false;
          }
          // A fault the reference server has: one it lacks proves nothing.
          // An earlier name of a fault is still that fault.
          return server::CurrentFaultName(s) != nullptr ||
                 Known(s, p, KnownFaultNames(), "fault name");
        });
    for (std::string& name : c.killed_by) {
      if (const char* current = server::CurrentFaultName(name)) name = current;
    }
  }
  if (unkillable) {
    if (auto s = String(*unkillable, pointer + "/unkillable", true)) c.unkillable = *s;
  }
  std::string who = c.id.empty() ? "case" : "case " + Quote(c.id);
  // Only the built-in library proves itself against the reference server's
  // faults (tests/proof_test.cc); a user's own case needs neither member.
  if (killed_by && unkillable) {
    ErrorAtKey(pointer + "/unkillable",
               who + " has both \"killed_by\" and \"unkillable\": keep one");
  } else if (file_.library && !killed_by && !unkillable) {
    ErrorAtValue(pointer, who +
                              " has neither \"killed_by\" nor \"unkillable\": name the faults "
                              "that must make it fail, or say why none can");
  } else if (file_.library && killed_by && killed_by->is_array() && killed_by->empty()) {
    ErrorAtValue(pointer + "/killed_by",
                 who +
                     " has an empty \"killed_by\" and no \"unkillable\": name a fault, or "
                     "replace it with \"unkillable\" saying why none can");
  }
  if (const Json* timeout = Find(v, "timeout_ms")) {
    if (auto n = Int(*timeout, pointer + "/timeout_ms", 1, kMaxMillis, "timeout_ms")) {
      c.timeout_ms = static_cast<int>(*n);
    }
  }
  if (const Json* http11 = Find(v, "http11_only")) {
    if (auto b = Bool(*http11, pointer + "/http11_only")) c.http11_only = *b;
  }
  if (const Json* attempts = Find(v, "attempts")) {
    if (auto n = Int(*attempts, pointer + "/attempts", 1, kMaxAttempts, "attempts")) {
      c.attempts = static_cast<int>(*n);
    }
  }
  if (const Json* after = Find(v, "after")) After(*after, pointer + "/after", &c);
  const Json* http = Find(v, "http");
  if (http) Http(*http, pointer + "/http", &c);

  const Json* steps = Find(v, "steps");
  if (steps && IsArray(*steps, pointer + "/steps")) {
    if (steps->empty()) {
      ErrorAtValue(pointer + "/steps", "\"steps\" is empty: a case needs at least one step");
    }
    for (std::size_t i = 0; i < steps->size(); ++i) {
      const Json& step = (*steps)[i];
      // A proxy case: every step may use the variables of the origin's tag.
      if (step.is_object() && Find(step, "origin")) {
        scope.vars.insert(OriginVariables().begin(), OriginVariables().end());
      }
      const Json* capture = step.is_object() ? Find(step, "capture") : nullptr;
      if (capture == nullptr || !capture->is_object()) continue;
      for (const auto& item : capture->items()) scope.first_capture_step.emplace(item.key(), i);
    }
    for (std::size_t i = 0; i < steps->size(); ++i) {
      scope.step = i;
      core::Step step;
      std::vector<std::string> captured;
      Step((*steps)[i], Child(pointer + "/steps", i), scope, &step);
      if (step.origin && step.origin->same_tag_as_step >= 0 &&
          !c.steps[static_cast<std::size_t>(step.origin->same_tag_as_step)].origin) {
        ErrorAtValue(Child(pointer + "/steps", i) + "/origin/same_tag_as_step",
                     "step " + std::to_string(step.origin->same_tag_as_step) +
                         " scripts no origin, so it has no tag to reuse");
      }
      for (const auto& capture : step.captures) captured.push_back(capture.var);
      c.steps.push_back(std::move(step));
      // Captures become visible from the next step on.
      scope.vars.insert(captured.begin(), captured.end());
    }
  }
  InferHttp(http != nullptr, pointer, &c);
  return c;
}

// The HTTP versions a case declares it applies to: "1.1", "2", each once,
// at least one.
void CaseChecker::Http(const Json& v, const std::string& pointer, Case* c) {
  std::set<std::string> seen;
  c->http = StringArray(v, pointer, [&](const std::string& version, const std::string& p) {
    if (!Known(version, p, {"1.1", "2"}, "HTTP version")) return false;
    if (!seen.insert(version).second) {
      ErrorAtValue(p, "HTTP version " + Quote(version) + " is named twice in \"http\"");
      return false;
    }
    return true;
  });
  if (v.is_array() && v.empty()) {
    ErrorAtValue(pointer,
                 "\"http\" is empty: name the versions the case applies to, "
                 "[\"1.1\"], [\"2\"] or both");
  }
  if (c->http.size() == 2) c->http.clear();  // Both: the default.
  if (!c->http.empty()) {
    c->http_reason = "the case is about HTTP/" + c->http.front() + " only (its \"http\" member)";
  }
}

// What a case needs tells its version where that is exact. Raw request
// bytes are HTTP/1.1 messages: a case with one applies to HTTP/1.1 only,
// said or not, and saying otherwise is an error at "http". A rule of RFC
// 9112 (HTTP/1.1: its message syntax, framing and connection management)
// binds HTTP/1.1 only, unless the case says otherwise.
void CaseChecker::InferHttp(bool declared, const std::string& pointer, Case* c) {
  bool raw = false;
  for (const core::Step& step : c->steps) raw = raw || step.request.raw;
  if (!raw) {
    if (!declared && c->spec.rfc == 9112) {
      c->http = {"1.1"};
      c->http_reason = "its rule is RFC 9112's, HTTP/1.1 messaging";
    }
    return;
  }
  if (declared && !c->AppliesToHttp("1.1")) {
    ErrorAtValue(pointer + "/http",
                 "a case with raw request bytes applies to HTTP/1.1 only, not \"http\": "
                 "[\"2\"]");
    return;
  }
  if (declared && c->http.empty()) {
    ErrorAtValue(pointer + "/http",
                 "a case with raw request bytes applies to HTTP/1.1 only: its bytes are not "
                 "sent over HTTP/2; write [\"1.1\"] or leave \"http\" out");
    return;
  }
  c->http = {"1.1"};
  c->http_reason = "raw request bytes are HTTP/1.1 messages";
}

// The base cases a case refines: ids, each once, not the case itself.
// Whether they exist, and cycles, are checked across all files once they
// are loaded (dependencies.h): an id may name a case of another file.
void CaseChecker::After(const Json& v, const std::string& pointer, Case* c) {
  std::set<std::string> seen;
  StringArray(v, pointer, [&](const std::string& id, const std::string& p) {
    if (!MatchesIdSyntax(id)) {
      ErrorAtValue(p, "invalid case id " + Quote(id) + " in \"after\": use [a-z0-9][a-z0-9.-]*");
    } else if (id == c->id) {
      ErrorAtValue(p, "case " + Quote(id) + " names itself in \"after\"");
    } else if (!seen.insert(id).second) {
      ErrorAtValue(p, "case " + Quote(id) + " is named twice in \"after\"");
    } else {
      c->after.push_back({id, p});
    }
    return false;
  });
}

void CaseChecker::Spec(const Json& v, const std::string& pointer, core::SpecRef* spec) {
  if (!IsObject(v, pointer)) return;
  Fields(v, pointer, {"rfc", "section", "level", "quote"});
  for (const char* key : {"rfc", "section", "level", "quote"}) Require(v, pointer, key);
  if (const Json* rfc = Find(v, "rfc")) {
    if (auto n = Int(*rfc, pointer + "/rfc", 1, 99999, "rfc")) spec->rfc = static_cast<int>(*n);
  }
  if (const Json* section = Find(v, "section")) {
    if (auto s = String(*section, pointer + "/section", true)) spec->section = *s;
  }
  if (const Json* level = Find(v, "level")) {
    if (auto s = String(*level, pointer + "/level")) {
      if (*s == "MUST" || *s == "SHOULD" || *s == "MAY") {
        spec->level = *core::ParseLevel(*s);
      } else {
        ErrorAtValue(pointer + "/level",
                     "invalid level " + Quote(*s) + ": expected \"MUST\", \"SHOULD\" or \"MAY\"");
      }
    }
  }
  std::optional<std::string> quote;
  if (const Json* q = Find(v, "quote")) {
    quote = String(*q, pointer + "/quote", true);
    if (quote) spec->quote = *quote;
  }
  // The level is the quote's keyword (core/bcp14.h); checked only when
  // both are well-formed, so one mistake gives one message.
  const Json* level = Find(v, "level");
  if (quote && level && level->is_string() && core::ParseLevel(level->get<std::string>()) &&
      level->get<std::string>() == core::LevelName(spec->level)) {
    if (auto problem = core::CheckQuoteLevel(*quote, spec->level)) {
      if (problem->quote_offset) {
        ErrorInString(pointer + "/quote", *problem->quote_offset, problem->message);
      } else {
        ErrorAtValue(pointer + "/level", problem->message);
      }
    }
  }
}

void CaseChecker::Step(const Json& v, const std::string& pointer, const Scope& scope,
                       core::Step* step) {
  if (!IsObject(v, pointer)) return;
  Fields(v, pointer, {"request", "require", "expect", "capture", "note", "origin"});
  if (const Json* origin = Find(v, "origin")) {
    step->origin.emplace();
    Origin(*origin, pointer + "/origin", scope, &*step->origin);
  }
  if (const Json* request = Require(v, pointer, "request")) {
    Request(*request, pointer + "/request", scope, &step->request);
  }
  if (const Json* require = Find(v, "require")) {
    step->require = Alternatives(*require, pointer + "/require", scope);
  }
  if (const Json* expect = Find(v, "expect")) {
    step->expect = Alternatives(*expect, pointer + "/expect", scope);
  }
  if (const Json* capture = Find(v, "capture");
      capture && IsObject(*capture, pointer + "/capture")) {
    for (const auto& item : capture->items()) {
      std::string p = Child(pointer + "/capture", item.key());
      if (!core::IsValidVariableName(item.key())) {
        ErrorAtKey(p, "invalid variable name " + Quote(item.key()) +
                          ": use letters, digits, '_' and '-', not starting with a digit");
        continue;
      }
      if (auto c = Capture(item.value(), p)) {
        c->var = item.key();
        step->captures.push_back(std::move(*c));
      }
    }
  }
  if (const Json* note = Find(v, "note")) {
    if (auto s = String(*note, pointer + "/note")) step->note = *s;
  }
  // What reached the origin is known only for a request the step tagged.
  if (!step->origin) {
    for (const auto* list : {&step->require, &step->expect}) {
      for (const core::Expectation& e : *list) {
        if (e.origin_received) {
          ErrorAtValue(pointer, "\"origin_received\" needs the step's \"origin\" script");
          return;
        }
      }
    }
  }
}

void CaseChecker::Request(const Json& v, const std::string& pointer, const Scope& scope,
                          core::RequestSpec* request) {
  if (!IsObject(v, pointer)) return;
  static const std::vector<std::string> kStructured = {
      "method",          "target",           "headers",    "body",
      "default_headers", "continue_wait_ms", "connection", "half_close"};
  static const std::vector<std::string> kRaw = {"raw", "connection", "half_close"};
  const Json* raw = Find(v, "raw");
  if (raw != nullptr) {
    request->raw = true;
    std::vector<std::string> all = kRaw;
    all.insert(all.end(), kStructured.begin(), kStructured.end());
    for (const auto& item : v.items()) {
      if (std::find(kRaw.begin(), kRaw.end(), item.key()) == kRaw.end() &&
          std::find(kStructured.begin(), kStructured.end(), item.key()) != kStructured.end()) {
        ErrorAtKey(Child(pointer, item.key()),
                   Quote(item.key()) + " cannot be used with \"raw\": write it in the raw bytes");
      }
    }
    Fields(v, pointer, all);
    Raw(*raw, pointer + "/raw", scope, request);
  } else {
    Fields(v, pointer, kStructured);
    request->target = "${path}";  // docs/case-format.md: the path of the URL given to run.
    if (const Json* method = Find(v, "method")) {
      if (auto s = String(*method, pointer + "/method", true)) {
        Template(*s, pointer + "/method", scope);
        request->method = *s;
      }
    }
    if (const Json* target = Find(v, "target")) {
      if (auto s = String(*target, pointer + "/target")) {
        Template(*s, pointer + "/target", scope);
        request->target = *s;
      }
    }
    if (const Json* headers = Find(v, "headers")) {
      Headers(*headers, pointer + "/headers", scope, &request->headers);
    }
    if (const Json* body = Find(v, "body")) {
      if (auto s = String(*body, pointer + "/body")) {
        Template(*s, pointer + "/body", scope);
        request->body = *s;
      }
    }
    if (const Json* b = Find(v, "default_headers")) {
      if (auto x = Bool(*b, pointer + "/default_headers")) request->default_headers = *x;
    }
    if (const Json* wait = Find(v, "continue_wait_ms")) {
      if (auto n = Int(*wait, pointer + "/continue_wait_ms", 0, kMaxMillis, "continue_wait_ms")) {
        request->continue_wait_ms = static_cast<int>(*n);
      }
    }
  }
  if (const Json* connection = Find(v, "connection")) {
    if (auto s = String(*connection, pointer + "/connection")) {
      if (*s == "new" || *s == "reuse") {
        request->reuse_connection = *s == "reuse";
      } else {
        ErrorAtValue(pointer + "/connection",
                     "invalid connection " + Quote(*s) + ": expected \"new\" or \"reuse\"");
      }
    }
  }
  if (const Json* b = Find(v, "half_close")) {
    if (auto x = Bool(*b, pointer + "/half_close")) request->half_close = *x;
  }
}

void CaseChecker::Headers(const Json& v, const std::string& pointer, const Scope& scope,
                          core::Fields* out) {
  auto add = [&](const std::string& name, const Json& value, const std::string& name_pointer,
                 const std::string& value_pointer, bool name_is_key) {
    if (name.empty()) {
      if (name_is_key) {
        ErrorAtKey(name_pointer, "empty header name");
      } else {
        ErrorAtValue(name_pointer, "empty header name");
      }
      return;
    }
    if (!name_is_key) Template(name, name_pointer, scope);
    if (auto s = String(value, value_pointer)) {
      Template(*s, value_pointer, scope);
      out->push_back({name, *s});
    }
  };
  if (v.is_object()) {
    for (const auto& item : v.items()) {
      std::string p = Child(pointer, item.key());
      add(item.key(), item.value(), p, p, true);
    }
  } else if (v.is_array()) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string p = Child(pointer, i);
      const Json& pair = v[i];
      if (!pair.is_array() || pair.size() != 2) {
        ErrorAtValue(p, std::string("expected a [name, value] pair, got ") +
                            (pair.is_array() ? "an array of " + std::to_string(pair.size())
                                             : std::string(TypeName(pair))));
        continue;
      }
      if (auto name = String(pair[0], Child(p, 0))) {
        add(*name, pair[1], Child(p, 0), Child(p, 1), false);
      }
    }
  } else {
    TypeError(v, pointer, "an object or an array of [name, value] pairs");
  }
}

void CaseChecker::Raw(const Json& v, const std::string& pointer, const Scope& scope,
                      core::RequestSpec* request) {
  if (v.is_array()) {
    if (v.empty()) {
      ErrorAtValue(pointer, "\"raw\" is empty: give the request lines");
      return;
    }
    core::RawSegment segment;
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string p = Child(pointer, i);
      auto line = String(v[i], p);
      if (!line) continue;
      Template(*line, p, scope);
      if (i > 0) segment.bytes += "\r\n";
      segment.bytes += RawBytes(*line, p);
    }
    request->segments.push_back(std::move(segment));
    return;
  }
  if (!v.is_object()) {
    TypeError(v, pointer, "an array of lines or an object with \"segments\"");
    return;
  }
  Fields(v, pointer, {"segments"});
  const Json* segments = Require(v, pointer, "segments");
  if (segments == nullptr || !IsArray(*segments, pointer + "/segments")) return;
  if (segments->empty()) {
    ErrorAtValue(pointer + "/segments", "\"segments\" is empty: give at least one");
  }
  for (std::size_t i = 0; i < segments->size(); ++i) {
    std::string p = Child(pointer + "/segments", i);
    const Json& s = (*segments)[i];
    if (!IsObject(s, p)) continue;
    Fields(s, p, {"bytes", "delay_ms", "wait_for_response_ms"});
    core::RawSegment segment;
    if (const Json* bytes = Require(s, p, "bytes")) {
      if (auto text = String(*bytes, p + "/bytes")) {
        Template(*text, p + "/bytes", scope);
        segment.bytes = RawBytes(*text, p + "/bytes");
      }
    }
    if (const Json* delay = Find(s, "delay_ms")) {
      if (auto n = Int(*delay, p + "/delay_ms", 0, kMaxMillis, "delay_ms")) {
        segment.delay_ms = static_cast<int>(*n);
      }
    }
    if (const Json* wait = Find(s, "wait_for_response_ms")) {
      if (auto n = Int(*wait, p + "/wait_for_response_ms", 0, kMaxMillis, "wait_for_response_ms")) {
        segment.wait_for_response_ms = static_cast<int>(*n);
      }
    }
    request->segments.push_back(std::move(segment));
  }
}

// Decodes \r \n \t \0 \xHH \\ of a raw request string.
std::string CaseChecker::RawBytes(const std::string& s, const std::string& pointer) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    if (i + 1 >= s.size()) {
      ErrorInString(pointer, i,
                    "invalid escape \"\\\" at the end of a raw string: write \\\\ "
                    "for a backslash");
      break;
    }
    char e = s[i + 1];
    switch (e) {
      case 'r':
        out += '\r';
        break;
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case '0':
        out += '\0';
        break;
      case '\\':
        out += '\\';
        break;
      case 'x': {
        int hi = i + 2 < s.size() ? HexDigit(s[i + 2]) : -1;
        int lo = i + 3 < s.size() ? HexDigit(s[i + 3]) : -1;
        if (hi < 0 || lo < 0) {
          ErrorInString(pointer, i,
                        "invalid escape " + Quote(s.substr(i, 4)) +
                            " in raw request: \\x needs two hex digits");
          return out;
        }
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        break;
      }
      default:
        ErrorInString(pointer, i,
                      "invalid escape " + Quote(s.substr(i, 2)) +
                          " in raw request: use \\r \\n \\t \\0 \\xHH or \\\\");
        return out;
    }
    ++i;
  }
  return out;
}

}  // namespace httpconform::loader
