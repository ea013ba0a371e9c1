// The HTML report's passive-findings section (html_findings.cc), a part of
// RenderHtml kept in its own file.
#ifndef HTTPCONFORM_REPORTS_HTML_FINDINGS_H_
#define HTTPCONFORM_REPORTS_HTML_FINDINGS_H_

#include <string>

#include "harness/core/result.h"

namespace httpconform::reports {

/// <section id="findings">: every passive finding of `run` (those that fail
/// the run first), with rule, level, section, message, the response it was
/// found in (its request line and status line, and the bytes received on
/// demand) and a link to its case; "" when there is none. All text escaped.
std::string HtmlFindingsSection(const core::RunResult& run);

}  // namespace httpconform::reports

#endif  // HTTPCONFORM_REPORTS_HTML_FINDINGS_H_
