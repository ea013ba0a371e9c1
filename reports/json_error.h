// nlohmann's parse errors in the tool's words: "[json.exception.parse_error.101]
// parse error at line 2, column 1: syntax error while parsing object key -
// unexpected end of input; expected string literal" becomes "not valid JSON:
// line 2, column 1: unexpected end of input; expected string literal". For
// the readers of reports and baselines (json_report.cc, baseline.cc).
#ifndef HTTPCONFORM_REPORTS_JSON_ERROR_H_
#define HTTPCONFORM_REPORTS_JSON_ERROR_H_

#include <string>

namespace httpconform::reports {

/// The text of nlohmann::json::parse_error::what() rewritten as above.
std::string JsonSyntaxError(const std::string& what);

}  // namespace httpconform::reports

#endif  // HTTPCONFORM_REPORTS_JSON_ERROR_H_
