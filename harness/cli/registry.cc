#include "harness/cli/commands.h"

namespace httpconform::cli {

CLI::App* CommandRegistry::Add(const std::string& name, const std::string& description,
                               std::function<int()> action) {
  CLI::App* cmd = app_->add_subcommand(name, description);
  entries_.emplace_back(cmd, std::move(action));
  return cmd;
}

std::function<int()> CommandRegistry::Chosen() const {
  for (const auto& [cmd, action] : entries_) {
    if (cmd->parsed()) return action;
  }
  return nullptr;
}

void AddSelectionFlags(CLI::App* cmd, CaseSelection* s) {
  cmd->add_option("--cases", s->paths,
                  "Case file or directory; cases with the id of a built-in one replace it")
      ->type_name("PATH");
  cmd->add_flag_callback(
      "--no-builtin", [s] { s->builtin = false; }, "Do not load the built-in case library");
  cmd->add_option("--only", s->only, "Only the cases whose id starts with this prefix (repeatable)")
      ->type_name("ID-PREFIX");
  cmd->add_option("--tag", s->tags, "Only the cases with this tag (repeatable)")->type_name("TAG");
}

}  // namespace httpconform::cli
