// `httpconform fuzz URL`: network fuzzing of a live server (harness/netfuzz).
// This file only maps flags to netfuzz::FuzzOptions, prints progress on
// stderr (one rewritten line on a TTY, plain lines otherwise) and writes the
// reports. Exit status: 0 no finding, 1 findings, 2 usage, 3 unreachable,
// 130/143 when interrupted (reports are still written).
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/cli/flag_checks.h"
#include "harness/netfuzz/campaign.h"

namespace httpconform::cli {
namespace {

struct FuzzFlags {
  std::string url;
  std::uint64_t seed = 1;
  double duration_s = 60;
  std::int64_t requests = 1000000;
  double timeout_s = 3;
  int jobs = 1;
  std::string out = "fuzz-findings";
  std::vector<std::string> reports;  ///< json:PATH | html:PATH
  bool quiet = false;
};

bool WriteText(const std::string& path, const std::string& text) {
  if (path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return true;
  }
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

int FuzzCommand(const FuzzFlags& flags) {
  for (const std::string& r : flags.reports) {
    if (r.rfind("json:", 0) != 0 && r.rfind("html:", 0) != 0) {
      std::fprintf(stderr, "httpconform fuzz: --report takes json:PATH or html:PATH, not '%s'\n",
                   r.c_str());
      return kExitUsage;
    }
  }
  netfuzz::FuzzOptions options;
  options.url = flags.url;
  options.seed = flags.seed;
  options.duration_s = flags.duration_s;
  options.max_requests = flags.requests;
  options.timeout_ms = static_cast<int>(flags.timeout_s * 1000);
  options.jobs = flags.jobs;
  options.out_dir = flags.out;
  options.tool_version = Version();
  if (!flags.quiet) {
    options.progress = &std::cerr;
    options.progress_tty = ::isatty(STDERR_FILENO) != 0;
  }
  const std::atomic<bool>* stop = InstallStopHandlers();
  auto result = netfuzz::RunCampaign(options, stop);
  if (!result) {
    std::fprintf(stderr, "httpconform fuzz: %s\n", result.error().message.c_str());
    return result.error().code == "usage" ? kExitUsage : kExitUnreachable;
  }
  for (const std::string& r : flags.reports) {
    const std::string path = r.substr(5);
    const std::string text = r[0] == 'j' ? netfuzz::FuzzReportJson(*result, Version())
                                         : netfuzz::FuzzReportHtml(*result);
    if (!WriteText(path, text)) {
      std::fprintf(stderr, "httpconform fuzz: cannot write %s\n", path.c_str());
      return kExitUsage;
    }
  }
  std::fprintf(stderr, "fuzz: %lld requests in %.1f s (%.1f req/s), %zu finding(s)%s%s\n",
               static_cast<long long>(result->requests), result->duration_ms / 1000,
               result->requests_per_second, result->findings.size(),
               result->stopped_early ? ", stopped early: " : "", result->stop_reason.c_str());
  for (const netfuzz::Finding& f : result->findings) {
    std::fprintf(stderr, "  %s: %s%s%s\n", f.id.c_str(), f.reason.c_str(),
                 f.case_path.empty() ? "" : " -> ", f.case_path.c_str());
  }
  if (int code = SignalExitCode(); code != 0) return code;
  return result->findings.empty() ? kExitOk : kExitFailures;
}

}  // namespace

void RegisterFuzzCommand(CommandRegistry& registry) {
  auto flags = std::make_shared<FuzzFlags>();
  CLI::App* cmd =
      registry.Add("fuzz", "Fuzz a live HTTP/1.1 server with grammar-aware request mutations",
                   [flags] { return FuzzCommand(*flags); });
  cmd->add_option("url", flags->url, "Target, http://host[:port][/path]")->required();
  cmd->add_option("--seed", flags->seed, "PRNG seed: the same seed sends the same requests")
      ->capture_default_str();
  cmd->add_option("--duration", flags->duration_s, "Stop after this many seconds")
      ->type_name("SECONDS")
      ->check(SecondsIn(0.1, 86400.0))
      ->capture_default_str();
  cmd->add_option("--requests", flags->requests, "Stop after this many mutated requests")
      ->type_name("N")
      ->check(IntegerIn(1, static_cast<std::int64_t>(1) << 40))
      ->capture_default_str();
  cmd->add_option("--timeout", flags->timeout_s, "Per-request deadline in seconds")
      ->type_name("SECONDS")
      ->check(SecondsIn(0.05, 600.0))
      ->capture_default_str();
  cmd->add_option("--jobs", flags->jobs, "Parallel connections")
      ->type_name("N")
      ->check(IntegerIn(1, 64))
      ->capture_default_str();
  cmd->add_option("--out", flags->out, "Directory for findings (<id>.bin, <id>.json)")
      ->capture_default_str();
  cmd->add_option("--report", flags->reports, "json:PATH or html:PATH (PATH - is stdout)")
      ->type_name("FORMAT:PATH");
  cmd->add_flag("--quiet", flags->quiet, "No progress on stderr");
  cmd->footer(
      "Exit status: 0 no finding, 1 findings, 2 usage, 3 target unreachable, "
      "130/143 interrupted.");
}

}  // namespace httpconform::cli
