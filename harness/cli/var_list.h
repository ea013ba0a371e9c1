// `httpconform vars`: every variable the selected cases declare (the
// built-in library and --cases), with what it must point to and how
// discovery finds it (both from the one table of variables,
// runner/variables.h), the cases that use it and its defaults. As text for
// people, or one JSON document, {"schema": "httpconform-var-list/1",
// "variables": [...]}, whose contract is reports/vars.schema.json; the JSON
// is pure ASCII (non-ASCII as \u escapes), whatever a case file holds.
#ifndef HTTPCONFORM_CLI_VAR_LIST_H_
#define HTTPCONFORM_CLI_VAR_LIST_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/case.h"
#include "harness/runner/variables.h"

namespace httpconform::cli {

/// The value of the JSON document's "schema" member.
inline constexpr char kVarListSchema[] = "httpconform-var-list/1";

/// One default of a variable and how many cases declare it.
struct VarDefault {
  std::optional<std::string> value;  ///< nullopt: the case has none (--var must give it).
  int cases = 0;
};

/// A variable and the cases that declare it.
struct VarUse {
  std::string name;
  const runner::VariableInfo* info = nullptr;  ///< nullptr: not described (a user's own).
  std::vector<std::string> cases;              ///< Ids, in the order of the selection.
  std::vector<VarDefault> defaults;            ///< Most cases first, ties in first-seen order.
};

/// The variables `cases` declare, by name.
std::vector<VarUse> CollectVarUses(const std::vector<core::Case>& cases);

/// For people: a block per variable, at most `max_ids` case ids each (the
/// rest counted), then a count.
std::string RenderVarListText(const std::vector<VarUse>& vars, std::size_t max_ids = 8);

/// The JSON document, indented, ending in a newline; every case id listed.
std::string RenderVarListJson(const std::vector<VarUse>& vars);

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_VAR_LIST_H_
