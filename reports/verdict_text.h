// Words shared by the report writers (and the console) for what fails a
// run: the one-line verdict and which response a passive finding is about.
// Built on core/verdict.h, so every format says what the exit code does.
#ifndef HTTPCONFORM_REPORTS_VERDICT_TEXT_H_
#define HTTPCONFORM_REPORTS_VERDICT_TEXT_H_

#include <string>

#include "harness/core/result.h"
#include "harness/core/verdict.h"

namespace httpconform::reports {

/// "FAIL" or "PASS" then what decided it, e.g. "FAIL: 2 failures and 1
/// passive finding fail the run (--fail-on must)" or "PASS: nothing fails
/// the run at --fail-on must; not counted: 3 failures below MUST".
/// Plain text, not escaped: each writer escapes it for its format.
std::string VerdictLine(const core::RunResult& run);

/// The response a passive finding was found in, on one line: "GET /x →
/// HTTP/1.1 405 Not Allowed"; "" when the step is not in the result. Not escaped.
std::string FindingResponse(const core::CaseResult& result, const core::PassiveFinding& finding);

/// The raw bytes received for the step a finding was found in ("" when unknown).
const std::string& FindingReceived(const core::CaseResult& result,
                                   const core::PassiveFinding& finding);

}  // namespace httpconform::reports

#endif  // HTTPCONFORM_REPORTS_VERDICT_TEXT_H_
