// `httpconform replay REPORT.json ID`: re-run one case of a report against
// the report's target (or --target), show the exchange byte for byte, the
// verdict, and a shell command per step that reproduces the request without
// httpconform. The case is looked up by id in the built-in library (plus
// --cases), so a replay runs the case as it is now, with fresh captures; the
// report supplies the target, how the run was made (the variables the case
// ran with, discovery's choices included; --http and the transport; TLS
// verification; the timeout), so the replay sends what the run sent, and
// the recorded exchange to compare with (replay_compare.h). Flags given on
// the command line win over what the report recorded.
// A case that refines others ("after") has its bases run first, and is
// skipped naming the first that does not pass, exactly as in `run`.
#include <cstdio>
#include <memory>

#include "harness/cli/ci_workflow.h"
#include "harness/cli/console.h"
#include "harness/cli/exit_codes.h"
#include "harness/cli/flag_checks.h"
#include "harness/cli/preflight.h"
#include "harness/cli/replay_compare.h"
#include "harness/loader/dependencies.h"
#include "harness/runner/runner.h"
#include "harness/transport/curl_transport.h"
#include "harness/transport/raw_transport.h"
#include "reports/redact.h"
#include "reports/report.h"
#include "reports/reproducer.h"

namespace httpconform::cli {
namespace {

// Server text bound for a terminal: the console's escaping (control bytes,
// invalid UTF-8, bidi overrides).
std::string Printable(const std::string& s) { return PrintableForTerminal(s); }

void PrintSteps(const core::CaseResult& r, const std::string& url,
                const core::RunSettings& settings) {
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const core::StepResult& s = r.steps[i];
    std::printf("\nstep %zu", i + 1);
    if (!s.request.raw) {
      std::printf(": %s %s", Printable(s.request.method).c_str(),
                  Printable(s.request.target).c_str());
    } else {
      std::printf(" (raw)");
    }
    std::printf("\n%s", reports::Transcript(s).c_str());
    if (!s.error.empty()) std::printf("  error: %s\n", Printable(s.error).c_str());
    for (const core::CheckResult& c : s.checks) {
      if (c.passed) continue;
      std::printf("  %s failed: %s (expected %s, got %s)\n", Printable(c.kind).c_str(),
                  Printable(c.name).c_str(), Printable(c.expected).c_str(),
                  Printable(c.actual).c_str());
    }
    std::printf("reproduce:\n  %s\n", reports::Reproducer(s, url, settings).c_str());
  }
}

void PrintVerdict(const char* label, const core::CaseResult& r) {
  std::printf("%s: %s", label, core::OutcomeName(r.outcome));
  if (!r.reason.empty()) std::printf(": %s", Printable(r.reason).c_str());
  std::printf("\n");
  for (const std::string& e : r.expected) std::printf("  expected: %s\n", Printable(e).c_str());
  if (!r.actual.empty()) std::printf("  actual:   %s\n", Printable(r.actual).c_str());
}

}  // namespace

int ReplayCommand(const ReplayFlags& flags) {
  core::Expected<std::string> text = ReadTextFile(flags.report);
  if (!text) {
    std::fprintf(stderr, "httpconform replay: %s\n", text.error().message.c_str());
    return kExitUsage;
  }
  core::Expected<core::RunResult> report = reports::ParseJsonReport(*text);
  if (!report) {
    std::fprintf(stderr, "httpconform replay: %s: %s\n", flags.report.c_str(),
                 report.error().message.c_str());
    return kExitUsage;
  }
  // A run over several HTTP versions holds a result per version: the one
  // that failed or errored is the one to send again (the first such).
  const core::CaseResult* recorded = nullptr;
  for (const core::CaseResult& r : report->results) {
    if (r.id != flags.id) continue;
    const bool bad = r.outcome == core::Outcome::kFail || r.outcome == core::Outcome::kError;
    const bool recorded_bad = recorded && (recorded->outcome == core::Outcome::kFail ||
                                           recorded->outcome == core::Outcome::kError);
    if (!recorded || (bad && !recorded_bad)) recorded = &r;
  }
  if (!recorded) {
    std::fprintf(stderr, "httpconform replay: no result with id \"%s\" in %s\n", flags.id.c_str(),
                 flags.report.c_str());
    return kExitUsage;
  }
  const std::string url = flags.target.empty() ? report->target_url : flags.target;
  core::Expected<transport::Target> target = transport::ParseTarget(url);
  if (!target) {
    std::fprintf(stderr, "httpconform replay: %s\n", target.error().message.c_str());
    return kExitUsage;
  }
  const core::RunSettings& recorded_settings = report->settings;
  runner::RunOptions options;
  options.jobs = 1;
  options.timeout_ms = flags.timeout_s > 0                ? static_cast<int>(flags.timeout_s * 1000)
                       : recorded_settings.timeout_ms > 0 ? recorded_settings.timeout_ms
                                                          : 10000;
  options.user_agent = std::string("httpconform/") + Version();
  // The variables the case ran with, as recorded; a credential the report
  // hid cannot be sent again and must come from --var.
  std::vector<std::string> hidden;
  for (const auto& [name, value] : recorded->vars) {
    if (value == reports::kRedacted) {
      hidden.push_back(name);
    } else {
      options.vars[name] = value;
    }
  }
  if (!ParseVarFlags(flags.vars, "replay", &options.vars)) return kExitUsage;
  // The run's own case files, unless --cases names others.
  CaseSelection selection = flags.selection;
  if (selection.paths.empty()) selection.paths = recorded_settings.case_paths;
  core::Expected<std::vector<core::Case>> cases = SelectCases(selection);
  if (!cases) {
    std::fprintf(stderr, "%s\n", cases.error().message.c_str());
    return kExitUsage;
  }
  const core::Case* the_case = nullptr;
  for (const core::Case& c : *cases) {
    if (c.id == flags.id) the_case = &c;
  }
  if (!the_case) {
    // Still useful: what the report recorded, and how to send it again by hand.
    std::printf("recorded transcript of %s (from %s):\n", Printable(flags.id).c_str(),
                Printable(report->target_url).c_str());
    PrintSteps(*recorded, url, recorded_settings);
    PrintVerdict("recorded", *recorded);
    std::fprintf(stderr,
                 "httpconform replay: no case \"%s\" in the case library (give its file with "
                 "--cases)\n",
                 flags.id.c_str());
    return kExitUsage;
  }
  transport::TransportOptions topts;
  topts.connect_timeout_ms = std::min(options.timeout_ms, 5000);
  const bool http2 = recorded->http.empty() ? recorded_settings.http == "2" : recorded->http == "2";
  options.http = http2 ? "2" : "1.1";
  topts.http_version = http2 ? 2 : 11;
  // TLS as the run checked it, unless -k or --cacert says otherwise.
  TlsFlags tls = flags.tls;
  if (!tls.insecure && tls.cacert.empty() && recorded_settings.recorded) {
    tls.insecure = !recorded_settings.tls_verify;
    tls.cacert = recorded_settings.tls_ca_file;
  }
  if (core::Expected<void> applied = ApplyTlsFlags(tls, &topts); !applied) {
    std::fprintf(stderr, "httpconform replay: %s\n", applied.error().message.c_str());
    return kExitUsage;
  }
  const PreflightResult pre =
      CheckTarget(*target, PreflightOptionsFor(topts, options.timeout_ms, options.user_agent));
  if (pre.verdict == PreflightResult::Verdict::kWrongTarget) {
    std::fprintf(stderr, "httpconform: %s\n", pre.message.c_str());
    return kExitUnreachable;
  }
  const TargetTransports made =
      MakeTargetTransports(*target, topts, recorded_settings.transport == "curl", http2);
  const runner::Transports transports = made.ForRunner();

  std::printf("replaying %s against %s\n", Printable(flags.id).c_str(), Printable(url).c_str());
  if (!recorded_settings.recorded) {
    std::printf(
        "note: the report does not record how the run was made (schema httpconform-report/1): "
        "the case runs with its defaults and --var, which may not be what the run sent\n");
  } else {
    std::string vars;
    for (const auto& [name, value] : options.vars) {
      vars += (vars.empty() ? "" : ", ") + name + "=" + Printable(value);
    }
    const bool https = target->scheme == "https";
    std::printf("as the run: %s%s%s%s%s\n", http2 ? "HTTP/2" : "HTTP/1.1",
                recorded_settings.transport == "curl" ? " through curl" : "",
                !https             ? ""
                : topts.verify_tls ? ", TLS verification on"
                                   : ", TLS verification off",
                vars.empty() ? "" : "; variables ", vars.c_str());
  }
  for (const std::string& name : hidden) {
    if (options.vars.count(name)) continue;
    std::printf("note: variable %s was redacted in the report; give it with --var %s=VALUE\n",
                name.c_str(), name.c_str());
  }
  // A refinement is judged only after its bases passed (docs/verdicts.md):
  // they run first, as in the run that made the report, and are summarised.
  std::vector<bool> selected;
  for (const core::Case& c : *cases) selected.push_back(&c == the_case);
  const std::vector<core::Case> closure = loader::WithBases(*cases, selected);
  core::CaseResult fresh;
  if (closure.size() > 1) {
    std::printf("running its base case(s) first:\n");
    core::RunResult run = runner::RunCases(closure, *target, transports, options);
    for (core::CaseResult& r : run.results) {
      if (r.id == flags.id) {
        fresh = std::move(r);
        continue;
      }
      std::printf("  base %s: %s%s%s\n", Printable(r.id).c_str(), core::OutcomeName(r.outcome),
                  r.reason.empty() ? "" : ": ", Printable(r.reason).c_str());
    }
  } else {
    fresh = runner::RunCase(*the_case, *target, transports, options);
  }
  core::RunSettings replay_settings = recorded_settings;
  replay_settings.recorded = true;
  replay_settings.tls_verify = topts.verify_tls;
  replay_settings.tls_ca_file = topts.ca_file;
  PrintSteps(fresh, url, replay_settings);
  std::printf("\n");
  PrintVerdict("recorded", *recorded);
  PrintVerdict("replay", fresh);
  const std::vector<std::string> differences = CompareExchanges(*recorded, fresh);
  if (!differences.empty()) {
    std::printf("the exchange differs from the recorded one:\n");
    for (const std::string& d : differences) std::printf("  %s\n", d.c_str());
  }
  const bool same = differences.empty();
  const bool bad = fresh.outcome == core::Outcome::kFail || fresh.outcome == core::Outcome::kError;
  const bool was_bad =
      recorded->outcome == core::Outcome::kFail || recorded->outcome == core::Outcome::kError;
  if (bad && was_bad) {
    std::printf(same ? "reproduced: the case fails again, on the same exchange\n"
                     : "the case fails again, but on a different exchange (see above): not "
                       "necessarily the recorded failure\n");
  } else if (bad) {
    std::printf("the case fails now\n");
  } else {
    std::printf(was_bad ? "not reproduced: the case %s now\n" : "the case %s\n",
                fresh.outcome == core::Outcome::kPass ? "passes" : "is skipped");
  }
  return bad ? kExitFailures : kExitOk;
}

void RegisterReplayCommand(CommandRegistry& registry) {
  auto flags = std::make_shared<ReplayFlags>();
  CLI::App* cmd = registry.Add(
      "replay", "Re-run one case of a JSON report; print the bytes, the verdict and a reproducer",
      [flags] { return ReplayCommand(*flags); });
  cmd->add_option("report", flags->report, "A JSON report (run --report json:PATH)")->required();
  cmd->add_option("id", flags->id, "The case id")->required();
  cmd->add_option("--target", flags->target, "Another URL than the report's target")
      ->type_name("URL");
  cmd->add_option("--cases", flags->selection.paths,
                  "Case file or directory (cases with a built-in id replace it); default: the "
                  "run's --cases, as the report recorded")
      ->type_name("PATH");
  CaseSelection* selection = &flags->selection;
  cmd->add_flag_callback(
      "--no-builtin", [selection] { selection->builtin = false; },
      "Do not load the built-in case library");
  cmd->add_option("--var", flags->vars, "Set a case variable")->type_name("NAME=VALUE");
  cmd->add_option("--timeout", flags->timeout_s,
                  "Per-step deadline in seconds (default: the run's, as the report recorded)")
      ->type_name("SECONDS")
      ->check(SecondsIn(0.05, 600.0));
  AddTlsFlags(cmd, &flags->tls);
  cmd->footer(
      "Sends what the run sent: the case's variables, --http, transport, TLS verification "
      "and timeout as the report recorded them (flags given here win). Exit status: 1 when "
      "the case fails or errors again, 0 when it passes or is skipped, 2 on bad input, 3 when "
      "the target is unreachable or not what the URL says.");
}

}  // namespace httpconform::cli
