// The case grammar (docs/case-format.md) as a checker: a CaseChecker walks
// one parsed case file and builds core::Case values, reporting every problem
// it sees instead of stopping at the first, so `lint` can show them all.
// Its members are defined in two files that follow the format's own split:
// case_grammar.cc holds the case, its spec, steps, requests (structured and
// raw) and header lists; expectations.cc holds what a step expects and
// captures, and mirrors runner/expectations.cc, which evaluates the same
// keys: a new `expect` key touches those two files. The generic checks
// (types, unknown members with "did you mean", positions) are the
// ShapeChecker's.
#ifndef HTTPCONFORM_LOADER_CASE_CHECKER_H_
#define HTTPCONFORM_LOADER_CASE_CHECKER_H_

#include <optional>
#include <string>
#include <vector>

#include "harness/core/case.h"
#include "harness/loader/shape_checker.h"

namespace httpconform::loader {

// Root, /cases, /cases/N, /cases/N/id: how deep the shallow locator given to
// a CaseChecker must reach.
constexpr int kShallowDepth = 3;

class CaseChecker : public ShapeChecker {
 public:
  using ShapeChecker::ShapeChecker;

  // The cases of the file; `id_pointers` gets the pointer of each case's id.
  std::vector<core::Case> File(const Json& root, std::vector<std::string>* id_pointers);

 private:
  // --- The case (case_grammar.cc) ------------------------------------------

  std::optional<core::Case> CaseAt(const Json& v, const std::string& pointer);

  // The base cases a case refines: ids, each once, not the case itself.
  // Whether they exist, and cycles, are checked across all files once they
  // are loaded (dependencies.h): an id may name a case of another file.
  void After(const Json& v, const std::string& pointer, core::Case* c);
  void Http(const Json& v, const std::string& pointer, core::Case* c);
  void InferHttp(bool declared, const std::string& pointer, core::Case* c);

  void Spec(const Json& v, const std::string& pointer, core::SpecRef* spec);

  void Step(const Json& v, const std::string& pointer, const Scope& scope, core::Step* step);

  void Request(const Json& v, const std::string& pointer, const Scope& scope,
               core::RequestSpec* request);

  void Headers(const Json& v, const std::string& pointer, const Scope& scope, core::Fields* out);

  void Raw(const Json& v, const std::string& pointer, const Scope& scope,
           core::RequestSpec* request);

  // Decodes \r \n \t \0 \xHH \\ of a raw request string.
  std::string RawBytes(const std::string& s, const std::string& pointer);

  // --- Expectations and captures (expectations.cc) -------------------------

  std::vector<core::Expectation> Alternatives(const Json& v, const std::string& pointer,
                                              const Scope& scope);

  core::Expectation Expectation(const Json& v, const std::string& pointer, const Scope& scope);

  std::optional<core::HeaderCheck> HeaderCheck(const std::string& name, const Json& v,
                                               const std::string& pointer, const Scope& scope);

  std::optional<core::ContentCheck> ContentCheck(const Json& v, const std::string& pointer,
                                                 const Scope& scope);

  std::optional<core::Capture> Capture(const Json& v, const std::string& pointer);

  // --- Proxy cases (origin_grammar.cc) -------------------------------------

  void Origin(const Json& v, const std::string& pointer, const Scope& scope,
              core::OriginScript* out);

  std::optional<core::OriginExpectation> OriginReceived(const Json& v, const std::string& pointer,
                                                        const Scope& scope);
};

// The variables a step that scripts the origin defines (origin_grammar.cc).
const std::vector<std::string>& OriginVariables();

}  // namespace httpconform::loader

#endif  // HTTPCONFORM_LOADER_CASE_CHECKER_H_
