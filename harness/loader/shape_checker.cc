// Definitions of the ShapeChecker (shape_checker.h): reporting, the shape of
// JSON values, and the two content checks both grammars share.
#include "harness/loader/shape_checker.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "harness/core/template.h"
#include "harness/loader/suggest.h"
#include "harness/pattern/diagnose.h"

namespace httpconform::loader {
namespace {

// A file with thousands of errors has one mistake repeated: the first ones
// say what it is, the rest are noise (and memory).
constexpr std::size_t kMaxErrorsPerFile = 1000;

}  // namespace

std::string Quote(const std::string& s) { return "\"" + s + "\""; }

std::string Child(const std::string& pointer, const std::string& key) {
  return pointer + "/" + EscapePointerToken(key);
}

std::string Child(const std::string& pointer, std::size_t index) {
  return pointer + "/" + std::to_string(index);
}

std::string UnescapePointerToken(const std::string& token) {
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

const JsonLocator& ShapeChecker::Full() {
  if (!full_) full_.emplace(file_.text);
  return *full_;
}

void ShapeChecker::ErrorAtOffset(std::size_t offset, const std::string& pointer,
                                 std::string message) {
  if (errors_->size() >= kMaxErrorsPerFile) return;
  LoadError e = ErrorAt(file_, lines_, offset, pointer);
  e.message = std::move(message);
  errors_->push_back(std::move(e));
}

void ShapeChecker::ErrorAtValue(const std::string& pointer, std::string message) {
  ErrorAtOffset(Full().NearestValueOffset(pointer), pointer, std::move(message));
}

void ShapeChecker::ErrorAtKey(const std::string& pointer, std::string message) {
  auto key = Full().KeyOffset(pointer);
  ErrorAtOffset(key ? *key : Full().NearestValueOffset(pointer), pointer, std::move(message));
}

// An error at byte `index` of the decoded string value at `pointer`.
void ShapeChecker::ErrorInString(const std::string& pointer, std::size_t index,
                                 std::string message) {
  std::size_t offset = Full().NearestValueOffset(pointer);
  if (auto value = Full().ValueOffset(pointer);
      value && *value < file_.text.size() && file_.text[*value] == '"') {
    offset = StringCharOffset(file_.text, *value, index);
  }
  ErrorAtOffset(offset, pointer, std::move(message));
}

void ShapeChecker::TypeError(const Json& v, const std::string& pointer,
                             const std::string& expected) {
  ErrorAtValue(pointer, "expected " + expected + ", got " + TypeName(v));
}

// Reports members of `obj` not in `allowed`.
void ShapeChecker::Fields(const Json& obj, const std::string& pointer,
                          const std::vector<std::string>& allowed) {
  for (const auto& item : obj.items()) {
    if (std::find(allowed.begin(), allowed.end(), item.key()) != allowed.end()) continue;
    std::string message = "unknown field " + Quote(item.key());
    std::string suggestion = Suggest(item.key(), allowed);
    if (!suggestion.empty()) message += " (did you mean " + Quote(suggestion) + "?)";
    ErrorAtKey(Child(pointer, item.key()), message);
  }
}

const Json* ShapeChecker::Find(const Json& obj, const std::string& key) {
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

const Json* ShapeChecker::Require(const Json& obj, const std::string& pointer,
                                  const std::string& key) {
  const Json* v = Find(obj, key);
  if (v == nullptr) ErrorAtValue(pointer, "missing required field " + Quote(key));
  return v;
}

bool ShapeChecker::IsObject(const Json& v, const std::string& pointer) {
  if (v.is_object()) return true;
  TypeError(v, pointer, "an object");
  return false;
}

bool ShapeChecker::IsArray(const Json& v, const std::string& pointer) {
  if (v.is_array()) return true;
  TypeError(v, pointer, "an array");
  return false;
}

std::optional<std::string> ShapeChecker::String(const Json& v, const std::string& pointer,
                                                bool non_empty) {
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

std::optional<bool> ShapeChecker::Bool(const Json& v, const std::string& pointer) {
  if (!v.is_boolean()) {
    TypeError(v, pointer, "a boolean");
    return std::nullopt;
  }
  return v.get<bool>();
}

// An integer within [lo, hi]; `what` names it in the range message.
std::optional<std::int64_t> ShapeChecker::Int(const Json& v, const std::string& pointer,
                                              std::int64_t lo, std::int64_t hi,
                                              const std::string& what) {
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
  bool huge =
      v.is_number_unsigned() &&
      v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  std::int64_t n = huge ? std::numeric_limits<std::int64_t>::max() : v.get<std::int64_t>();
  if (huge || n < lo || n > hi) {
    ErrorAtValue(pointer, what + " " + v.dump() + " out of range " + std::to_string(lo) + ".." +
                              std::to_string(hi));
    return std::nullopt;
  }
  return n;
}

std::vector<std::string> ShapeChecker::StringArray(
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

std::vector<int> ShapeChecker::StatusArray(const Json& v, const std::string& pointer, int lo,
                                           int hi) {
  std::vector<int> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (auto n = Int(v[i], Child(pointer, i), lo, hi, "status code")) {
      out.push_back(static_cast<int>(*n));
    }
  }
  return out;
}

// Exactly one member of `v` among `ops`; returns its name, or "" after an error.
std::string ShapeChecker::OneOf(const Json& v, const std::string& pointer,
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

// Checks the "${...}" references of the string at `pointer` against `scope`.
void ShapeChecker::Template(const std::string& s, const std::string& pointer, const Scope& scope) {
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
void ShapeChecker::Regex(const std::string& s, const std::string& pointer) {
  if (std::optional<pattern::Problem> problem = pattern::Diagnose(s)) {
    ErrorInString(pointer, problem->offset, "invalid regex: " + problem->message);
  }
}

bool ShapeChecker::Known(const std::string& name, const std::string& pointer,
                         const std::vector<std::string>& known, const std::string& what) {
  if (std::find(known.begin(), known.end(), name) != known.end()) return true;
  std::string message = "unknown " + what + " " + Quote(name);
  std::string suggestion = Suggest(name, known);
  if (!suggestion.empty()) message += " (did you mean " + Quote(suggestion) + "?)";
  ErrorAtValue(pointer, message);
  return false;
}

}  // namespace httpconform::loader
