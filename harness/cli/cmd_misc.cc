// `list`, `lint`, `serve`, `demo` and `explain`.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/cli/flag_checks.h"
#include "harness/cli/list_json.h"
#include "harness/core/status_registry.h"
#include "harness/loader/dependencies.h"
#include "harness/loader/loader.h"
#include "harness/server/reference_server.h"

namespace httpconform::cli {

int ListCommand(const CaseSelection& selection, bool json) {
  core::Expected<std::vector<core::Case>> cases = SelectCases(selection);
  if (!cases) {
    std::fprintf(stderr, "%s\n", cases.error().message.c_str());
    return kExitUsage;
  }
  if (json) {
    std::fputs(RenderCaseListJson(*cases).c_str(), stdout);
    return kExitOk;
  }
  for (const core::Case& c : *cases) {
    std::string codes;
    for (int code : c.codes) codes += (codes.empty() ? "" : ",") + std::to_string(code);
    std::string base_of;
    for (const std::string& id : c.pulled_in_by) base_of += (base_of.empty() ? "" : ", ") + id;
    // Last, where the case is written: "cases/methods.json:10".
    std::printf("%-48s %-6s RFC %d §%-10s %-12s %s%s  %s:%d\n", c.id.c_str(),
                core::LevelName(c.spec.level), c.spec.rfc, c.spec.section.c_str(), codes.c_str(),
                c.title.c_str(), base_of.empty() ? "" : (" [base of " + base_of + "]").c_str(),
                c.file.c_str(), c.line);
  }
  std::printf("%zu cases\n", cases->size());
  return kExitOk;
}

int LintCommand(const std::vector<std::string>& files) {
  std::vector<loader::SourceFile> sources;
  int errors = 0;
  std::size_t read_files = 0;
  for (const std::string& path : files) {
    // Read as `run --cases` reads: same size limit (a 50 MB file is refused
    // unread), directories scanned the same way.
    core::Expected<std::vector<loader::SourceFile>> read = loader::ReadCasePaths({path});
    if (!read) {
      std::fprintf(stderr, "%s\n", read.error().message.c_str());
      ++errors;
      continue;
    }
    read_files += read->size();
    for (loader::SourceFile& f : *read) sources.push_back(std::move(f));
  }
  // Checked as `run --cases` loads them: with the built-in library, whose
  // cases they may replace and name in "after".
  for (const loader::LoadError& e : loader::LintLibrary(BuiltinCaseFiles(), sources)) {
    std::fprintf(stderr, "%s\n", e.Format().c_str());
    ++errors;
  }
  if (errors == 0) {
    std::size_t count = 0;
    for (const loader::SourceFile& f : sources) {
      core::Expected<std::vector<core::Case>> loaded = loader::LoadCaseFile(f);
      if (loaded) count += loaded->size();
    }
    std::printf("%zu file(s), %zu case(s): ok\n", read_files, count);
    return kExitOk;
  }
  std::fprintf(stderr, "%d error(s)\n", errors);
  return kExitUsage;
}

int ServeCommand(const std::string& listen, const std::vector<std::string>& faults,
                 bool list_faults, bool early_hints, const ServeTls& tls) {
  if (list_faults) {
    for (const server::FaultInfo& f : server::AllFaults()) {
      std::printf("%-32s %s [%s]\n", f.name.c_str(), f.description.c_str(), f.rule.c_str());
    }
    return kExitOk;
  }
  server::ServerOptions options;
  std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos) {
    std::fprintf(stderr, "httpconform serve: --listen takes HOST:PORT (got \"%s\")\n",
                 listen.c_str());
    return kExitUsage;
  }
  options.host = listen.substr(0, colon);
  try {
    options.port = std::stoi(listen.substr(colon + 1));
  } catch (...) {
    options.port = -1;
  }
  if (options.port < 0 || options.port > 65535) {
    std::fprintf(stderr, "httpconform serve: invalid port in \"%s\"\n", listen.c_str());
    return kExitUsage;
  }
  options.faults = faults;
  options.early_hints = early_hints;
  options.tls_cert_file = tls.cert_file;
  options.tls_key_file = tls.key_file;
  options.tls_self_signed = tls.self_signed;
  const std::atomic<bool>* stop = InstallStopHandlers();
  core::Expected<std::unique_ptr<server::ReferenceServer>> srv =
      server::ReferenceServer::Start(options);
  if (!srv) {
    std::fprintf(stderr, "httpconform serve: %s\n", srv.error().message.c_str());
    return srv.error().code == "usage" ? kExitUsage : kExitUnreachable;
  }
  std::printf("httpconform reference server listening on %s (HTTP/1.1 and HTTP/2%s)\n",
              (*srv)->url().c_str(), (*srv)->url().rfind("https", 0) == 0 ? " by ALPN" : ", h2c");
  for (const std::string& f : faults) std::printf("  fault: %s\n", f.c_str());
  std::fflush(stdout);
  while (!stop->load()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  (*srv)->Stop();
  return kExitOk;
}

int DemoCommand(const std::string& out_dir, const std::vector<std::string>& faults, int jobs,
                const std::string& http) {
  std::error_code ec;
  std::filesystem::create_directories(out_dir.empty() ? "." : out_dir, ec);
  if (ec) {
    std::fprintf(stderr, "httpconform demo: cannot create %s: %s\n", out_dir.c_str(),
                 ec.message().c_str());
    return kExitUsage;
  }
  server::ServerOptions options;
  options.faults = faults;
  core::Expected<std::unique_ptr<server::ReferenceServer>> srv =
      server::ReferenceServer::Start(options);
  if (!srv) {
    std::fprintf(stderr, "httpconform demo: %s\n", srv.error().message.c_str());
    return srv.error().code == "usage" ? kExitUsage : kExitUnreachable;
  }
  std::printf("reference server on %s; running the case library against it\n",
              (*srv)->url().c_str());
  RunFlags flags;
  flags.url = (*srv)->url() + "/";
  flags.jobs = jobs;
  flags.http = http;  // "2": h2c with prior knowledge, which the server detects.
  std::string dir = out_dir.empty() ? "." : out_dir;
  flags.reports = {"json:" + dir + "/report.json", "html:" + dir + "/report.html"};
  int rc = RunCommand(flags);
  (*srv)->Stop();
  return rc;
}

int ExplainCommand(const std::string& code_text, const std::string& lang) {
  const bool ko = lang == "ko";
  if (lang != "en" && !ko) {
    std::fprintf(stderr, "httpconform explain: --lang must be en or ko\n");
    return kExitUsage;
  }
  // Which embedded cases exercise each code.
  core::Expected<std::vector<core::Case>> cases = loader::LoadCases(BuiltinCaseFiles());
  auto cases_for = [&](int code) {
    std::vector<std::string> ids;
    if (!cases) return ids;
    for (const core::Case& c : *cases) {
      for (int k : c.codes) {
        if (k == code) ids.push_back(c.id);
      }
    }
    return ids;
  };
  if (code_text.empty()) {
    for (const core::StatusInfo& s : core::AllStatuses()) {
      std::printf("%d %-32s %-24s %3zu case(s)  %s\n", s.code, s.reason.c_str(),
                  s.reference.c_str(), cases_for(s.code).size(),
                  ko ? s.meaning_ko.c_str() : s.meaning.c_str());
    }
    return kExitOk;
  }
  const bool digits = !code_text.empty() && code_text.size() <= 3 &&
                      code_text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits) {
    std::fprintf(stderr,
                 "httpconform explain: \"%s\" is not a status code (three digits, e.g. 416; "
                 "no argument lists them all)\n",
                 code_text.c_str());
    return kExitUsage;
  }
  const int code = std::stoi(code_text);
  const core::StatusInfo* s = core::FindStatus(code);
  if (!s) {
    std::fprintf(stderr, "httpconform explain: %s is not a registered status code\n",
                 code_text.c_str());
    return kExitUsage;
  }
  std::printf("%d %s (%s)\n", s->code, s->reason.c_str(), core::StatusClassName(s->code));
  std::printf("%s: %s\n", ko ? "정의" : "Defined in", s->reference.c_str());
  std::printf("%s: %s\n", ko ? "의미" : "Meaning", ko ? s->meaning_ko.c_str() : s->meaning.c_str());
  if (!s->registered) {
    std::printf("%s\n", ko ? "IANA 등록 코드가 아니다." : "Not in the IANA registry.");
  }
  std::printf("%s:\n", ko ? "검사하는 규칙" : "Rules checked on every response");
  for (const std::string& id : s->rules) {
    const core::StatusRule* r = core::FindStatusRule(id);
    if (!r) continue;
    std::printf("  %-24s %-6s %s: \"%s\"\n", r->id.c_str(), core::LevelName(r->level),
                r->section.c_str(), r->quote.c_str());
    // The same rule stated elsewhere (405's Allow: §10.2.1 and §15.5.6).
    for (const core::RuleStatement& also : r->also_stated) {
      std::printf("  %-24s %-6s %s: \"%s\"\n", "", "", also.section.c_str(), also.quote.c_str());
    }
  }
  std::vector<std::string> ids = cases_for(code);
  std::printf("%s (%zu):\n", ko ? "이 코드를 검사하는 케이스" : "Cases exercising it", ids.size());
  for (const std::string& id : ids) std::printf("  %s\n", id.c_str());
  return kExitOk;
}

void RegisterListCommand(CommandRegistry& registry) {
  auto selection = std::make_shared<CaseSelection>();
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = registry.Add(
      "list", "List the cases: id, level, RFC section, status codes, title, case file:line",
      [selection, json] { return ListCommand(*selection, *json); });
  AddSelectionFlags(cmd, selection.get());
  cmd->add_flag("--json", *json,
                "One JSON document instead: id, title, spec, codes, tags, vars, file and line of "
                "each case (schema reports/list.schema.json)");
  cmd->footer(
      "Lists the built-in library and any --cases files, filtered by --only and --tag, one "
      "line per case and then the count; the same selection flags as run, so list shows "
      "what a run would run.");
}

void RegisterLintCommand(CommandRegistry& registry) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = registry.Add("lint", "Check case files; exit 2 on any error",
                               [files] { return LintCommand(*files); });
  cmd->add_option("paths", *files,
                  "Case files, or directories of them (*.json, as run --cases reads them)")
      ->required()
      ->type_name("PATH")
      ->check(CLI::ExistingPath);
}

void RegisterServeCommand(CommandRegistry& registry) {
  struct Flags {
    std::string listen = "127.0.0.1:8080";
    std::vector<std::string> faults;
    bool list_faults = false;
    bool early_hints = false;
    std::string gateway;           // --gateway HOST:PORT: the reference gateway instead.
    double gateway_timeout_s = 2;  // --gateway-timeout
    std::string proxy_auth;        // --proxy-auth USER:PASS
    bool no_cache = false;         // --no-cache: the gateway without its shared cache.
    ServeTls tls;
  };
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = registry.Add(
      "serve", "Run the reference server (or, with --gateway, the reference gateway)", [f] {
        if (!f->proxy_auth.empty() && f->gateway.empty()) {
          std::fprintf(stderr, "httpconform serve: --proxy-auth needs --gateway\n");
          return kExitUsage;
        }
        if (!f->gateway.empty()) {
          return GatewayCommand(f->listen, f->gateway, f->faults, f->list_faults,
                                f->gateway_timeout_s, f->proxy_auth, !f->no_cache);
        }
        return ServeCommand(f->listen, f->faults, f->list_faults, f->early_hints, f->tls);
      });
  cmd->footer("\n" + server::RoutesHelp());
  cmd->add_option("--listen", f->listen, "Address to listen on")->capture_default_str();
  cmd->add_option("--violate", f->faults, "Break one rule (repeatable; see --list-faults)")
      ->type_name("FAULT");
  cmd->add_flag("--list-faults", f->list_faults, "Name and explain every fault");
  cmd->add_option("--gateway", f->gateway,
                  "Run the reference gateway instead, forwarding to this loopback origin (the "
                  "one `httpconform proxy --origin-listen` starts); --violate and --list-faults "
                  "then name gateway faults")
      ->type_name("HOST:PORT");
  cmd->add_option("--gateway-timeout", f->gateway_timeout_s,
                  "With --gateway: seconds to wait for the origin before answering 504")
      ->type_name("SECONDS")
      ->check(SecondsIn(0.05, 600.0))
      ->capture_default_str();
  cmd->add_option("--proxy-auth", f->proxy_auth,
                  "With --gateway: act as an authenticating proxy that wants these Basic "
                  "credentials in Proxy-Authorization (407 otherwise; consumed, not forwarded)")
      ->type_name("USER:PASS");
  cmd->add_flag("--no-cache", f->no_cache,
                "With --gateway: no shared cache (RFC 9111); the gateway then only forwards");
  cmd->add_flag("--early-hints", f->early_hints,
                "Send 103 (Early Hints) before every final response to HTTP/1.1 (allowed, not a "
                "fault)");
  CLI::Option* cert =
      cmd->add_option("--tls-cert", f->tls.cert_file,
                      "Serve TLS with this PEM certificate (chain); ALPN offers h2 and http/1.1")
          ->type_name("FILE")
          ->check(CLI::ExistingFile);
  CLI::Option* key = cmd->add_option("--tls-key", f->tls.key_file, "The PEM key of --tls-cert")
                         ->type_name("FILE")
                         ->check(CLI::ExistingFile);
  cert->needs(key);
  key->needs(cert);
  cmd->add_flag("--tls-self-signed", f->tls.self_signed,
                "Serve TLS with a throwaway self-signed certificate made at start (localhost, "
                "127.0.0.1, ::1; clients need -k)")
      ->excludes(cert)
      ->excludes(key);
}

void RegisterDemoCommand(CommandRegistry& registry) {
  struct Flags {
    std::string out_dir = ".";
    std::vector<std::string> faults;
    int jobs = 4;
    std::string http = "1.1";
  };
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = registry.Add(
      "demo",
      "Start the reference server on a free loopback port, run every case against it, write "
      "report.html and report.json",
      [f] { return DemoCommand(f->out_dir, f->faults, f->jobs, f->http); });
  cmd->add_option("--out", f->out_dir, "Directory for the reports")->capture_default_str();
  cmd->add_option("--violate", f->faults, "Run against a faulty server")->type_name("FAULT");
  cmd->add_option("--http", f->http,
                  "HTTP version: 1.1, 2 (h2c with prior knowledge, which the reference server "
                  "detects), or 1.1,2 (every case over both)")
      ->check(HttpVersions())
      ->capture_default_str();
  cmd->add_option("--jobs,-j", f->jobs, "Cases run in parallel")
      ->type_name("N")
      ->check(IntegerIn(1, 256));
}

void RegisterExplainCommand(CommandRegistry& registry) {
  struct Flags {
    std::string code;
    std::string lang = "en";
  };
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = registry.Add("explain", "Explain a status code: meaning, rules, cases",
                               [f] { return ExplainCommand(f->code, f->lang); });
  cmd->add_option("code", f->code, "Status code; none: the whole table");
  cmd->add_option("--lang", f->lang, "en or ko")->check(CLI::IsMember({"en", "ko"}));
}

}  // namespace httpconform::cli
