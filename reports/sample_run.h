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

}  // namespace httpconform::reports

#endif  // HTTPCONFORM_REPORTS_SAMPLE_RUN_H_
