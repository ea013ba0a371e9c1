#include "harness/cli/run_settings.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "harness/core/template.h"

namespace httpconform::cli {
namespace {

std::size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

core::RunSettings SettingsOf(const RunFlags& flags, const transport::TransportOptions& transport,
                             const runner::RunOptions& options,
                             const std::vector<std::string>& discovery_notes) {
  core::RunSettings s;
  s.recorded = true;
  s.http = flags.http;
  s.transport = flags.http == "2" || flags.transport == "curl" ? "curl" : "raw";
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
    std::string closest;
    std::size_t best = 3;  // More edits than this is not a typo.
    for (const std::string& u : used) {
      const std::size_t d = EditDistance(name, u);
      if (d < best) {
        best = d;
        closest = u;
      }
    }
    warnings.push_back("--var " + name + " is used by no selected case" +
                       (closest.empty() ? "" : " (did you mean " + closest + "?)"));
  }
  return warnings;
}

}  // namespace httpconform::cli
