// The catalogue-based coverage report, as Markdown (the first part of
// docs/coverage.md) and as JSON (`httpconform coverage --json`, for CI and
// for tracking the figures). Pure functions of the catalogue, the coverage
// and the matrix: the same numbers in both, computed once.
#ifndef HTTPCONFORM_REQUIREMENTS_REPORT_H_
#define HTTPCONFORM_REQUIREMENTS_REPORT_H_

#include <map>
#include <string>
#include <vector>

#include "harness/requirements/catalogue.h"
#include "harness/requirements/coverage.h"

namespace httpconform::requirements {

/// The project's target for RFC 9110 + RFC 9112: percentages of the
/// origin-observable MUST and SHOULD requirements a case covers.
inline constexpr int kTargetMustPercent = 85;
inline constexpr int kTargetShouldPercent = 70;

/// Summary, per-section matrix, the uncovered origin-observable
/// requirements with their reason or plan, covered requirements outside
/// origin, and the quotes that cover nothing. Ends with a newline.
std::string MarkdownReport(const std::vector<CatalogueFile>& catalogue, const Coverage& coverage,
                           const Matrix& matrix);

/// The same as one JSON document (docs/requirements/README.md describes it).
/// `case_locations` (case id -> "cases/methods.json:10") becomes the member
/// "case_locations", so each id in "covered_by" leads to where it is written.
std::string JsonReport(const std::vector<CatalogueFile>& catalogue, const Coverage& coverage,
                       const Matrix& matrix,
                       const std::map<std::string, std::string>& case_locations = {});

/// Markdown-safe text: '|', '*', '_', '`', '[', ']', '<', '>' and '\'
/// backslash-escaped, line breaks as spaces.
std::string MarkdownText(const std::string& text);

}  // namespace httpconform::requirements

#endif  // HTTPCONFORM_REQUIREMENTS_REPORT_H_
