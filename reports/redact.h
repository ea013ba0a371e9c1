// Credential redaction for reports: one pure function applied before any
// writer sees a run, so every format (JSON, NDJSON, HTML, JUnit, Markdown,
// SARIF) hides the same things. The values of Authorization,
// Proxy-Authorization, Cookie and Set-Cookie (RFC 9110 §11.6.2, §11.7.2;
// RFC 6265 §4.1, §4.2) become "[redacted]" both in the structured field
// lists and inside the raw bytes sent and received; names stay, so a reader
// still sees that the field was there and where. A case variable (and the
// --var behind it) whose value went into such a field is a credential too.
#ifndef HTTPCONFORM_REPORTS_REDACT_H_
#define HTTPCONFORM_REPORTS_REDACT_H_

#include <string>
#include <string_view>

#include "harness/core/result.h"

namespace httpconform::reports {

/// What a redacted value is replaced with.
inline constexpr char kRedacted[] = "[redacted]";

/// True for Authorization, Proxy-Authorization, Cookie and Set-Cookie (any case).
bool IsCredentialField(std::string_view name);
/// Raw HTTP bytes with the value of every credential field line replaced by kRedacted.
std::string RedactRawBytes(std::string_view bytes);
/// `fields` with every credential field's value replaced by kRedacted.
core::Fields RedactFields(core::Fields fields);
/// One case result with credentials redacted in headers, trailers and raw bytes.
core::CaseResult RedactCase(core::CaseResult result);
/// The whole run with credentials redacted (RedactCase on every result).
core::RunResult RedactRun(core::RunResult run);

}  // namespace httpconform::reports

#endif  // HTTPCONFORM_REPORTS_REDACT_H_
