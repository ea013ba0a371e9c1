// The Markdown report: a summary for CI job pages and pull-request comments.
//
// It is short on purpose: the verdict line (what fails the run, as the exit
// code sees it), counts by outcome and level, then what fails the run --
// failures, errors, passive findings, each under a counted heading -- then
// what did not pass but is not counted (below --fail-on, known, flaky, MAY),
// the refinements not judged because a base did not pass, and a one-line
// table of all cases (a base pulled in by --only/--tag says so there).
// Untrusted text goes through MarkdownEscape (which also neutralizes raw
// HTML, since renderers pass it through); wire bytes go in fenced blocks
// whose fence is longer than any backtick run inside them.
// Bounds: linear in the run, no recursion; wire bytes at most kBodyPreviewBytes
// per failure, the fence found in the same single pass.
#include <algorithm>
#include <cstdio>
#include <string>

#include "harness/core/verdict.h"
#include "harness/core/versions.h"
#include "reports/report.h"
#include "reports/text.h"
#include "reports/verdict_text.h"

namespace httpconform::reports {
namespace {

std::string M(std::string_view s) { return MarkdownEscape(ShowText(s)); }

std::string Fenced(std::string_view content) {
  std::size_t longest = 0, run = 0;
  for (char c : content) {
    run = c == '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  std::string body(content);
  if (!body.empty() && body.back() != '\n') body += '\n';
  return fence + "\n" + body + fence + "\n";
}

std::string Ms(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f ms", ms);
  return buf;
}

int OutcomeIndex(core::Outcome o) {
  switch (o) {
    case core::Outcome::kPass:
      return 0;
    case core::Outcome::kFail:
      return 1;
    case core::Outcome::kSkip:
      return 2;
    case core::Outcome::kError:
      return 3;
  }
  return 3;
}

std::string Section(const core::SpecRef& spec) {
  return "RFC " + std::to_string(spec.rfc) + " \xC2\xA7" + M(spec.section);
}

// Retries and baselines (docs/baseline.md): "flaky, attempt 2", "known failure", or "".
std::string WorkflowMarks(const core::CaseResult& r) {
  std::string marks;
  if (r.flaky) {
    marks = "flaky, attempt " + std::to_string(r.attempts);
  } else if (r.attempts > 1) {
    marks = std::to_string(r.attempts) + " attempts";
  }
  const std::string sep = marks.empty() ? "" : ", ";
  if (r.baseline == "known") marks += sep + "known failure";
  if (r.baseline == "fixed") marks += sep + "fixed: remove from baseline";
  return marks;
}

void Details(const core::CaseResult& r, const std::string& name, const core::RunPolicy& policy,
             std::string* out) {
  *out += "### " + M(name) + "\n\n" + M(r.title) + " (" + Section(r.spec) + ", " +
          core::LevelName(r.spec.level) + ")\n\n";
  if (!r.reason.empty()) *out += "- reason: " + M(r.reason) + "\n";
  const std::string why_not = core::WhyNotCounted(r, policy);
  if (!why_not.empty()) *out += "- not counted: " + M(why_not) + "\n";
  if (!WorkflowMarks(r).empty()) *out += "- note: " + WorkflowMarks(r) + "\n";
  if (r.expected.size() == 1) *out += "- expected: " + M(r.expected.front()) + "\n";
  if (r.expected.size() > 1) {
    *out += "- expected any of:\n";
    for (const std::string& e : r.expected) *out += "  - " + M(e) + "\n";
  }

  if (!r.actual.empty()) *out += "- actual: " + M(r.actual) + "\n";
  for (const core::PassiveFinding& f : r.findings) {
    *out += "- finding " + M(f.rule) + " (" + core::LevelName(f.level) + ", " + M(f.Sections()) +
            "): " + M(f.message) + "\n";
  }
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const core::StepResult& s = r.steps[i];
    if (!s.error.empty())
      *out += "- step " + std::to_string(i + 1) + " error: " + M(s.error) + "\n";
    if (s.response) {
      *out += "- step " + std::to_string(i + 1) + ": " + M(s.request.method) + " " +
              M(s.request.target) + " \xE2\x86\x92 " + std::to_string(s.response->head.status) +
              " " + M(s.response->head.reason) + "\n";
    }
  }
  if (!r.steps.empty() && !r.steps.back().received.empty()) {
    const std::string& received = r.steps.back().received;
    *out += "\nLast response received (first " +
            std::to_string(std::min(received.size(), kBodyPreviewBytes)) + " bytes):\n\n" +
            Fenced(ShowBytes(std::string_view(received).substr(0, kBodyPreviewBytes)));
  }
  *out += "\n";
}

// "## TITLE (N)" and the details of every result `pick` selects; nothing when none.
template <typename Pick>
void CaseSection(const char* title, const core::RunResult& run, Pick pick, std::string* out) {
  int n = 0;
  for (const core::CaseResult& r : run.results) n += pick(r) ? 1 : 0;
  if (n == 0) return;
  *out += std::string("## ") + title + " (" + std::to_string(n) + ")\n\n";
  const bool multi = core::IsMultiVersion(run);
  for (const core::CaseResult& r : run.results) {
    if (pick(r)) Details(r, core::ResultName(r, multi), run.policy, out);
  }
}

// The passive findings that do (or do not) fail the run: rule, level,
// section, the response they were found in, the case.
void FindingSection(const char* title, const core::RunResult& run, bool failing, std::string* out) {
  std::string rows;
  int n = 0;
  const bool multi = core::IsMultiVersion(run);
  for (const core::CaseResult& r : run.results) {
    for (const core::PassiveFinding& f : r.findings) {
      if (core::FindingFailsRun(r, f, run.policy) != failing) continue;
      ++n;
      rows +=
          "| " + M(f.rule) + " | " + core::LevelName(f.level) + " | " + M(f.Sections()) + " | " +
          M(f.message) + " | " + M(FindingResponse(r, f)) + " | " + M(core::ResultName(r, multi)) +
          (failing ? "" : " (" + M(core::WhyFindingNotCounted(r, f, run.policy)) + ")") + " |\n";
    }
  }
  if (n == 0) return;
  *out += std::string("## ") + title + " (" + std::to_string(n) +
          ")\n\n| rule | level | section | finding | response | case |\n"
          "|---|---|---|---|---|---|\n" +
          rows + "\n";
}

// Refinements skipped because a base case did not pass, one line each, so a
// reader sees which single failure stands for them. They are skips: nothing
// here fails the run.
void BlockedSection(const core::RunResult& run, std::string* out) {
  std::string lines;
  int n = 0;
  const bool multi = core::IsMultiVersion(run);
  for (const core::CaseResult& r : run.results) {
    if (!r.blocked_by) continue;
    ++n;
    lines += "- " + M(core::ResultName(r, multi)) + ": depends on " + M(r.blocked_by->id) + " (" +
             M(r.blocked_by->outcome) + ")\n";
  }
  if (n == 0) return;
  *out += "## Not judged: a base case did not pass (" + std::to_string(n) + ")\n\n" + lines + "\n";
}

// A run over several HTTP versions: the counts of each, then the cases
// whose verdict differs between versions, one row each with every
// version's outcome and reason.
void VersionSection(const core::RunResult& run, std::string* out) {
  if (!core::IsMultiVersion(run)) return;
  const std::vector<std::string> versions = core::VersionsOf(run);
  *out += "| HTTP version | pass | fail | skip | error | total |\n|---|---:|---:|---:|---:|---:|\n";
  for (const std::string& v : versions) {
    const core::Summary s = core::SummarizeVersion(run, v);
    *out += "| " + M(core::HttpLabel(v)) + " | " + std::to_string(s.pass) + " | " +
            std::to_string(s.fail) + " | " + std::to_string(s.skip) + " | " +
            std::to_string(s.error) + " | " + std::to_string(s.total) + " |\n";
  }
  const std::set<std::string> differs = core::VerdictDiffers(run);
  *out += "\n## Verdict differs between HTTP versions (" + std::to_string(differs.size()) + ")\n\n";
  if (differs.empty()) return;
  *out += "| case |";
  for (const std::string& v : versions) *out += " " + M(core::HttpLabel(v)) + " |";
  *out += "\n|---|";
  for (std::size_t i = 0; i < versions.size(); ++i) *out += "---|";
  *out += "\n";
  for (const std::string& id : differs) {
    *out += "| " + M(id) + " |";
    for (const std::string& v : versions) {
      std::string cell = "not run";
      for (const core::CaseResult& r : run.results) {
        if (r.id == id && r.http == v) {
          cell =
              std::string(core::OutcomeName(r.outcome)) + (r.reason.empty() ? "" : ": " + r.reason);
        }
      }
      *out += " " + M(cell) + " |";
    }
    *out += "\n";
  }
  *out += "\n";
}

}  // namespace

std::string RenderMarkdown(const core::RunResult& run) {
  const core::Summary sum = core::Summarize(run);
  std::string out = "# httpconform report\n\nTarget: " + M(run.target_url) +
                    (run.proxy.origin.empty()
                         ? ""
                         : " (" + std::string(run.proxy.forward ? "forward proxy" : "gateway") +
                               "), scripted origin " + M(run.proxy.origin)) +
                    "  \nStarted: " + M(run.started_at) + " (" + Ms(run.duration_ms) +
                    ")  \nTool: " + M(run.tool_name) + " " + M(run.tool_version) + "\n\n";
  out += "**" + M(VerdictLine(run)) + "**\n\n";
  if (run.incomplete) {
    out += run.stop_reason.empty()
               ? "**The run was interrupted: results are incomplete.**\n\n"
               : "**This run " + M(run.stop_reason) + ": results are incomplete.**\n\n";
  }
  for (const std::string& n : run.notes) out += "- " + M(n) + "\n";
  if (!run.notes.empty()) out += "\n";
  out += "| level | pass | fail | skip | error | total |\n|---|---:|---:|---:|---:|---:|\n";
  for (core::Level level : {core::Level::kMust, core::Level::kShould, core::Level::kMay}) {
    int c[4] = {0, 0, 0, 0};
    for (const core::CaseResult& r : run.results) {
      if (r.spec.level == level) ++c[OutcomeIndex(r.outcome)];
    }
    out += std::string("| ") + core::LevelName(level) + " | " + std::to_string(c[0]) + " | " +
           std::to_string(c[1]) + " | " + std::to_string(c[2]) + " | " + std::to_string(c[3]) +
           " | " + std::to_string(c[0] + c[1] + c[2] + c[3]) + " |\n";
  }
  out += "| **all** | " + std::to_string(sum.pass) + " | " + std::to_string(sum.fail) + " | " +
         std::to_string(sum.skip) + " | " + std::to_string(sum.error) + " | " +
         std::to_string(sum.total) + " |\n\n";
  VersionSection(run, &out);
  if (!run.error.empty()) {
    out += "## Run error\n\nThe run could not be carried out, so no case ran: " + M(run.error) +
           "\n\n";
  }
  // What fails the run first, each kind under a counted heading; then what
  // did not pass but is not counted (below --fail-on, known, flaky, MAY); then
  // the refinements that were not judged.
  const auto counted_failure = [&](const core::CaseResult& r) {
    return core::CaseFailsRun(r, run.policy) && r.outcome != core::Outcome::kError;
  };
  const auto counted_error = [&](const core::CaseResult& r) {
    return core::CaseFailsRun(r, run.policy) && r.outcome == core::Outcome::kError;
  };
  const auto not_counted = [&](const core::CaseResult& r) {
    return !core::CaseFailsRun(r, run.policy) &&
           (r.outcome == core::Outcome::kFail || r.outcome == core::Outcome::kError);
  };
  CaseSection("Failures", run, counted_failure, &out);
  CaseSection("Errors", run, counted_error, &out);
  FindingSection("Passive findings that fail the run", run, true, &out);
  CaseSection("Not counted", run, not_counted, &out);
  FindingSection("Passive findings that do not fail the run", run, false, &out);
  BlockedSection(run, &out);
  out += "## All cases\n\n| outcome | level | id | section | title |\n|---|---|---|---|---|\n";
  const bool multi = core::IsMultiVersion(run);
  for (const core::CaseResult& r : run.results) {
    std::string base_of;
    for (const std::string& id : r.pulled_in_by) base_of += (base_of.empty() ? "" : ", ") + M(id);
    out += std::string("| ") + core::OutcomeName(r.outcome) +
           (WorkflowMarks(r).empty() ? "" : " (" + WorkflowMarks(r) + ")") + " | " +
           core::LevelName(r.spec.level) + " | " + M(core::ResultName(r, multi)) + " | " +
           Section(r.spec) + " | " + M(r.title) +
           (r.outcome == core::Outcome::kSkip ? " (skipped: " + M(r.reason) + ")" : "") +
           (base_of.empty() ? "" : " (run as a base of " + base_of + ")") + " |\n";
  }
  return out;
}

}  // namespace httpconform::reports
