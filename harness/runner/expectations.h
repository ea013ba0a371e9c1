// Evaluates a step's `require` and `expect` alternatives against what one
// exchange produced. An Expectation is a conjunction of checks; a list of
// them is a disjunction. Every check yields a core::CheckResult with what was
// acceptable and what was seen, so a failure can say exactly why, and the
// descriptions double as the report's `expected` list and `actual` string.
//
// Bounds: every check is linear in the bytes it reads and none recurses. A
// regex is compiled once per process (harness/pattern) and searches, in
// RE2's linear time, one field value or the whole content the transport kept
// (max_content_bytes, 8 MiB by default: a `matches` near the end of a large
// page is found, and `not_matches` never passes on content cut at that cap);
// Content-Range is parsed by hand. A message quotes at most about 4 KiB of
// what was received (8 field values of at most 120 bytes, content previews
// of 40, each byte at most 4 characters once escaped).
#ifndef HTTPCONFORM_RUNNER_EXPECTATIONS_H_
#define HTTPCONFORM_RUNNER_EXPECTATIONS_H_

#include <functional>
#include <string>
#include <vector>

#include "harness/core/case.h"
#include "harness/core/result.h"

namespace httpconform::runner {

/// Resolves "${name}"; null when undefined.
using VarLookup = std::function<const std::string*(const std::string&)>;

/// What one step observed, as the checks need it.
struct StepView {
  const core::StepResult* step = nullptr;                  ///< This step.
  const std::vector<core::StepResult>* earlier = nullptr;  ///< Steps before it, in order.
};

/// The outcome of checking one Expectation.
struct Evaluation {
  bool met = true;
  std::vector<core::CheckResult> checks;
  /// Non-empty when every check passed except some that cannot be decided:
  /// a content check over content kept only in part (a cap or the run's
  /// content budget). Then `met` is false, but neither a pass nor a fail
  /// would be true: the runner reports an error with this reason.
  std::string undecided;
  /// Whose content that was: -1 this step's, else the earlier step's index.
  int undecided_step = -1;
};

/// Checks every condition of `expectation`; `kind` is "require" or "expect".
Evaluation Evaluate(const core::Expectation& expectation, const StepView& view,
                    const VarLookup& vars, const std::string& kind);

/// Of the evaluations of a step's alternatives (none met), the index of the
/// one closest to what was seen, whose unmet check best explains the
/// outcome: an alternative whose status check passed (or that has none)
/// before one whose status did not, then the fewest unmet checks, then the
/// earlier one. `ignore` names checks that must not count (e.g. an
/// unobserved "connection"); 0 when `evaluations` is empty.
std::size_t ClosestAlternative(const std::vector<Evaluation>& evaluations,
                               const std::string& ignore = "");

/// A one-line description of an alternative, e.g. "status 304; content empty".
std::string Describe(const core::Expectation& expectation, const VarLookup& vars);

/// A one-line description of what a step saw, e.g. "status 200 OK; 14 bytes of content".
std::string DescribeObserved(const core::StepResult& step);

/// One header check against a field list (a response's, or what the
/// scripted origin received); `fields` null: there is none, and the check
/// fails with `absent_as` as what was seen.
core::CheckResult CheckFields(const core::HeaderCheck& h, const core::Fields* fields,
                              const VarLookup& vars, const char* absent_as);
/// A header check in words, e.g. "Via present".
std::string DescribeFieldCheck(const core::HeaderCheck& h, const VarLookup& vars);

/// True when an alternative accepts a step that got no response at all.
bool AcceptsNoResponse(const core::Expectation& expectation);

}  // namespace httpconform::runner

#endif  // HTTPCONFORM_RUNNER_EXPECTATIONS_H_
