#include "harness/cli/run_settings.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "harness/cli/suggest.h"
#include "harness/core/edit_distance.h"
#include "harness/core/template.h"
#include "harness/core/versions.h"

namespace httpconform::cli {

core::RunSettings SettingsOf(const RunFlags& flags, const transport::TransportOptions& transport,
                             const runner::RunOptions& options,
                             const std::vector<std::string>& discovery_notes) {
  core::RunSettings s;
  s.recorded = true;
  // Normalised: "2,1.1" is recorded as "1.1,2".
  const std::vector<std::string> versions =
      core::ParseHttpVersions(flags.http).value_or(std::vector<std::string>{flags.http});
  s.http.clear();
  for (const std::string& v : versions) s.http += (s.http.empty() ? "" : ",") + v;
  const bool h2 = std::find(versions.begin(), versions.end(), "2") != versions.end();
  const bool h1 = std::find(versions.begin(), versions.end(), "1.1") != versions.end();
  s.transport = flags.transport == "curl" ? "curl" : h1 && h2 ? "raw,h2" : h2 ? "h2" : "raw";
  s.timeout_ms = options.timeout_ms;
  s.tls_verify = transport.verify_tls;
  s.tls_ca_file = transport.ca_file;
  s.vars = options.vars;
  for (const std::string& path : flags.selection.paths) {
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
    s.case_paths.push_back(ec ? path : absolute.lexically_normal().string());
  }
  s.discovery = flags.discover;
  for (const auto& [name, by_default] : options.replaced_defaults) {
    for (const auto& [default_value, value] : by_default) {
      s.discovered.push_back({name, default_value, value});
    }
  }
  s.discovery_notes = discovery_notes;
  return s;
}

std::vector<std::string> UnusedVarWarnings(const std::map<std::string, std::string>& given,
                                           const std::vector<core::Case>& cases) {
  std::set<std::string> used;
  for (const core::Case& c : cases) {
    for (const auto& [name, value] : c.vars) used.insert(name);
  }
  const std::vector<std::string>& builtins = core::BuiltinVariables();
  std::vector<std::string> warnings;
  for (const auto& [name, value] : given) {
    if (used.count(name) || std::find(builtins.begin(), builtins.end(), name) != builtins.end()) {
      continue;
    }
    // A typo is within two edits of the name meant; anything further is not.
    const std::vector<std::string> nearest =
        Closest(name, std::vector<std::string>(used.begin(), used.end()), 1);
    const std::string closest =
        !nearest.empty() && core::EditDistance(name, nearest[0]) <= 2 ? nearest[0] : "";
    warnings.push_back("--var " + name + " is used by no selected case" +
                       (closest.empty() ? "" : " (did you mean " + closest + "?)"));
  }
  return warnings;
}

}  // namespace httpconform::cli
