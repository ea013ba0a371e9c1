// The compatibility matrix in Markdown (for docs and pull requests): the
// servers with their scores, every failure with the RFC sentence, what the
// server did and its review, then the table by RFC section. Counts come
// from BuildMatrix, as in the HTML page. Every string from a server or a
// case file goes through MarkdownEscape (one line, punctuation neutralized).
#include <string>
#include <vector>

#include "reports/matrix.h"
#include "reports/text.h"

namespace httpconform::reports {
namespace {

std::string M(std::string_view s) { return MarkdownEscape(s); }

const char* Cell(core::Outcome o) {
  switch (o) {
    case core::Outcome::kPass:
      return "pass";
    case core::Outcome::kFail:
      return "**FAIL**";
    case core::Outcome::kSkip:
      return "skip";
    case core::Outcome::kError:
      return "*error*";
  }
  return "*error*";
}

std::string Review(const MatrixServer& server, const core::CaseResult& r) {
  if (server.reviews.empty()) return "no expected verdicts given";
  const auto it = server.reviews.find(r.id);
  if (it == server.reviews.end()) return "not reviewed (expected: pass)";
  if (it->second.outcome != core::OutcomeName(r.outcome)) {
    return "stale (expected: " + it->second.outcome + ")";
  }
  if (it->second.justification.empty() || it->second.justification == "UNREVIEWED") {
    return "not reviewed yet";
  }
  return it->second.justification;
}

}  // namespace

std::string RenderMatrixMarkdown(const std::vector<MatrixServer>& servers) {
  const Matrix m = BuildMatrix(servers);
  std::string out = "# Compatibility matrix\n\n" + std::to_string(servers.size()) + " servers, " +
                    std::to_string(m.cases) +
                    " cases (`httpconform matrix`). A pass rate counts the cases of that level "
                    "that ran: passed / (passed + failed + errors).\n\n";
  out +=
      "## Servers\n\n| server | version | serves the files with | cases | run | pass | fail | "
      "skip | error | MUST pass rate | SHOULD pass rate |\n|---|---|---|---|---|---|---|---|---|"
      "---|---|\n";
  for (std::size_t s = 0; s < servers.size(); ++s) {
    const MatrixScore& c = m.scores[s];
    const int run = c.total - c.skip;
    out += "| " + M(servers[s].name) + " | " + M(servers[s].version) + " | " + M(servers[s].about) +
           " | " + std::to_string(c.total) + " | " + std::to_string(run) + " (" +
           Percent(run, c.total) + ") | " + std::to_string(c.pass) + " | " +
           std::to_string(c.fail) + " | " + std::to_string(c.skip) + " | " +
           std::to_string(c.error) + " | " + Percent(c.must_pass, c.must_run) + " (" +
           std::to_string(c.must_pass) + "/" + std::to_string(c.must_run) + ") | " +
           Percent(c.should_pass, c.should_run) + " (" + std::to_string(c.should_pass) + "/" +
           std::to_string(c.should_run) + ") |\n";
  }
  out += "\n## Failures and errors, with their review\n\n";
  bool any = false;
  for (const MatrixServer& server : servers) {
    std::string part;
    for (const core::CaseResult& r : server.run.results) {
      if (r.outcome != core::Outcome::kFail && r.outcome != core::Outcome::kError) continue;
      part += "- **" + M(r.id) + "** " + core::OutcomeName(r.outcome) + " — RFC " +
              std::to_string(r.spec.rfc) + " §" + M(r.spec.section) + ", " +
              core::LevelName(r.spec.level) + ": \"" + M(r.spec.quote) + "\"\n";
      part += "  - seen: " + M(r.actual.empty() ? r.reason : r.actual) + "\n";
      part += "  - review: " + M(Review(server, r)) + "\n";
    }
    if (part.empty()) continue;
    any = true;
    out += "### " + M(server.name) +
           (server.version.empty() ? "" : " (" + M(server.version) + ")") + "\n\n" + part + "\n";
  }
  if (!any) out += "No server fails any case.\n\n";
  out += "## Matrix\n\n";
  std::string header = "| case | level |";
  std::string rule = "|---|---|";
  for (const MatrixServer& s : servers) {
    header += " " + M(s.name) + " |";
    rule += "---|";
  }
  for (const MatrixSection& sec : m.sections) {
    out += "### RFC " + std::to_string(sec.rfc) + " §" + M(sec.top) + "\n\n" + header + "\n" +
           rule + "\n";
    for (const MatrixRow& row : sec.rows) {
      out += "| " + M(row.id) + " | " + core::LevelName(row.first->spec.level) + " |";
      for (std::size_t s = 0; s < servers.size(); ++s) {
        const int i = row.result_index[s];
        out += std::string(" ") + (i < 0 ? "—" : Cell(servers[s].run.results[i].outcome)) + " |";
      }
      out += "\n";
    }
    out += "\n";
  }
  return out;
}

}  // namespace httpconform::reports
