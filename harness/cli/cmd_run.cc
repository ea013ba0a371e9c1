// `httpconform run URL`: load and filter cases, check the target is
// reachable, run, print, write reports, and map the result to an exit code.
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <set>

#include "harness/cli/ci_workflow.h"
#include "harness/cli/commands.h"
#include "harness/cli/console.h"
#include "harness/cli/exit_codes.h"
#include "harness/cli/flag_checks.h"
#include "harness/cli/preflight.h"
#include "harness/cli/proxy_run.h"
#include "harness/cli/report_paths.h"
#include "harness/cli/run_reports.h"
#include "harness/cli/run_settings.h"
#include "harness/cli/skip_summary.h"
#include "harness/core/utc_time.h"
#include "harness/core/verdict.h"
#include "harness/core/versions.h"
#include "harness/runner/discovery.h"
#include "harness/runner/runner.h"
#include "harness/transport/curl_transport.h"
#include "harness/transport/raw_transport.h"
#include "reports/baseline.h"
#include "reports/report.h"

#ifndef HTTPCONFORM_VERSION
#define HTTPCONFORM_VERSION "0.0.0"
#endif

namespace httpconform::cli {
namespace {

std::atomic<bool> g_stop{false};
std::atomic<int> g_signal{0};

extern "C" void OnStopSignal(int sig) {
  g_signal.store(sig);
  g_stop.store(true);
}

std::string NowRfc3339() { return core::FormatUtcNow("%Y-%m-%dT%H:%M:%SZ"); }

// The report formats this build writes (reports::WriteReport knows them).
const char* const kFormats[] = {"json", "html", "junit", "markdown", "sarif", "ndjson"};

bool IsKnownFormat(const std::string& f) {
  for (const char* k : kFormats) {
    if (f == k) return true;
  }
  return false;
}

std::string KnownFormats() {
  std::string out;
  for (const char* k : kFormats) out += (out.empty() ? "" : ", ") + std::string(k);
  return out;
}

bool SplitReport(const std::string& spec, std::string* format, std::string* path) {
  std::size_t colon = spec.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size()) return false;
  *format = spec.substr(0, colon);
  *path = spec.substr(colon + 1);
  return true;
}

// The preflight (preflight.h): nullopt to go on (also when a signal
// interrupted it: the run then stops at once and says so), else the one line
// that says what is wrong.
std::optional<std::string> Preflight(const transport::Target& target,
                                     const transport::TransportOptions& topts,
                                     const RunFlags& flags, const runner::RunOptions& options,
                                     const std::atomic<bool>* stop) {
  PreflightOptions popts = PreflightOptionsFor(topts, options.timeout_ms, options.user_agent);
  popts.stop = stop;
  popts.connect_only = !flags.preflight;
  PreflightResult pre = CheckTarget(target, popts);
  if (pre.verdict != PreflightResult::Verdict::kWrongTarget) return std::nullopt;
  return std::move(pre.message);
}

}  // namespace

const char* Version() { return HTTPCONFORM_VERSION; }

const std::atomic<bool>* InstallStopHandlers() {
  struct sigaction sa {};
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  return &g_stop;
}

int SignalExitCode() {
  int sig = g_signal.load();
  return sig == SIGINT ? kExitSigint : sig == SIGTERM ? kExitSigterm : 0;
}

int RunCommand(const RunFlags& flags) {
  // First thing: a signal during loading or the preflight must still end in
  // reports marked incomplete and exit 130/143, not in death by the signal.
  const std::atomic<bool>* stop = InstallStopHandlers();
  std::optional<core::Level> fail_on = core::ParseLevel(flags.fail_on);
  if (!fail_on) {
    std::fprintf(stderr, "httpconform run: --fail-on must be must, should or may (got \"%s\")\n",
                 flags.fail_on.c_str());
    return kExitUsage;
  }
  // CLI11's range check lets NaN through (every comparison with it is false);
  // a NaN deadline would be undefined behaviour when converted to ms.
  if (!(flags.timeout_s >= 0.05 && flags.timeout_s <= 600.0)) {
    std::fprintf(stderr, "httpconform run: --timeout must be a number of seconds in 0.05..600\n");
    return kExitUsage;
  }
  runner::RunOptions options;
  options.jobs = flags.jobs;
  options.timeout_ms = static_cast<int>(flags.timeout_s * 1000);
  options.user_agent = std::string("httpconform/") + Version();
  if (!ParseVarFlags(flags.vars, "run", &options.vars)) return kExitUsage;
  ReportSpecs reports;
  for (const std::string& r : flags.reports) {
    std::string format, path;
    if (!SplitReport(r, &format, &path) || !IsKnownFormat(format)) {
      std::fprintf(
          stderr,
          "httpconform run: --report takes FORMAT:PATH with FORMAT one of %s (got \"%s\")\n",
          KnownFormats().c_str(), r.c_str());
      return kExitUsage;
    }
    reports.emplace_back(format, path);
  }
  // Before anything is sent: a report that cannot be written stops the run now.
  if (core::Expected<void> writable = CheckReportPaths(reports); !writable) {
    std::fprintf(stderr, "%s\n", writable.error().message.c_str());
    return kExitUsage;
  }
  core::Expected<transport::Target> target = transport::ParseTarget(flags.url);
  if (!target) {
    std::fprintf(stderr, "httpconform run: %s\n", target.error().message.c_str());
    return kExitUsage;
  }
  // `proxy`: the origin the intermediary forwards to, on loopback like it.
  std::unique_ptr<proxy::ScriptedOrigin> origin;
  if (flags.proxy) {
    core::Expected<std::unique_ptr<proxy::ScriptedOrigin>> started =
        StartProxyOrigin(flags, *target);
    if (!started) {
      std::fprintf(stderr, "%s\n", started.error().message.c_str());
      return kExitUsage;
    }
    origin = std::move(*started);
  }
  core::Expected<std::vector<core::Case>> cases = SelectCases(flags.selection);
  if (!cases) {
    std::fprintf(stderr, "%s\n", cases.error().message.c_str());
    return kExitUsage;
  }
  core::Expected<std::optional<reports::Baseline>> baseline = LoadBaselineFile(flags.baseline);
  if (!baseline) {
    std::fprintf(stderr, "httpconform run: %s\n", baseline.error().message.c_str());
    return kExitUsage;
  }
  reports::ReportOptions report_options;
  report_options.redact = flags.redact;
  core::Expected<RunReports> outputs = RunReports::Open(reports, report_options);
  if (!outputs) {
    std::fprintf(stderr, "httpconform: %s\n", outputs.error().message.c_str());
    return kExitUsage;
  }
  // A report on standard output keeps it clean: the console goes to stderr.
  std::FILE* const console_out = outputs->ToStdout() ? stderr : stdout;
  core::RunResult run;
  run.tool_version = Version();
  run.target_url = flags.url;
  run.started_at = NowRfc3339();
  run.policy = PolicyOf(flags, *fail_on);
  if (origin) RecordProxyRun(*origin, flags, &run);

  for (const std::string& w : UnusedVarWarnings(options.vars, *cases)) {
    std::fprintf(stderr, "httpconform run: warning: %s\n", w.c_str());
  }
  transport::TransportOptions topts;
  topts.connect_timeout_ms = std::min(options.timeout_ms, 5000);
  // One budget for every transport: discovery, the cases and retries over
  // each version share it.
  topts.content_budget = core::ContentBudget::Make(transport::kRunContentBudgetBytes);
  if (core::Expected<void> tls = ApplyTlsFlags(flags.tls, &topts); !tls) {
    std::fprintf(stderr, "httpconform run: %s\n", tls.error().message.c_str());
    return kExitUsage;
  }
  // --http 1.1,2: every case runs once per version, through the same path.
  const std::vector<std::string> versions =
      core::ParseHttpVersions(flags.http).value_or(std::vector<std::string>{"1.1"});
  const bool multi = versions.size() > 1;
  auto options_for = [&](const std::string& version) {
    transport::TransportOptions t = topts;
    t.http_version = version == "2" ? 2 : 11;
    return t;
  };
  run.settings = SettingsOf(flags, topts, options, {});
  // The target must be the kind of server the URL and --http say
  // (preflight.h). When it is not, or when it never answers, the requested
  // reports are still written, holding the error, so that a CI step that
  // uploads or reads them finds them.
  auto unreachable = [&](const std::string& why) {
    std::fprintf(stderr, "httpconform: %s\n", why.c_str());
    run.error = why;
    outputs->Finish(run, flags.quiet ? nullptr : console_out);
    return kExitUnreachable;
  };
  // Every version is checked before any case runs: a server without one of
  // them is named at once, in one line, whatever the other would give.
  for (const std::string& version : versions) {
    if (std::optional<std::string> wrong =
            Preflight(*target, options_for(version), flags, options, stop)) {
      return unreachable(multi ? "HTTP/" + version + ": " + *wrong : *wrong);
    }
  }
  options.stop = stop;
  options.max_consecutive_timeouts = flags.max_timeouts;
  options.origin = origin.get();
  options.forward = flags.forward;

  Console console(console_out);
  console.SetMultiVersion(multi);
  // With --baseline, results stream (console, NDJSON) already marked known
  // or fixed, as ApplyWorkflow marks them at the end.
  std::set<std::string> known;
  if (*baseline) known = reports::ActiveIds(**baseline, TodayUtc());
  console.SetKnownFailures(known);
  std::vector<std::string> discovery_notes;
  runner::DiscoveryResult found;
  runner::RunOptions recorded_options = options;
  const int total = static_cast<int>(cases->size() * versions.size());
  int done_before = 0;
  for (const std::string& version : versions) {
    if (stop->load() || !run.stop_reason.empty()) break;
    const transport::TransportOptions vopts = options_for(version);
    const TargetTransports made =
        MakeTargetTransports(*target, vopts, flags.transport == "curl", version == "2");
    const runner::Transports transports = made.ForRunner();
    runner::RunOptions voptions = options;
    voptions.http = version;
    const std::string prefix = multi ? "HTTP/" + version + ": " : "";
    // Autodiscovery: replace case defaults this server cannot serve by what
    // it does serve (runner/discovery.h); --var values are never touched.
    // Discovery looks for an origin's resources; a proxy run scripts its own.
    if (flags.discover && !flags.proxy) {
      runner::DiscoveryOptions dopts;
      dopts.user_agent = options.user_agent;
      dopts.request_timeout_ms = std::min(options.timeout_ms, 2000);
      dopts.stop = stop;
      found = runner::Discover(*cases, *target, *transports.structured, options.vars, dopts);
      if (found.silent && !stop->load()) {
        return unreachable(prefix +
                           "target never answers: every discovery probe waited out its deadline "
                           "without a response");
      }
      voptions.replaced_defaults = found.replaced_defaults;
      for (const std::string& n : found.notes) {
        discovery_notes.push_back(prefix + n);
        if (!flags.quiet) std::fprintf(console_out, "%s%s\n", prefix.c_str(), n.c_str());
      }
    }
    if (version == versions.front()) recorded_options = voptions;
    core::RunResult ran = runner::RunCases(
        *cases, *target, transports, voptions, [&](const core::CaseResult& r, int done, int) {
          core::CaseResult marked = r;
          if (*baseline) marked.baseline = reports::BaselineMark(**baseline, known, r);
          if (!flags.quiet) console.Progress(marked, done_before + done, total);
          outputs->Add(marked);
        });
    done_before += static_cast<int>(cases->size());
    RetryWithProgress(flags, *cases, *target, transports, voptions, &ran,
                      flags.quiet ? nullptr : console_out);
    for (core::CaseResult& r : ran.results) run.results.push_back(std::move(r));
    run.duration_ms += ran.duration_ms;
    run.incomplete = run.incomplete || ran.incomplete;
    if (!ran.stop_reason.empty()) run.stop_reason = prefix + ran.stop_reason;
  }
  // Each case's results together, in the order of the cases (as over one
  // version), "1.1" before "2" as the versions ran.
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < cases->size(); ++i) position.emplace((*cases)[i].id, i);
  std::stable_sort(run.results.begin(), run.results.end(),
                   [&](const core::CaseResult& a, const core::CaseResult& b) {
                     return position[a.id] < position[b.id];
                   });
  run.incomplete = run.incomplete || g_stop.load();
  run.settings = SettingsOf(flags, topts, recorded_options, discovery_notes);
  run.notes = std::move(discovery_notes);
  if (origin) RecordProxyRun(*origin, flags, &run);
  if (!run.stop_reason.empty()) run.notes.push_back(run.stop_reason);
  // Retries ran per version above; the baseline applies to the whole run.
  RunFlags workflow_flags = flags;
  workflow_flags.retries = 0;
  const runner::Transports no_transports;
  const WorkflowResult workflow =
      ApplyWorkflow(workflow_flags, *baseline, *cases, *target, no_transports, options, TodayUtc(),
                    &run, flags.quiet ? nullptr : console_out);
  // Details first; the last screen is what fails the run and the counts
  // (console.h), so the reports are written before it.
  if (!flags.quiet) {
    console.Details(run);
    PrintWorkflow(workflow, console_out);
    PrintSkipSummary(SummarizeSkips(run, *cases, found.candidates, runner::DiscoverableVars()),
                     console_out);
  }
  const bool reports_ok = outputs->Finish(run, flags.quiet ? nullptr : console_out);
  // -q prints what fails the run and nothing else (nothing when nothing does).
  if (flags.quiet) {
    console.FailingList(run);
  } else {
    console.Ending(run);
  }
  if (int sig = SignalExitCode()) return sig;
  if (!run.stop_reason.empty()) {
    // The target stopped answering: the run is incomplete, whatever it found
    // (the reports say so, and list the cases that went unanswered).
    std::fprintf(stderr, "httpconform: %s\n", run.stop_reason.c_str());
    return kExitUnreachable;
  }
  // The reports judged the run with core::JudgeRun too: they agree with this.
  const bool failed = !reports_ok || workflow.fails_run || core::JudgeRun(run).failed();
  return failed ? kExitFailures : kExitOk;
}

void RegisterRunCommand(CommandRegistry& registry) {
  auto flags = std::make_shared<RunFlags>();
  CLI::App* cmd = registry.Add("run", "Run the case library against a server URL",
                               [flags] { return RunCommand(*flags); });
  cmd->add_option("url", flags->url, "Target, e.g. http://127.0.0.1:8080/")->required();
  AddRunFlags(cmd, flags.get());
}

void AddRunFlags(CLI::App* cmd, RunFlags* flags) {
  AddSelectionFlags(cmd, &flags->selection);
  cmd->add_option("--var", flags->vars,
                  "Set a case variable (httpconform vars lists them: what each must point to)")
      ->type_name("NAME=VALUE");
  cmd->add_option("--fail-on", flags->fail_on,
                  "Lowest level whose failures fail the run (a MAY never fails, so may is "
                  "the same as should)")
      ->check(CLI::IsMember({"must", "should", "may"}))
      ->capture_default_str();
  cmd->add_option("--http", flags->http,
                  "HTTP version: 1.1, 2, or 1.1,2 to run every case over both (a case about one "
                  "version only is skipped over the other)")
      ->check(HttpVersions())
      ->capture_default_str();
  cmd->add_option("--transport", flags->transport, "Transport for structured requests")
      ->check(CLI::IsMember({"auto", "raw", "curl"}))
      ->capture_default_str();
  cmd->add_option("--jobs,-j", flags->jobs, "Cases run in parallel")
      ->type_name("N")
      ->check(IntegerIn(1, 256))
      ->capture_default_str();
  cmd->add_option("--timeout", flags->timeout_s, "Per-step deadline in seconds")
      ->type_name("SECONDS")
      ->check(SecondsIn(0.05, 600.0))
      ->capture_default_str();
  cmd->add_option("--report", flags->reports,
                  "Write a report: FORMAT:PATH (json, html, junit, markdown, sarif, ndjson; "
                  "PATH - is stdout)")
      ->type_name("FORMAT:PATH");
  RunFlags* f = flags;
  cmd->add_flag_callback(
      "--redact", [f] { f->redact = true; },
      "Hide Authorization, Proxy-Authorization, Cookie and Set-Cookie values in reports "
      "(the default)");
  cmd->add_flag_callback(
      "--no-redact", [f] { f->redact = false; }, "Keep credential values in reports");
  cmd->add_flag("--quiet,-q", flags->quiet,
                "Print only what fails the run (one line each) and errors; nothing when the run "
                "passes");
  cmd->add_flag_callback(
      "--no-discover", [f] { f->discover = false; },
      "Do not probe the server for resources to use in place of case defaults it "
      "does not serve");
  AddWorkflowFlags(cmd, flags);
  AddTlsFlags(cmd, &flags->tls);
  cmd->add_flag_callback(
      "--no-preflight", [f] { f->preflight = false; },
      "Skip the check that the target is an HTTP server of the kind the URL and "
      "--http say (only that it accepts connections)");
  cmd->add_option("--max-timeouts", flags->max_timeouts,
                  "Stop the run (exit 3) after N cases in a row got no byte within their "
                  "deadline; 0: never")
      ->type_name("N")
      ->check(IntegerIn(0, 100000))
      ->capture_default_str();
}

}  // namespace httpconform::cli
