// `origin_received` (proxy cases): what the scripted origin received with a
// step's tag, checked as the step's other conditions are (expectations.h).
// The count counts every request with the tag; the other checks read the
// first one, and fail with "nothing reached the origin" when there is none.
// Bounds: linear in the recorded fields (the origin keeps at most its
// parser's limits of them per request).
#ifndef HTTPCONFORM_RUNNER_ORIGIN_CHECKS_H_
#define HTTPCONFORM_RUNNER_ORIGIN_CHECKS_H_

#include <string>
#include <vector>

#include "harness/core/case.h"
#include "harness/core/result.h"
#include "harness/runner/expectations.h"

namespace httpconform::runner {

/// The checks of `e` against what `step` recorded of the origin.
std::vector<core::CheckResult> CheckOrigin(const core::OriginExpectation& e,
                                           const core::StepResult& step, const VarLookup& vars);

/// `e` in words, e.g. "origin received 1 request; Via present".
std::string DescribeOrigin(const core::OriginExpectation& e, const VarLookup& vars);

}  // namespace httpconform::runner

#endif  // HTTPCONFORM_RUNNER_ORIGIN_CHECKS_H_
