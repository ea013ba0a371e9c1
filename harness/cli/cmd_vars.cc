// `httpconform vars`: what each variable of the selected cases must point
// to, which cases use it, its defaults and what discovery looks for
// (var_list.h). The selection flags are run's, so vars describes exactly the
// variables a run with the same flags would use.
#include <cstdio>
#include <memory>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/cli/var_list.h"

namespace httpconform::cli {

int VarsCommand(const CaseSelection& selection, bool json) {
  core::Expected<std::vector<core::Case>> cases = SelectCases(selection);
  if (!cases) {
    std::fprintf(stderr, "%s\n", cases.error().message.c_str());
    return kExitUsage;
  }
  const std::vector<VarUse> vars = CollectVarUses(*cases);
  std::fputs((json ? RenderVarListJson(vars) : RenderVarListText(vars)).c_str(), stdout);
  return kExitOk;
}

void RegisterVarsCommand(CommandRegistry& registry) {
  auto selection = std::make_shared<CaseSelection>();
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = registry.Add(
      "vars",
      "List the variables the cases use: what each must point to, its default, the cases that "
      "use it, what discovery looks for",
      [selection, json] { return VarsCommand(*selection, *json); });
  AddSelectionFlags(cmd, selection.get());
  cmd->add_flag("--json", *json,
                "One JSON document instead, every case id listed (schema "
                "reports/vars.schema.json)");
  cmd->footer(
      "Variables are the ${NAME} of case files (docs/case-format.md): paths on the server "
      "under test, mostly. A run discovers some of them (see its discovery: lines); --var "
      "NAME=VALUE sets any of them and always wins. The selection flags are run's, so vars "
      "describes what a run with them would use.");
}

}  // namespace httpconform::cli
