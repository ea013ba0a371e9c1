// `httpconform fuzz URL`: network fuzzing of a live server (harness/netfuzz).
// This file only maps flags to netfuzz::FuzzOptions, prints progress on
// stderr (one rewritten line on a TTY, plain lines otherwise) and writes the
// reports. Exit status: 0 no finding, 1 findings, 2 usage, 3 unreachable,
// 130/143 when interrupted (reports are still written).
// `httpconform fuzz URL1 URL2 ... --differential` sends every mutated request
// to every URL and reports where what they made of it differs
// (harness/netfuzz/differential.h); same exit codes.
// `httpconform fuzz merge DIR... [--out DIR]` joins the finding directories
// of several campaigns (the shards of one: --shard K/N), each minimized
// reproducer once; exit status 0, or 2 when a directory or a finding in it
// cannot be read or the output cannot be written.
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
#include "harness/netfuzz/differential.h"
#include "harness/netfuzz/merge.h"

namespace httpconform::cli {
namespace {

struct FuzzFlags {
  std::vector<std::string> urls;
  bool differential = false;
  std::uint64_t seed = 1;
  double duration_s = 60;
  std::int64_t requests = 1000000;
  double timeout_s = 3;
  int jobs = 1;
  std::string shard = "1/1";
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

struct MergeFlags {
  std::vector<std::string> dirs;
  std::string out = "fuzz-findings-merged";
};

int MergeCommand(const MergeFlags& flags) {
  auto result = netfuzz::MergeFindings(flags.dirs, flags.out);
  if (!result) {
    std::fprintf(stderr, "httpconform fuzz merge: %s\n", result.error().message.c_str());
    return kExitUsage;
  }
  for (const std::string& d : result->duplicates) {
    std::fprintf(stderr, "  duplicate: %s\n", d.c_str());
  }
  std::fprintf(stderr, "fuzz merge: %d finding(s) from %zu director%s, %zu distinct -> %s\n",
               result->findings, flags.dirs.size(), flags.dirs.size() == 1 ? "y" : "ies",
               result->kept.size(), flags.out.c_str());
  return kExitOk;
}

int DifferentialCommand(const FuzzFlags& flags, const netfuzz::Shard& shard) {
  if (!flags.reports.empty() || flags.jobs > 1) {
    std::fprintf(stderr,
                 "httpconform fuzz: --differential takes neither --report nor --workers yet\n");
    return kExitUsage;
  }
  netfuzz::DifferentialOptions options;
  options.urls = flags.urls;
  options.seed = flags.seed;
  options.shard = shard;
  options.duration_s = flags.duration_s;
  options.max_requests = flags.requests;
  options.timeout_ms = static_cast<int>(flags.timeout_s * 1000);
  options.out_dir = flags.out;
  if (!flags.quiet) options.progress = &std::cerr;
  auto result = netfuzz::RunDifferential(options, InstallStopHandlers());
  if (!result) {
    std::fprintf(stderr, "httpconform fuzz: %s\n", result.error().message.c_str());
    return result.error().code == "usage" ? kExitUsage : kExitUnreachable;
  }
  std::fprintf(stderr,
               "fuzz --differential: %lld requests to %zu targets in %.1f s, %zu finding(s)\n",
               static_cast<long long>(result->requests), result->targets.size(),
               result->duration_ms / 1000, result->findings.size());
  for (const netfuzz::DifferentialFinding& f : result->findings) {
    std::fprintf(stderr, "  %s [%s]%s%s\n", f.id.c_str(), f.plan.c_str(),
                 f.path.empty() ? "" : " -> ", f.path.c_str());
    for (std::size_t i = 0; i < f.interpretations.size(); ++i) {
      std::fprintf(stderr, "    %s: %s\n", result->targets[i].c_str(),
                   f.interpretations[i].c_str());
    }
  }
  if (int code = SignalExitCode(); code != 0) return code;
  return result->findings.empty() ? kExitOk : kExitFailures;
}

int FuzzCommand(const FuzzFlags& flags) {
  if (flags.urls.empty()) {
    std::fprintf(stderr, "httpconform fuzz: a target URL is required (or: fuzz merge DIR...)\n");
    return kExitUsage;
  }
  if (flags.urls.size() > 1 && !flags.differential) {
    std::fprintf(stderr, "httpconform fuzz: several URLs need --differential\n");
    return kExitUsage;
  }
  netfuzz::Shard shard;
  if (!netfuzz::ParseShard(flags.shard, &shard)) {
    std::fprintf(stderr, "httpconform fuzz: --shard takes K/N with 1 <= K <= N <= %d, not '%s'\n",
                 netfuzz::kMaxShards, flags.shard.c_str());
    return kExitUsage;
  }
  if (flags.differential) return DifferentialCommand(flags, shard);
  for (const std::string& r : flags.reports) {
    if (r.rfind("json:", 0) != 0 && r.rfind("html:", 0) != 0) {
      std::fprintf(stderr, "httpconform fuzz: --report takes json:PATH or html:PATH, not '%s'\n",
                   r.c_str());
      return kExitUsage;
    }
  }
  netfuzz::FuzzOptions options;
  options.url = flags.urls.front();
  options.seed = flags.seed;
  options.duration_s = flags.duration_s;
  options.max_requests = flags.requests;
  options.timeout_ms = static_cast<int>(flags.timeout_s * 1000);
  options.jobs = flags.jobs;
  options.shard = shard;
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
  auto merge_flags = std::make_shared<MergeFlags>();
  // The merge subcommand is created after the action that asks whether it
  // was chosen: the action reads it through this cell.
  auto merge_cell = std::make_shared<CLI::App*>(nullptr);
  CLI::App* cmd = registry.Add(
      "fuzz", "Fuzz a live HTTP/1.1 server with grammar-aware request mutations",
      [flags, merge_flags, merge_cell] {
        return (*merge_cell)->parsed() ? MergeCommand(*merge_flags) : FuzzCommand(*flags);
      });
  CLI::App* merge = cmd->add_subcommand(
      "merge", "Join the finding directories of several campaigns, each reproducer once");
  merge->add_option("dirs", merge_flags->dirs, "Finding directories (--out of each campaign)")
      ->type_name("DIR")
      ->required()
      ->check(CLI::ExistingDirectory);
  merge->add_option("--out", merge_flags->out, "Directory for the merged findings")
      ->type_name("DIR")
      ->capture_default_str();
  *merge_cell = merge;
  cmd->add_option("url", flags->urls,
                  "Target, http://host[:port][/path] (required to fuzz; several with "
                  "--differential)");
  cmd->add_flag("--differential", flags->differential,
                "Send every mutated request to every URL and report where their "
                "interpretations differ (status classes, responses, connection)");
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
  cmd->add_option("--workers,--jobs", flags->jobs,
                  "Worker threads, each with its own connection, sharing this shard's plans")
      ->type_name("N")
      ->check(IntegerIn(1, 64))
      ->capture_default_str();
  cmd->add_option("--shard", flags->shard,
                  "K/N: send plans K, K+N, K+2N, ... of the seed's sequence (N machines, one "
                  "campaign; join the findings with fuzz merge)")
      ->type_name("K/N")
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
