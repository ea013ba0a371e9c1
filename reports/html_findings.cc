// Passive findings in the HTML report: a counted section right after the
// summary, so that a run failed by findings alone (every case passed, but a
// 405 came without Allow) says so on its first screen. Rows that fail the
// run come first and are marked; the others say why they do not count.
// Server bytes go through ShowBytes and HtmlEscape like every transcript.
#include "reports/html_findings.h"

#include "harness/core/verdict.h"
#include "reports/text.h"
#include "reports/verdict_text.h"

namespace httpconform::reports {
namespace {

std::string E(std::string_view s) { return HtmlEscape(ShowText(s)); }

std::string Row(const core::RunResult& run, std::size_t index, const core::PassiveFinding& f,
                bool counted) {
  const core::CaseResult& r = run.results[index];
  const std::string why =
      counted ? "fails the run" : "not counted: " + core::WhyFindingNotCounted(r, f, run.policy);
  std::string out = "<tr><td><code>" + E(f.rule) + "</code></td><td>" + core::LevelName(f.level) +
                    "</td><td>" + E(f.Sections()) + "</td><td>" + E(f.message) + "</td><td><code>" +
                    E(FindingResponse(r, f)) + "</code>";
  const std::string& received = FindingReceived(r, f);
  if (!received.empty()) {
    out += "<details><summary>bytes received (" + std::to_string(received.size()) +
           ")</summary><pre>" + E(ShowBytes(received.substr(0, 4096))) + "</pre></details>";
  }
  out += "</td><td><a href=\"#case-" + std::to_string(index) + "\"><code>" + E(r.id) +
         "</code></a> step " + std::to_string(f.step + 1) + "</td><td" +
         (counted ? " class=\"counted\"" : "") + ">" + E(why) + "</td></tr>";
  return out;
}

}  // namespace

std::string HtmlFindingsSection(const core::RunResult& run) {
  const core::RunVerdict verdict = core::JudgeRun(run);
  if (verdict.findings == 0) return "";
  std::string out = "<section id=\"findings\"><h2>Passive findings (" +
                    std::to_string(verdict.findings) + "; " +
                    std::to_string(verdict.failing_findings) +
                    " fail the run)</h2><p class=\"muted\">Rules of the status code, checked on "
                    "every response whatever the case asked.</p><table class=\"findings\" "
                    "id=\"findings-table\"><tr><th>rule</th><th>level</th><th>section</th>"
                    "<th>finding</th><th>response</th><th>case</th><th>counts</th></tr>";
  for (bool counted : {true, false}) {
    for (std::size_t i = 0; i < run.results.size(); ++i) {
      const core::CaseResult& r = run.results[i];
      for (const core::PassiveFinding& f : r.findings) {
        if (core::FindingFailsRun(r, f, run.policy) == counted) out += Row(run, i, f, counted);
      }
    }
  }
  return out + "</table></section>\n";
}

}  // namespace httpconform::reports
