// A hand-built RunResult for tests and for render_sample: every outcome,
// passive findings, interim responses, a step without a response, and
// hostile data everywhere a server or case file can put it (markup, NUL,
// invalid UTF-8, U+2028, bidi overrides, "</script>").
#ifndef HTTPCONFORM_REPORTS_SAMPLE_RUN_H_
#define HTTPCONFORM_REPORTS_SAMPLE_RUN_H_

#include <string>

#include "harness/core/result.h"

namespace httpconform::reports {

/// Markup that must only ever appear escaped in an HTML report.
inline constexpr char kHostileMarkup[] = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>";

/// The sample run: five cases (pass, fail, skip, error, fail with findings).
core::RunResult MakeSampleRunForTesting();

/// The sample run as `run --http 1.1,2` would give it: every result once
/// per version; over HTTP/2 "conditional.if-none-match.304" fails (its
/// verdict differs) and "range.single" does not apply (no verdict).
core::RunResult MakeDualRunForTesting();

}  // namespace httpconform::reports

#endif  // HTTPCONFORM_REPORTS_SAMPLE_RUN_H_
