// The httpconform subcommands. Each returns the process exit code
// (exit_codes.h); none exits by itself, so they compose (demo = serve + run).
#ifndef HTTPCONFORM_CLI_COMMANDS_H_
#define HTTPCONFORM_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "harness/cli/case_source.h"
#include "harness/cli/target_flags.h"
#include "harness/core/case.h"

namespace httpconform::cli {

/// Flags of `run` (and of the run inside `demo`).
struct RunFlags {
  std::string url;
  CaseSelection selection;
  std::vector<std::string> vars;  ///< NAME=VALUE
  std::string fail_on = "must";
  std::string http = "1.1";
  std::string transport = "auto";  ///< auto | raw | curl
  int jobs = 4;
  double timeout_s = 10;
  std::vector<std::string> reports;  ///< FORMAT:PATH
  bool quiet = false;
  bool redact = true;     ///< --no-redact: keep credential values in reports.
  bool discover = true;   ///< --no-discover: keep case defaults, probe nothing.
  TlsFlags tls;           ///< -k/--insecure, --cacert.
  bool preflight = true;  ///< --no-preflight: only check that the port accepts connections.
  int max_timeouts = 10;  ///< --max-timeouts: stop after N silent cases in a row (0: never).
  // CI workflow (ci_workflow.h).
  std::string baseline;          ///< --baseline FILE: listed failures do not fail the run.
  bool strict_baseline = false;  ///< --strict-baseline: listed cases that now pass fail the run.
  int retries = 0;               ///< --retries N: re-run failed and errored cases.
  bool fail_on_flaky = false;    ///< --fail-on-flaky: a pass on a retry fails the run.
  // `httpconform proxy` (cmd_proxy.cc): the URL is the intermediary's.
  bool proxy = false;
  std::string origin_listen;  ///< --origin-listen HOST:PORT (loopback).
  bool forward = false;       ///< --forward: absolute-form requests (a forward proxy).
};

/// Adds the flags `run` and `proxy` share (all of run's but the URL) to `cmd`.
void AddRunFlags(CLI::App* cmd, RunFlags* flags);

/// The version string, e.g. "0.1.0".
const char* Version();

int RunCommand(const RunFlags& flags);
int ListCommand(const CaseSelection& selection, bool json);
int VarsCommand(const CaseSelection& selection, bool json);  ///< cmd_vars.cc
int LintCommand(const std::vector<std::string>& files);
/// TLS of `serve`: a certificate and key from files, or a self-signed one.
struct ServeTls {
  std::string cert_file;
  std::string key_file;
  bool self_signed = false;
};
int ServeCommand(const std::string& listen, const std::vector<std::string>& faults,
                 bool list_faults, bool early_hints = false, const ServeTls& tls = {});
/// `serve --gateway ORIGIN` (cmd_gateway.cc); `proxy_auth` "USER:PASS" or "".
int GatewayCommand(const std::string& listen, const std::string& origin,
                   const std::vector<std::string>& faults, bool list_faults, double timeout_s,
                   const std::string& proxy_auth = "", bool cache = true);
/// `http`: "1.1", "2" (h2c with prior knowledge, which the server detects) or "1.1,2".
int DemoCommand(const std::string& out_dir, const std::vector<std::string>& faults, int jobs,
                const std::string& http = "1.1");
int ExplainCommand(const std::string& code, const std::string& lang);

/// Subcommands register themselves: each Register* function adds its
/// CLI11 subcommand and flags, and the action to run when it is chosen. A
/// new subcommand is a new file plus one line in main.cc.
class CommandRegistry {
 public:
  explicit CommandRegistry(CLI::App* app) : app_(app) {}
  /// Adds a subcommand; `action` runs when it was parsed and returns the exit code.
  CLI::App* Add(const std::string& name, const std::string& description,
                std::function<int()> action);
  /// The action of the parsed subcommand, or nullptr.
  std::function<int()> Chosen() const;

 private:
  CLI::App* app_;
  std::vector<std::pair<CLI::App*, std::function<int()>>> entries_;
};

/// Adds --cases, --no-builtin, --only and --tag to `cmd`.
void AddSelectionFlags(CLI::App* cmd, CaseSelection* selection);

void RegisterRunCommand(CommandRegistry& registry);
void RegisterProxyCommand(CommandRegistry& registry);  ///< cmd_proxy.cc
void RegisterListCommand(CommandRegistry& registry);
void RegisterVarsCommand(CommandRegistry& registry);  ///< cmd_vars.cc
void RegisterLintCommand(CommandRegistry& registry);
void RegisterServeCommand(CommandRegistry& registry);
void RegisterDemoCommand(CommandRegistry& registry);
void RegisterExplainCommand(CommandRegistry& registry);
void RegisterCoverageCommand(CommandRegistry& registry);
void RegisterFuzzCommand(CommandRegistry& registry);    ///< cmd_fuzz.cc (netfuzz).
void RegisterMatrixCommand(CommandRegistry& registry);  ///< cmd_matrix.cc.

/// Installs SIGINT/SIGTERM handlers that ask a run to stop; returns the flag.
const std::atomic<bool>* InstallStopHandlers();
/// 130 after SIGINT, 143 after SIGTERM, 0 when no signal arrived.
int SignalExitCode();

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_COMMANDS_H_
