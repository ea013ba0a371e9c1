// What `run` records about how it ran (core::RunSettings: the JSON report's
// "settings", read back by replay and baseline), and the check that every
// --var names a variable some selected case uses.
#ifndef HTTPCONFORM_CLI_RUN_SETTINGS_H_
#define HTTPCONFORM_CLI_RUN_SETTINGS_H_

#include <map>
#include <string>
#include <vector>

#include "harness/cli/commands.h"
#include "harness/core/case.h"
#include "harness/core/result.h"
#include "harness/runner/runner.h"
#include "harness/transport/transport.h"

namespace httpconform::cli {

/// The settings of a run made with `flags`, `transport` and `options`
/// (vars and discovery's replacements), with discovery's `notes`.
core::RunSettings SettingsOf(const RunFlags& flags, const transport::TransportOptions& transport,
                             const runner::RunOptions& options,
                             const std::vector<std::string>& discovery_notes);

/// One warning per `given` name that no case in `cases` declares and that is
/// not a built-in: "--var NAME is used by no selected case (did you mean X?)".
std::vector<std::string> UnusedVarWarnings(const std::map<std::string, std::string>& given,
                                           const std::vector<core::Case>& cases);

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_RUN_SETTINGS_H_
