// httpconform: command-line entry point. Each subcommand registers its own
// flags and action (commands.h); this file only parses and dispatches. Flag
// errors print the usage line and exit 2, whatever CLI11's own code for the
// error would be.
#include <CLI/CLI.hpp>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "harness/cli/ci_workflow.h"
#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"

int main(int argc, char** argv) {
  namespace cli = httpconform::cli;
#ifdef __GLIBC__
  // Response content comes and goes in buffers of up to 8 MiB on many
  // threads. glibc raises its mmap threshold each time such a buffer is
  // freed, after which they come from per-thread heaps that rarely shrink,
  // and resident memory grows far past what is live (measured: 197 MB for
  // 67 MB of heap with 16 jobs). A fixed threshold keeps every large buffer
  // mmapped, so freeing it returns its pages at once.
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
  CLI::App app{"httpconform: HTTP status-code conformance suite and fuzzer (RFC 9110, RFC 9112)",
               "httpconform"};
  app.set_version_flag("--version", std::string("httpconform ") + cli::Version());
  app.require_subcommand(1);
  cli::CommandRegistry registry(&app);
  cli::RegisterRunCommand(registry);
  cli::RegisterProxyCommand(registry);
  cli::RegisterListCommand(registry);
  cli::RegisterVarsCommand(registry);
  cli::RegisterLintCommand(registry);
  cli::RegisterServeCommand(registry);
  cli::RegisterDemoCommand(registry);
  cli::RegisterExplainCommand(registry);
  cli::RegisterDiffCommand(registry);
  cli::RegisterBaselineCommand(registry);
  cli::RegisterReplayCommand(registry);
  cli::RegisterCoverageCommand(registry);
  cli::RegisterFuzzCommand(registry);
  cli::RegisterMatrixCommand(registry);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return cli::kExitUsage;
  }
  std::function<int()> action = registry.Chosen();
  return action ? action() : cli::kExitUsage;
}
