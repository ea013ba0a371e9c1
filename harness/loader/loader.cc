// Loading is two passes over one text. nlohmann::ordered_json parses it
// (ordered, so "headers" objects keep their order; comments ignored) and
// reports syntax errors with a byte offset; then a Checker walks the parsed
// tree, building core::Case values and collecting every problem it sees
// instead of stopping at the first, so `lint` can show them all. The tree
// has no positions, so each problem names a JSON pointer and the JsonLocator
// turns it into an offset (of the value, or of the key for unknown fields),
// which becomes line:column. Rules are those of docs/case-format.md; the
// schema in cases/schema/case.schema.json says the same in JSON Schema, minus
// what a schema cannot express (variables, regexes, escapes, duplicate ids).
#include "harness/loader/loader.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>
#include <tuple>
#include <utility>

#include "harness/core/bcp14.h"
#include "harness/core/template.h"
#include "harness/loader/json_locator.h"
#include "harness/loader/suggest.h"
#include "harness/pattern/diagnose.h"
#include "nlohmann/json.hpp"

namespace httpconform::loader {
namespace {

using Json = nlohmann::ordered_json;
using core::Case;

constexpr std::int64_t kMaxMillis = 600000;  // Ten minutes: any longer wait is a mistake.
constexpr std::int64_t kMaxAttempts = 5;     // More runs than this only hide a server that fails.
constexpr std::size_t kMaxErrorsPerFile = 1000;
constexpr int kShallowDepth = 3;  // Root, /cases, /cases/N, /cases/N/id.

std::string Quote(const std::string& s) { return "\"" + s + "\""; }

std::string Child(const std::string& pointer, const std::string& key) {
  return pointer + "/" + EscapePointerToken(key);
}

std::string Child(const std::string& pointer, std::size_t index) {
  return pointer + "/" + std::to_string(index);
}

const char* TypeName(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "an integer";
    case Json::value_t::number_float:
      return "a number";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::object:
      return "an object";
    default:
      return "an unsupported value";
  }
}

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

// A LoadError at byte `offset` of `file`, for the value at `pointer`; no message yet.
LoadError ErrorAt(const SourceFile& file, const LineIndex& lines, std::size_t offset,
                  const std::string& pointer) {
  LoadError e;
  e.file = file.path;
  LineColumn lc = lines.At(offset);
  e.line = lc.line;
  e.column = lc.column;
  e.pointer = pointer;
  e.source_line = std::string(lines.Line(offset));
  return e;
}

// Variables visible to one step: built-ins, case vars, earlier captures.
struct Scope {
  std::set<std::string> vars;
  std::map<std::string, std::size_t> first_capture_step;  // Over all steps of the case.
  std::size_t step = 0;                                   // The step being checked.
};

// Walks one parsed file, building cases and collecting errors.
class Checker {
 public:
  // `shallow` must locate at least down to /cases/N/id (kShallowDepth).
  Checker(const SourceFile& file, const JsonLocator& shallow, const LineIndex& lines,
          std::vector<LoadError>* errors)
      : file_(file), shallow_(shallow), lines_(lines), errors_(errors) {}

  // The cases of the file; `id_pointers` gets the pointer of each case's id.
  std::vector<Case> File(const Json& root, std::vector<std::string>* id_pointers) {
    std::vector<Case> cases;
    for (const auto& dup : shallow_.duplicate_keys()) {
      std::size_t slash = dup.pointer.rfind('/');
      std::string message = "duplicate field " + Quote(Unescape(dup.pointer.substr(slash + 1)));
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
          ErrorAtValue(pointer + "/id", "duplicate case id " + Quote(c->id) +
                                            " (first defined at " + file_.path + ":" +
                                            std::to_string(first.line) + ")");
        }
      }
      cases.push_back(std::move(*c));
      id_pointers->push_back(pointer + "/id");
    }
    return cases;
  }

 private:
  static std::string Unescape(std::string token) {
    std::string out;
    for (std::size_t i = 0; i < token.size(); ++i) {
      if (token[i] == '~' && i + 1 < token.size()) {
        out += token[i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        out += token[i];
      }
    }
    return out;
  }

  // --- Reporting -----------------------------------------------------------

  void ErrorAtOffset(std::size_t offset, const std::string& pointer, std::string message) {
    // A file with thousands of errors has one mistake repeated: the first
    // ones say what it is, the rest are noise (and memory).
    if (errors_->size() >= kMaxErrorsPerFile) return;
    LoadError e = ErrorAt(file_, lines_, offset, pointer);
    e.message = std::move(message);
    errors_->push_back(std::move(e));
  }

  void ErrorAtValue(const std::string& pointer, std::string message) {
    ErrorAtOffset(Full().NearestValueOffset(pointer), pointer, std::move(message));
  }

  void ErrorAtKey(const std::string& pointer, std::string message) {
    auto key = Full().KeyOffset(pointer);
    ErrorAtOffset(key ? *key : Full().NearestValueOffset(pointer), pointer, std::move(message));
  }

  // An error at byte `index` of the decoded string value at `pointer`.
  void ErrorInString(const std::string& pointer, std::size_t index, std::string message) {
    std::size_t offset = Full().NearestValueOffset(pointer);
    if (auto value = Full().ValueOffset(pointer);
        value && *value < file_.text.size() && file_.text[*value] == '"') {
      offset = StringCharOffset(file_.text, *value, index);
    }
    ErrorAtOffset(offset, pointer, std::move(message));
  }

  void TypeError(const Json& v, const std::string& pointer, const std::string& expected) {
    ErrorAtValue(pointer, "expected " + expected + ", got " + TypeName(v));
  }

  // --- Shapes --------------------------------------------------------------

  // Reports members of `obj` not in `allowed`.
  void Fields(const Json& obj, const std::string& pointer,
              const std::vector<std::string>& allowed) {
    for (const auto& item : obj.items()) {
      if (std::find(allowed.begin(), allowed.end(), item.key()) != allowed.end()) continue;
      std::string message = "unknown field " + Quote(item.key());
      std::string suggestion = Suggest(item.key(), allowed);
      if (!suggestion.empty()) message += " (did you mean " + Quote(suggestion) + "?)";
      ErrorAtKey(Child(pointer, item.key()), message);
    }
  }

  static const Json* Find(const Json& obj, const std::string& key) {
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
  }

  const Json* Require(const Json& obj, const std::string& pointer, const std::string& key) {
    const Json* v = Find(obj, key);
    if (v == nullptr) ErrorAtValue(pointer, "missing required field " + Quote(key));
    return v;
  }

  bool IsObject(const Json& v, const std::string& pointer) {
    if (v.is_object()) return true;
    TypeError(v, pointer, "an object");
    return false;
  }

  bool IsArray(const Json& v, const std::string& pointer) {
    if (v.is_array()) return true;
    TypeError(v, pointer, "an array");
    return false;
  }

  std::optional<std::string> String(const Json& v, const std::string& pointer,
                                    bool non_empty = false) {
    if (!v.is_string()) {
      TypeError(v, pointer, "a string");
      return std::nullopt;
    }
    std::string s = v.get<std::string>();
    if (non_empty && s.empty()) {
      ErrorAtValue(pointer, "expected a non-empty string");
      return std::nullopt;
    }
    return s;
  }

  std::optional<bool> Bool(const Json& v, const std::string& pointer) {
    if (!v.is_boolean()) {
      TypeError(v, pointer, "a boolean");
      return std::nullopt;
    }
    return v.get<bool>();
  }

  // An integer within [lo, hi]; `what` names it in the range message.
  std::optional<std::int64_t> Int(const Json& v, const std::string& pointer, std::int64_t lo,
                                  std::int64_t hi, const std::string& what) {
    if (v.is_number_float() && std::isfinite(v.get<double>()) &&
        std::floor(v.get<double>()) == v.get<double>() &&
        (v.get<double>() < static_cast<double>(lo) || v.get<double>() > static_cast<double>(hi))) {
      // An integer too large for 64 bits arrives as a double: say so, not "a number".
      ErrorAtValue(pointer, what + " " + v.dump() + " out of range " + std::to_string(lo) + ".." +
                                std::to_string(hi));
      return std::nullopt;
    }
    if (!v.is_number_integer()) {
      TypeError(v, pointer, "an integer");
      return std::nullopt;
    }
    bool huge = v.is_number_unsigned() &&
                v.get<std::uint64_t>() >
                    static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    std::int64_t n = huge ? std::numeric_limits<std::int64_t>::max() : v.get<std::int64_t>();
    if (huge || n < lo || n > hi) {
      ErrorAtValue(pointer, what + " " + v.dump() + " out of range " + std::to_string(lo) + ".." +
                                std::to_string(hi));
      return std::nullopt;
    }
    return n;
  }

  std::vector<std::string> StringArray(
      const Json& v, const std::string& pointer,
      const std::function<bool(const std::string&, const std::string&)>& check) {
    std::vector<std::string> out;
    if (!v.is_array()) {
      TypeError(v, pointer, "an array of strings");
      return out;
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string p = Child(pointer, i);
      if (auto s = String(v[i], p, true); s && (!check || check(*s, p))) out.push_back(*s);
    }
    return out;
  }

  std::vector<int> StatusArray(const Json& v, const std::string& pointer, int lo, int hi) {
    std::vector<int> out;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (auto n = Int(v[i], Child(pointer, i), lo, hi, "status code")) {
        out.push_back(static_cast<int>(*n));
      }
    }
    return out;
  }

  // --- Content checks ------------------------------------------------------

  // Checks the "${...}" references of the string at `pointer` against `scope`.
  void Template(const std::string& s, const std::string& pointer, const Scope& scope) {
    std::vector<core::TemplateSyntaxError> syntax;
    for (const auto& var : core::ScanTemplate(s, &syntax)) {
      if (scope.vars.count(var.name) != 0) continue;
      std::string message = "unknown variable ${" + var.name +
                            "}: not a built-in, not in \"vars\", not captured by an earlier step";
      auto later = scope.first_capture_step.find(var.name);
      if (later != scope.first_capture_step.end()) {
        message += " (step " + std::to_string(later->second) +
                   " captures it, which is not before step " + std::to_string(scope.step) + ")";
      }
      ErrorInString(pointer, var.offset, message);
    }
    for (const auto& e : syntax) ErrorInString(pointer, e.offset, e.message);
  }

  // A pattern is RE2 syntax (harness/pattern), at most kMaxPatternBytes: the
  // error points inside the string, at the token RE2 refused, and names the
  // construct when it is one RE2 leaves out (lookaround, backreferences...).
  // The old caps on nesting depth guarded libstdc++'s recursive regex
  // compiler; RE2 keeps its own stack, and the size cap bounds nesting too.
  void Regex(const std::string& s, const std::string& pointer) {
    if (std::optional<pattern::Problem> problem = pattern::Diagnose(s)) {
      ErrorInString(pointer, problem->offset, "invalid regex: " + problem->message);
    }
  }

  // Decodes \r \n \t \0 \xHH \\ of a raw request string.
  std::string RawBytes(const std::string& s, const std::string& pointer) {
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

  // --- The format ----------------------------------------------------------

  std::optional<Case> CaseAt(const Json& v, const std::string& pointer) {
    if (!IsObject(v, pointer)) return std::nullopt;
    Case c;
    c.file = file_.path;
    c.line = lines_.At(shallow_.NearestValueOffset(pointer)).line;
    Fields(v, pointer,
           {"id", "title", "spec", "codes", "tags", "vars", "killed_by", "unkillable", "timeout_ms",
            "http11_only", "attempts", "after", "steps"});
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
            if (MatchesFaultSyntax(s)) return true;
            ErrorAtValue(p, "invalid fault name " + Quote(s) + ": use [a-z0-9-]+");
            return false;
          });
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

    const Json* steps = Find(v, "steps");
    if (steps && IsArray(*steps, pointer + "/steps")) {
      if (steps->empty()) {
        ErrorAtValue(pointer + "/steps", "\"steps\" is empty: a case needs at least one step");
      }
      for (std::size_t i = 0; i < steps->size(); ++i) {
        const Json& step = (*steps)[i];
        const Json* capture = step.is_object() ? Find(step, "capture") : nullptr;
        if (capture == nullptr || !capture->is_object()) continue;
        for (const auto& item : capture->items()) scope.first_capture_step.emplace(item.key(), i);
      }
      for (std::size_t i = 0; i < steps->size(); ++i) {
        scope.step = i;
        core::Step step;
        std::vector<std::string> captured;
        Step((*steps)[i], Child(pointer + "/steps", i), scope, &step);
        for (const auto& capture : step.captures) captured.push_back(capture.var);
        c.steps.push_back(std::move(step));
        // Captures become visible from the next step on.
        scope.vars.insert(captured.begin(), captured.end());
      }
    }
    return c;
  }

  // The base cases a case refines: ids, each once, not the case itself.
  // Whether they exist, and cycles, are checked across all files once they
  // are loaded (dependencies.h): an id may name a case of another file.
  void After(const Json& v, const std::string& pointer, Case* c) {
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

  void Spec(const Json& v, const std::string& pointer, core::SpecRef* spec) {
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

  void Step(const Json& v, const std::string& pointer, const Scope& scope, core::Step* step) {
    if (!IsObject(v, pointer)) return;
    Fields(v, pointer, {"request", "require", "expect", "capture", "note"});
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
  }

  void Request(const Json& v, const std::string& pointer, const Scope& scope,
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

  void Headers(const Json& v, const std::string& pointer, const Scope& scope, core::Fields* out) {
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

  void Raw(const Json& v, const std::string& pointer, const Scope& scope,
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
        if (auto n =
                Int(*wait, p + "/wait_for_response_ms", 0, kMaxMillis, "wait_for_response_ms")) {
          segment.wait_for_response_ms = static_cast<int>(*n);
        }
      }
      request->segments.push_back(std::move(segment));
    }
  }

  std::vector<core::Expectation> Alternatives(const Json& v, const std::string& pointer,
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

  // Exactly one member of `v` among `ops`; returns its name, or "" after an error.
  std::string OneOf(const Json& v, const std::string& pointer,
                    const std::vector<std::string>& ops) {
    Fields(v, pointer, ops);
    std::vector<std::string> present;
    for (const auto& op : ops) {
      if (Find(v, op)) present.push_back(op);
    }
    if (present.size() == 1) return present[0];
    std::string list;
    for (std::size_t i = 0; i < ops.size(); ++i) {
      list += (i == 0 ? "" : i + 1 == ops.size() ? " or " : ", ") + Quote(ops[i]);
    }
    if (present.empty() && v.size() == 0) {
      ErrorAtValue(pointer, "expected one of " + list + ", got an empty object");
    } else if (present.size() > 1) {
      ErrorAtKey(Child(pointer, present[1]), "give only one of " + list + " (found " +
                                                 Quote(present[0]) + " and " + Quote(present[1]) +
                                                 ")");
    }
    return "";
  }

  core::Expectation Expectation(const Json& v, const std::string& pointer, const Scope& scope) {
    core::Expectation e;
    Fields(v, pointer,
           {"status", "headers", "header", "content", "interim", "connection", "diagnostics",
            "response_before_content", "no_response", "because"});
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
        if (content->empty())
          ErrorAtValue(p, "\"content\" is empty: omit it to accept any content");
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
        if (const Json* present = Find(*diagnostics, "present")) {
          e.diagnostics_present = StringArray(*present, p + "/present", nullptr);
        }
        if (const Json* absent = Find(*diagnostics, "absent")) {
          e.diagnostics_absent = StringArray(*absent, p + "/absent", nullptr);
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

  std::optional<core::HeaderCheck> HeaderCheck(const std::string& name, const Json& v,
                                               const std::string& pointer, const Scope& scope) {
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
    std::string op =
        OneOf(v, pointer,
              {"equals", "matches", "not_matches", "list_contains", "list_excludes", "count"});
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

  std::optional<core::ContentCheck> ContentCheck(const Json& v, const std::string& pointer,
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
    std::string op = OneOf(v, pointer,
                           {"equals", "matches", "not_matches", "size", "range_of", "same_as",
                            "matches_content_range"});
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
    Fields(arg, p,
           range ? std::vector<std::string>{"step", "first", "last"}
                 : std::vector<std::string>{"step"});
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

  std::optional<core::Capture> Capture(const Json& v, const std::string& pointer) {
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

  const SourceFile& file_;
  // Locating every value of a large file costs more than parsing it, and a
  // valid file needs only the top levels (case lines, ids). So the full
  // locator is built on the first error that needs it.
  const JsonLocator& Full() {
    if (!full_) full_.emplace(file_.text);
    return *full_;
  }

  const JsonLocator& shallow_;
  std::optional<JsonLocator> full_;
  const LineIndex& lines_;
  std::vector<LoadError>* errors_;
};

// nlohmann's message without its "[json.exception...] parse error at line L, column C: " prefix.
std::string SyntaxMessage(const std::string& what) {
  std::size_t at = what.find("parse error");
  std::size_t colon = what.find(": ", at == std::string::npos ? 0 : at);
  std::string message = colon == std::string::npos ? what : what.substr(colon + 2);
  // nlohmann's "last read" can span already-accepted text (even lines); the
  // caret says where, so drop it.
  std::size_t last = message.find("; last read: ");
  if (last != std::string::npos) message.resize(last);
  return message;
}

struct LoadedFile {
  std::vector<Case> cases;
  std::vector<LoadError> errors;
  std::vector<LoadError> id_positions;  // Parallel to cases: where each id is written.
};

void SortErrors(std::vector<LoadError>* errors) {
  std::stable_sort(errors->begin(), errors->end(), [](const LoadError& a, const LoadError& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
}

// nlohmann parses without recursion but keeps a stack entry per open level
// and a node per value: 50 MB of "[" costs gigabytes and minutes. Case files
// nest about eight deep, so deeper nesting is refused before parsing, at the
// bracket that crosses the limit (found by the hostile-input tests).
constexpr int kMaxNesting = 64;

// The offset of the first '[' or '{' nested deeper than kMaxNesting, outside
// strings and comments; nullopt when there is none.
std::optional<std::size_t> ExcessiveNesting(const std::string& text) {
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
    } else if (c == '/' && i + 1 < text.size() && (text[i + 1] == '/' || text[i + 1] == '*')) {
      i = text[i + 1] == '/' ? text.find('\n', i) : text.find("*/", i + 2);
      if (i == std::string::npos) return std::nullopt;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxNesting) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::nullopt;
}

LoadedFile Load(const SourceFile& file) {
  LoadedFile out;
  const LineIndex lines(file.text);
  Json root;
  if (std::optional<std::size_t> deep = ExcessiveNesting(file.text)) {
    LoadError error = ErrorAt(file, lines, *deep, "");
    error.message =
        "arrays and objects nested deeper than " + std::to_string(kMaxNesting) + " levels";
    out.errors.push_back(std::move(error));
    return out;
  }
  try {
    root = Json::parse(file.text, nullptr, /*allow_exceptions=*/true, /*ignore_comments=*/true);
  } catch (const Json::parse_error& e) {
    // `byte` counts the characters read, so the offending one is at byte - 1.
    std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    if (offset > file.text.size()) offset = file.text.size();
    std::string message = SyntaxMessage(e.what());
    offset = TokenStartOffset(file.text, offset);
    if (offset < file.text.size() && (file.text[offset] == '}' || file.text[offset] == ']')) {
      auto previous = PreviousTokenOffset(file.text, offset);
      if (previous && file.text[*previous] == ',') {
        message =
            std::string("trailing comma before '") + file.text[offset] + "' (JSON allows none)";
        offset = *previous;
      }
    } else if (LooksLikeMissingComma(file.text, offset, message)) {
      // `"a": 1 "b": 2`: the caret goes where the comma belongs.
      message = "missing comma? a value follows another with no ',' between them (" + message + ")";
      offset = *PreviousTokenOffset(file.text, offset) + 1;
    }
    LoadError error = ErrorAt(file, lines, offset, "");
    error.message = message;
    out.errors.push_back(std::move(error));
    return out;
  } catch (const Json::out_of_range& e) {
    // A number too large for a double ("1e999"); nlohmann names it but gives
    // no offset, so point at the first occurrence of that token.
    std::string message = e.what();
    std::size_t bracket = message.find("] ");
    if (bracket != std::string::npos) message.erase(0, bracket + 2);
    std::size_t open = message.find('\'');
    std::size_t close = message.rfind('\'');
    std::size_t offset = 0;
    if (open != std::string::npos && close > open) {
      std::size_t at = file.text.find(message.substr(open + 1, close - open - 1));
      if (at != std::string::npos) offset = at;
    }
    LoadError error = ErrorAt(file, lines, offset, "");
    error.message = message;
    out.errors.push_back(std::move(error));
    return out;
  }
  JsonLocator locator(file.text, kShallowDepth);
  Checker checker(file, locator, lines, &out.errors);
  std::vector<std::string> id_pointers;
  out.cases = checker.File(root, &id_pointers);
  for (const auto& pointer : id_pointers) {
    out.id_positions.push_back(ErrorAt(file, lines, locator.NearestValueOffset(pointer), pointer));
  }
  SortErrors(&out.errors);
  return out;
}

core::Error ToError(const LoadError& e) { return core::MakeError("case-file", e.Format()); }

LoadError InternalError(const std::string& file, const std::string& what) {
  LoadError e;
  e.file = file;
  e.message = "internal error while loading: " + what;
  return e;
}

std::vector<LoadError> LintAll(const std::vector<SourceFile>& files, std::vector<Case>* cases) {
  std::vector<LoadError> all;
  std::map<std::string, std::pair<std::string, int>> first;  // id -> (file, line).
  for (const auto& file : files) {
    LoadedFile loaded;
    try {
      loaded = Load(file);
    } catch (const std::exception& e) {
      loaded.errors.push_back(InternalError(file.path, e.what()));
    }
    for (std::size_t i = 0; i < loaded.cases.size(); ++i) {
      const Case& c = loaded.cases[i];
      if (c.id.empty()) continue;
      const LoadError& where = loaded.id_positions[i];
      auto [it, inserted] = first.emplace(c.id, std::make_pair(file.path, where.line));
      if (inserted || it->second.first == file.path) continue;  // Same file: already reported.
      LoadError e = where;
      e.message = "duplicate case id " + Quote(c.id) + " (first defined at " + it->second.first +
                  ":" + std::to_string(it->second.second) + ")";
      loaded.errors.push_back(std::move(e));
    }
    SortErrors(&loaded.errors);
    all.insert(all.end(), loaded.errors.begin(), loaded.errors.end());
    if (cases) cases->insert(cases->end(), loaded.cases.begin(), loaded.cases.end());
  }
  return all;
}

}  // namespace

std::string LoadError::Format() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  out += ": ";
  if (!pointer.empty()) out += pointer + ": ";
  out += message;
  if (line > 0) {
    // A hostile file may hold a 50 MB line or control bytes (NUL would cut
    // the message short on a terminal): show a window of at most kShown
    // bytes around the caret, control bytes as '?', one column each.
    constexpr std::size_t kShown = 200;
    const std::size_t at = static_cast<std::size_t>(std::max(column - 1, 0));
    std::size_t begin = at > kShown / 2 && source_line.size() > kShown ? at - kShown / 2 : 0;
    while (begin > 0 && (static_cast<unsigned char>(source_line[begin]) & 0xC0) == 0x80) --begin;
    std::size_t end = std::min(source_line.size(), begin + kShown);
    while (end < source_line.size() &&
           (static_cast<unsigned char>(source_line[end]) & 0xC0) == 0x80) {
      ++end;
    }
    std::string shown = begin > 0 ? "..." : "";
    for (std::size_t i = begin; i < end; ++i) {
      unsigned char c = static_cast<unsigned char>(source_line[i]);
      shown += (c < 0x20 && c != '\t') || c == 0x7F ? '?' : source_line[i];
    }
    out += "\n" + shown + (end < source_line.size() ? "..." : "") + "\n";
    // One caret column per character: tabs kept so the caret lines up,
    // UTF-8 continuation bytes skipped.
    if (begin > 0) out += "   ";
    for (std::size_t i = begin; i < at && i < end; ++i) {
      unsigned char c = static_cast<unsigned char>(source_line[i]);
      if (c == '\t') {
        out += '\t';
      } else if ((c & 0xC0) != 0x80) {
        out += ' ';
      }
    }
    out += '^';
  }
  return out;
}

std::vector<LoadError> LintCaseFile(const SourceFile& file) {
  try {
    return Load(file).errors;
  } catch (const std::exception& e) {
    return {InternalError(file.path, e.what())};
  }
}

core::Expected<std::vector<Case>> LoadCaseFile(const SourceFile& file) {
  LoadedFile loaded;
  try {
    loaded = Load(file);
  } catch (const std::exception& e) {
    return ToError(InternalError(file.path, e.what()));
  }
  if (!loaded.errors.empty()) return ToError(loaded.errors.front());
  return std::move(loaded.cases);
}

std::vector<LoadError> LintCases(const std::vector<SourceFile>& files, std::vector<Case>* cases) {
  return LintAll(files, cases);
}

core::Expected<std::vector<Case>> LoadCases(const std::vector<SourceFile>& files) {
  std::vector<Case> cases;
  std::vector<LoadError> errors = LintAll(files, &cases);
  if (!errors.empty()) return ToError(errors.front());
  return cases;
}

core::Expected<std::vector<SourceFile>> ReadCasePaths(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      names.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, ec), end;
    if (ec) return core::MakeError("io", "cannot read " + path + ": " + ec.message());
    for (; it != end; it.increment(ec)) {
      if (ec) return core::MakeError("io", "cannot read " + path + ": " + ec.message());
      const fs::path& p = it->path();
      if (it->is_directory(ec) && p.filename() == "schema") {
        it.disable_recursion_pending();
        continue;
      }
      if (p.extension() == ".json" && it->is_regular_file(ec)) found.push_back(p.generic_string());
    }
    if (found.empty()) {
      return core::MakeError("case-file", path + ": no case files (*.json) in this directory");
    }
    std::sort(found.begin(), found.end());
    names.insert(names.end(), found.begin(), found.end());
  }
  std::vector<SourceFile> files;
  // The library's largest file is ~130 KB; parsing costs ~10x a file's size
  // in memory and a second per 3 MB, so a 50 MB "case file" is refused unread.
  constexpr std::uintmax_t kMaxCaseFileBytes = 4 << 20;
  for (const auto& name : names) {
    std::error_code size_error;
    const std::uintmax_t size = std::filesystem::file_size(name, size_error);
    if (!size_error && size > kMaxCaseFileBytes) {
      return core::MakeError("case-file", name + ": case file too large: " + std::to_string(size) +
                                              " bytes (the limit is 4 MiB)");
    }
    std::ifstream in(name, std::ios::binary);
    std::ostringstream text;
    if (in) text << in.rdbuf();
    if (!in || in.bad()) {
      return core::MakeError("io", "cannot read " + name + ": " + std::strerror(errno));
    }
    files.push_back({name, text.str()});
  }
  return files;
}

}  // namespace httpconform::loader
