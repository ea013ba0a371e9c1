// Pieces both HTML pages need (the run report, html_report.cc, and the
// compatibility matrix, matrix_html.cc): the Content-Security-Policy hash
// of an inline style or script, the URL of an RFC section, and JSON made
// safe to embed in <script type="application/json">.
#ifndef HTTPCONFORM_REPORTS_HTML_COMMON_H_
#define HTTPCONFORM_REPORTS_HTML_COMMON_H_

#include <string>
#include <string_view>

#include "harness/core/case.h"

namespace httpconform::reports {

/// "'sha256-BASE64'" of `text`, for a CSP style-src or script-src.
std::string CspHash(std::string_view text);

/// https://www.rfc-editor.org/rfc/rfcN, with #section-X.Y or #appendix-A.B
/// when the section is a plain dotted name (anything else gets no fragment,
/// so a case file cannot put arbitrary text into a URL); "" when rfc <= 0.
std::string RfcSectionUrl(const core::SpecRef& spec);

/// ASCII JSON (as our writers make it) with every '<', '>' and '&' -- which
/// can occur only inside strings there -- written as its \u escape, so no
/// "</script>" or "<!--" can end or confuse the block it is embedded in.
std::string JsonForScript(std::string_view ascii_json);
/// JsonForScript appended to `out` in place (no copy of a large report).
void AppendJsonForScript(std::string_view ascii_json, std::string* out);

}  // namespace httpconform::reports

#endif  // HTTPCONFORM_REPORTS_HTML_COMMON_H_
