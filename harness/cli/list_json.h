// `httpconform list --json`: the selected cases as one JSON document,
// {"schema": "httpconform-case-list/1", "cases": [...]}, each case with its
// id, title, spec, codes, tags, vars (null: must be given) and where it was
// written (file, line). The contract is reports/list.schema.json; the
// output is pure ASCII (non-ASCII as \u escapes) so it is valid whatever a
// case file holds.
#ifndef HTTPCONFORM_CLI_LIST_JSON_H_
#define HTTPCONFORM_CLI_LIST_JSON_H_

#include <string>
#include <vector>

#include "harness/core/case.h"

namespace httpconform::cli {

/// The value of the document's "schema" member.
inline constexpr char kCaseListSchema[] = "httpconform-case-list/1";

/// The document, indented, ending in a newline.
std::string RenderCaseListJson(const std::vector<core::Case>& cases);

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_LIST_JSON_H_
