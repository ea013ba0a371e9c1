// httpconform: command-line entry point. Parses flags with CLI11 and
// dispatches to the subcommands in commands.h. Flag errors print the usage
// line and exit 2, whatever CLI11's own code for the error would be.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"

namespace {

using httpconform::cli::CaseSelection;

void AddSelection(CLI::App* cmd, CaseSelection* s) {
  cmd->add_option("--cases", s->paths,
                  "Case file or directory; cases with the id of a built-in one replace it")
      ->type_name("PATH");
  cmd->add_flag("!--no-builtin", s->builtin, "Do not load the built-in case library");
  cmd->add_option("--only", s->only, "Run only cases whose id starts with this prefix")
      ->type_name("ID-PREFIX");
  cmd->add_option("--tag", s->tags, "Run only cases with this tag")->type_name("TAG");
}

}  // namespace

int main(int argc, char** argv) {
  namespace cli = httpconform::cli;
  CLI::App app{"httpconform: HTTP status-code conformance suite and fuzzer (RFC 9110, RFC 9112)",
               "httpconform"};
  app.set_version_flag("--version", std::string("httpconform ") + cli::Version());
  app.require_subcommand(1);

  cli::RunFlags run;
  CLI::App* run_cmd = app.add_subcommand("run", "Run the case library against a server URL");
  run_cmd->add_option("url", run.url, "Target, e.g. http://127.0.0.1:8080/")->required();
  AddSelection(run_cmd, &run.selection);
  run_cmd->add_option("--var", run.vars, "Set a case variable")->type_name("NAME=VALUE");
  run_cmd->add_option("--fail-on", run.fail_on, "Lowest level whose failures fail the run")
      ->check(CLI::IsMember({"must", "should", "may"}))
      ->capture_default_str();
  run_cmd->add_option("--http", run.http, "HTTP version for structured requests")
      ->check(CLI::IsMember({"1.1", "2"}))
      ->capture_default_str();
  run_cmd->add_option("--transport", run.transport, "Transport for structured requests")
      ->check(CLI::IsMember({"auto", "raw", "curl"}))
      ->capture_default_str();
  run_cmd->add_option("--jobs,-j", run.jobs, "Cases run in parallel")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  run_cmd->add_option("--timeout", run.timeout_s, "Per-step deadline in seconds")
      ->check(CLI::Range(0.05, 600.0))
      ->capture_default_str();
  run_cmd->add_option("--report", run.reports,
                      "Write a report: FORMAT:PATH (json, html, junit, markdown; PATH - is stdout)")
      ->type_name("FORMAT:PATH");
  run_cmd->add_flag("--quiet,-q", run.quiet, "Print nothing but errors");

  CaseSelection list_sel;
  bool list_json = false;
  CLI::App* list_cmd = app.add_subcommand("list", "List the cases");
  AddSelection(list_cmd, &list_sel);
  list_cmd->add_flag("--json", list_json, "Reserved");

  std::vector<std::string> lint_files;
  CLI::App* lint_cmd = app.add_subcommand("lint", "Check case files; exit 2 on any error");
  lint_cmd->add_option("files", lint_files, "Case files")->required()->check(CLI::ExistingFile);

  std::string listen = "127.0.0.1:8080";
  std::vector<std::string> faults;
  bool list_faults = false;
  CLI::App* serve_cmd = app.add_subcommand("serve", "Run the reference server");
  serve_cmd->add_option("--listen", listen, "Address to listen on")->capture_default_str();
  serve_cmd->add_option("--violate", faults, "Break one rule (repeatable; see --list-faults)")
      ->type_name("FAULT");
  serve_cmd->add_flag("--list-faults", list_faults, "Name and explain every fault");

  std::string out_dir = ".";
  std::vector<std::string> demo_faults;
  int demo_jobs = 4;
  CLI::App* demo_cmd = app.add_subcommand(
      "demo", "Start the reference server on a free loopback port, run every case against it, "
              "write report.html and report.json");
  demo_cmd->add_option("--out", out_dir, "Directory for the reports")->capture_default_str();
  demo_cmd->add_option("--violate", demo_faults, "Run against a faulty server")->type_name("FAULT");
  demo_cmd->add_option("--jobs,-j", demo_jobs, "Cases run in parallel")->check(CLI::Range(1, 256));

  std::string code;
  std::string lang = "en";
  CLI::App* explain_cmd =
      app.add_subcommand("explain", "Explain a status code: meaning, rules, cases");
  explain_cmd->add_option("code", code, "Status code; none: the whole table");
  explain_cmd->add_option("--lang", lang, "en or ko")->check(CLI::IsMember({"en", "ko"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return cli::kExitUsage;
  }
  if (serve_cmd->parsed()) {
    // Document the routes where people look for them.
    return cli::ServeCommand(listen, faults, list_faults);
  }
  if (run_cmd->parsed()) return cli::RunCommand(run);
  if (list_cmd->parsed()) return cli::ListCommand(list_sel, list_json);
  if (lint_cmd->parsed()) return cli::LintCommand(lint_files);
  if (demo_cmd->parsed()) return cli::DemoCommand(out_dir, demo_faults, demo_jobs);
  if (explain_cmd->parsed()) return cli::ExplainCommand(code, lang);
  return cli::kExitUsage;
}
