// `httpconform coverage`: what the case library covers of the requirement
// catalogue (docs/requirements: every BCP 14 sentence of RFC 9110, 9111 and
// 9112, classified). The Markdown (docs/coverage.md, which a test keeps
// equal to this output) has two parts: the catalogue-based matrix and lists
// (harness/requirements/report.h), then the case matrix — for each case, the
// quote it checks, the catalogue requirements that quote covers, the faults
// that prove it, the status codes involved — and, for each registered status
// code, its cases and passive rules. `--json` prints the first part as JSON.
#include <cstdio>
#include <map>
#include <memory>
#include <sstream>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/core/status_registry.h"
#include "harness/loader/loader.h"
#include "harness/requirements/catalogue.h"
#include "harness/requirements/coverage.h"
#include "harness/requirements/report.h"

namespace httpconform::cli {
namespace {

namespace req = requirements;

// Sorts "15.5.10" after "15.5.9".
std::vector<int> SectionKey(const std::string& section) {
  std::vector<int> key;
  std::stringstream ss(section);
  std::string part;
  while (std::getline(ss, part, '.')) {
    int n = 0;
    for (char c : part) n = (c >= '0' && c <= '9') ? n * 10 + (c - '0') : n;
    key.push_back(n);
  }
  return key;
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// Where a case is written: "cases/methods.json:10".
std::string CaseLocation(const core::Case& c) { return c.file + ":" + std::to_string(c.line); }

// The requirements each quote source covers, inverted from the coverage.
std::map<std::string, std::vector<std::string>> CoveredBySource(const req::Coverage& coverage) {
  std::map<std::string, std::vector<std::string>> by_source;
  for (const auto& [id, sources] : coverage.covered_by) {
    for (const std::string& s : sources) by_source[s].push_back(id);
  }
  return by_source;
}

void PrintCaseMatrix(const std::vector<core::Case>& cases, const req::Coverage& coverage) {
  using Key = std::pair<int, std::vector<int>>;
  std::map<Key, std::vector<const core::Case*>> by_section;
  for (const core::Case& c : cases)
    by_section[{c.spec.rfc, SectionKey(c.spec.section)}].push_back(&c);
  const std::map<std::string, std::vector<std::string>> covers = CoveredBySource(coverage);
  std::printf(
      "## Cases\n\n%zu cases in %zu RFC sections: the quote each checks, the catalogue "
      "requirements that quote covers, the case with the file and line it is written at, the "
      "reference-server faults that make it fail.\n\n",
      cases.size(), by_section.size());
  std::printf("| RFC | section | level | requirement | covers | case | killed by | codes |\n");
  std::printf("|---|---|---|---|---|---|---|---|\n");
  for (const auto& [key, list] : by_section) {
    for (const core::Case* c : list) {
      std::vector<std::string> codes;
      for (int code : c->codes) codes.push_back(std::to_string(code));
      std::string killers =
          c->killed_by.empty() ? "(unkillable: " + c->unkillable + ")" : Join(c->killed_by, ", ");
      auto ids = covers.find(c->id);
      std::string covered = ids == covers.end() ? "-" : "`" + Join(ids->second, "`, `") + "`";
      std::printf("| %d | \xc2\xa7%s | %s | %s | %s | `%s` (%s) | %s | %s |\n", key.first,
                  c->spec.section.c_str(), core::LevelName(c->spec.level),
                  req::MarkdownText(c->spec.quote).c_str(), covered.c_str(), c->id.c_str(),
                  req::MarkdownText(CaseLocation(*c)).c_str(), req::MarkdownText(killers).c_str(),
                  Join(codes, ", ").c_str());
    }
  }
}

void PrintStatusCodes(const std::vector<core::Case>& cases) {
  std::printf("\n## Status codes\n\n| code | reason | defined in | cases | passive rules |\n");
  std::printf("|---|---|---|---|---|\n");
  for (const core::StatusInfo& s : core::AllStatuses()) {
    int n = 0;
    for (const core::Case& c : cases) {
      for (int code : c.codes) n += code == s.code;
    }
    std::vector<std::string> rules;
    for (const std::string& r : s.rules) {
      if (r != "status.range" && r != "wire.well-formed") rules.push_back(r);
    }
    std::printf("| %d | %s | %s | %d | %s |\n", s.code, req::MarkdownText(s.reason).c_str(),
                req::MarkdownText(s.reference).c_str(), n, Join(rules, ", ").c_str());
  }
}

// Every passive rule with every section that states it, so that a search
// for either section of a rule stated twice (405's Allow: §10.2.1 and
// §15.5.6) lands on the rule.
void PrintPassiveRules() {
  std::printf(
      "\n## Passive rules\n\nChecked on every response with their status codes "
      "(`httpconform explain CODE`).\n\n| rule | level | stated in |\n|---|---|---|\n");
  for (const core::StatusRule& r : core::AllStatusRules()) {
    std::printf("| `%s` | %s | %s |\n", r.id.c_str(), core::LevelName(r.level),
                req::MarkdownText(Join(core::RuleSections(r), ", ")).c_str());
  }
}

int CoverageCommand(bool json) {
  core::Expected<std::vector<core::Case>> cases = loader::LoadCases(BuiltinCaseFiles());
  if (!cases) {
    std::fprintf(stderr, "%s\n", cases.error().message.c_str());
    return kExitUsage;
  }
  core::Expected<std::vector<req::CatalogueFile>> catalogue = req::EmbeddedCatalogue();
  if (!catalogue) {
    std::fprintf(stderr, "%s\n", catalogue.error().message.c_str());
    return kExitUsage;
  }
  std::vector<req::Quote> quotes = req::CaseQuotes(*cases);
  for (req::Quote& q : req::StatusRuleQuotes()) quotes.push_back(q);
  const req::Coverage coverage = req::ComputeCoverage(*catalogue, quotes);
  const req::Matrix matrix = req::Tabulate(*catalogue, coverage);
  if (json) {
    std::map<std::string, std::string> locations;
    for (const core::Case& c : *cases) locations[c.id] = CaseLocation(c);
    std::fputs(req::JsonReport(*catalogue, coverage, matrix, locations).c_str(), stdout);
    return kExitOk;
  }
  std::printf("# Requirement coverage\n\n");
  std::printf(
      "Generated by `httpconform coverage` from the requirement catalogue (docs/requirements: "
      "every BCP 14 sentence of RFC 9110, 9111 and 9112, with who can observe it) and the "
      "built-in case library; a test keeps it current. A requirement is covered when a case, or "
      "a passive status-code rule, quotes it at its keyword class "
      "(docs/requirements/README.md). `httpconform coverage --json` gives the same figures as "
      "JSON.\n\n");
  std::fputs(req::MarkdownReport(*catalogue, coverage, matrix).c_str(), stdout);
  PrintCaseMatrix(*cases, coverage);
  PrintStatusCodes(*cases);
  PrintPassiveRules();
  return kExitOk;
}

}  // namespace

void RegisterCoverageCommand(CommandRegistry& registry) {
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = registry.Add(
      "coverage",
      "Print what the cases cover of the requirement catalogue (docs/coverage.md) as Markdown",
      [json] { return CoverageCommand(*json); });
  cmd->add_flag("--json", *json, "Print the catalogue-based figures and lists as JSON");
}

}  // namespace httpconform::cli
