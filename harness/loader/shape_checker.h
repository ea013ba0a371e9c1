// The generic half of case-file checking: a ShapeChecker walks any parsed
// JSON tree and reports what does not have the expected shape (wrong type,
// missing or unknown member, integer out of range) as a LoadError at the
// value's or key's line:column, with "did you mean" for a misspelt member
// (suggest.h). It knows nothing of cases: the case grammar (case_checker.h)
// is built on it and says which members each object has. Positions come
// from JSON pointers: the parsed tree has none, so the JsonLocator finds each
// pointer's offset in the text, the full locator only on the first error that
// needs one. Template() and Regex() are here too, as the two checks of a
// string's content that both grammars (requests and expectations) apply.
#ifndef HTTPCONFORM_LOADER_SHAPE_CHECKER_H_
#define HTTPCONFORM_LOADER_SHAPE_CHECKER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "harness/loader/json_locator.h"
#include "harness/loader/loader.h"
#include "nlohmann/json.hpp"

namespace httpconform::loader {

using Json = nlohmann::ordered_json;

// "s" in double quotes, as messages name fields and values.
std::string Quote(const std::string& s);

// The JSON pointer of member `key` (escaped) or element `index` of `pointer`.
std::string Child(const std::string& pointer, const std::string& key);
std::string Child(const std::string& pointer, std::size_t index);

// The pointer token `token` unescaped (~1 is '/', ~0 is '~').
std::string UnescapePointerToken(const std::string& token);

// "a string", "an array"...: how messages name the type of `v`.
const char* TypeName(const Json& v);

// A LoadError at byte `offset` of `file`, for the value at `pointer`; no message yet.
LoadError ErrorAt(const SourceFile& file, const LineIndex& lines, std::size_t offset,
                  const std::string& pointer);

// Variables visible to one step: built-ins, case vars, earlier captures.
struct Scope {
  std::set<std::string> vars;
  std::map<std::string, std::size_t> first_capture_step;  // Over all steps of the case.
  std::size_t step = 0;                                   // The step being checked.
};

// Reports shape errors of one parsed file into `errors` (at most
// kMaxErrorsPerFile of them); derived classes hold the grammar.
class ShapeChecker {
 public:
  // `shallow` must locate at least the values the grammar reports without
  // an error (a case's line, its id).
  ShapeChecker(const SourceFile& file, const JsonLocator& shallow, const LineIndex& lines,
               std::vector<LoadError>* errors)
      : file_(file), shallow_(shallow), lines_(lines), errors_(errors) {}

 protected:
  // --- Reporting -----------------------------------------------------------

  void ErrorAtOffset(std::size_t offset, const std::string& pointer, std::string message);

  void ErrorAtValue(const std::string& pointer, std::string message);

  void ErrorAtKey(const std::string& pointer, std::string message);

  // An error at byte `index` of the decoded string value at `pointer`.
  void ErrorInString(const std::string& pointer, std::size_t index, std::string message);

  void TypeError(const Json& v, const std::string& pointer, const std::string& expected);

  // Reports members of `obj` not in `allowed`.
  void Fields(const Json& obj, const std::string& pointer, const std::vector<std::string>& allowed);

  static const Json* Find(const Json& obj, const std::string& key);

  const Json* Require(const Json& obj, const std::string& pointer, const std::string& key);

  bool IsObject(const Json& v, const std::string& pointer);

  bool IsArray(const Json& v, const std::string& pointer);

  std::optional<std::string> String(const Json& v, const std::string& pointer,
                                    bool non_empty = false);

  std::optional<bool> Bool(const Json& v, const std::string& pointer);

  // An integer within [lo, hi]; `what` names it in the range message.
  std::optional<std::int64_t> Int(const Json& v, const std::string& pointer, std::int64_t lo,
                                  std::int64_t hi, const std::string& what);

  std::vector<std::string> StringArray(
      const Json& v, const std::string& pointer,
      const std::function<bool(const std::string&, const std::string&)>& check);

  std::vector<int> StatusArray(const Json& v, const std::string& pointer, int lo, int hi);

  // Exactly one member of `v` among `ops`; returns its name, or "" after an error.
  std::string OneOf(const Json& v, const std::string& pointer, const std::vector<std::string>& ops);

  // Checks the "${...}" references of the string at `pointer` against `scope`.
  void Template(const std::string& s, const std::string& pointer, const Scope& scope);

  // True when `name` is one of `known` (a name another module defines);
  // otherwise reports "unknown WHAT" at `pointer` with the closest name.
  bool Known(const std::string& name, const std::string& pointer,
             const std::vector<std::string>& known, const std::string& what);

  // A pattern is RE2 syntax (harness/pattern), at most kMaxPatternBytes: the
  // error points inside the string, at the token RE2 refused, and names the
  // construct when it is one RE2 leaves out (lookaround, backreferences...).
  // The old caps on nesting depth guarded libstdc++'s recursive regex
  // compiler; RE2 keeps its own stack, and the size cap bounds nesting too.
  void Regex(const std::string& s, const std::string& pointer);

  // Locating every value of a large file costs more than parsing it, and a
  // valid file needs only the top levels (case lines, ids). So the full
  // locator is built on the first error that needs it.
  const JsonLocator& Full();

  const SourceFile& file_;
  const JsonLocator& shallow_;
  std::optional<JsonLocator> full_;
  const LineIndex& lines_;
  std::vector<LoadError>* errors_;
};

}  // namespace httpconform::loader

#endif  // HTTPCONFORM_LOADER_SHAPE_CHECKER_H_
