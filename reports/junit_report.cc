// JUnit XML, the format CI systems read: one <testcase> per case id, with
// <failure>, <error> and <skipped> kept distinct exactly as our outcomes are.
// classname groups cases by requirement source ("RFC9110.§13.1.2"), so CI
// views tree them by RFC and section. Every string goes through XmlEscape,
// which also drops the characters XML 1.0 cannot carry at all (NUL, most C0
// controls); raw wire bytes are shown with ShowBytes, so nothing is lost
// silently: a NUL appears as \x00.
// Bounds: linear in the run, no recursion; a transcript shows the bytes the
// transport recorded (max_record_bytes per step).
#include <cstdio>
#include <string>

#include "reports/report.h"
#include "reports/text.h"

namespace httpconform::reports {
namespace {

std::string X(std::string_view s) { return XmlEscape(ShowText(s)); }

std::string Seconds(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", ms / 1000.0);
  return buf;
}

std::string ClassName(const core::SpecRef& spec) {
  return "RFC" + std::to_string(spec.rfc) + ".\xC2\xA7" + spec.section;
}

// The one-line message attribute CI views show in lists: the reason, then
// what was acceptable and what was seen.
std::string ShortMessage(const core::CaseResult& r) {
  std::string out = r.reason;
  if (!r.expected.empty()) {
    out += out.empty() ? "expected " : "; expected ";
    for (std::size_t i = 0; i < r.expected.size(); ++i) {
      out += (i ? " or " : "") + r.expected[i];
    }
  }
  if (!r.actual.empty()) out += (out.empty() ? "actual " : "; actual ") + r.actual;
  return out;
}

// The message body of a failure or error: what was acceptable, what was seen.
std::string Explanation(const core::CaseResult& r) {
  std::string out = r.title + "\nRFC " + std::to_string(r.spec.rfc) + " \xC2\xA7" + r.spec.section +
                    " (" + core::LevelName(r.spec.level) + "): " + r.spec.quote + "\n";
  if (!r.expected.empty()) {
    out += "expected (any of):\n";
    for (const std::string& e : r.expected) out += "  - " + e + "\n";
  }
  if (!r.actual.empty()) out += "actual: " + r.actual + "\n";
  for (const core::PassiveFinding& f : r.findings) {
    out += "finding " + f.rule + " (" + core::LevelName(f.level) + ", " + f.rfc_section +
           "): " + f.message + "\n";
  }
  return out;
}

std::string Transcript(const core::CaseResult& r) {
  std::string out;
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const core::StepResult& s = r.steps[i];
    out += "--- step " + std::to_string(i + 1) + " sent\n" + ShowBytes(s.request.bytes) +
           "\n--- step " + std::to_string(i + 1) + " received\n" + ShowBytes(s.received) + "\n";
    if (!s.error.empty()) out += "--- step " + std::to_string(i + 1) + " error: " + s.error + "\n";
  }
  return out;
}

}  // namespace

std::string RenderJunit(const core::RunResult& run) {
  const core::Summary sum = core::Summarize(run);
  const std::string counts = " tests=\"" + std::to_string(sum.total) + "\" failures=\"" +
                             std::to_string(sum.fail) + "\" errors=\"" + std::to_string(sum.error) +
                             "\" skipped=\"" + std::to_string(sum.skip) + "\" time=\"" +
                             Seconds(run.duration_ms) + "\"";
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"" +
                    X(run.tool_name) + "\"" + counts + ">\n<testsuite name=\"" +
                    X(run.tool_name + " " + run.target_url) + "\"" + counts +
                    // An empty timestamp is not a date: leave the attribute out.
                    (run.started_at.empty() ? "" : " timestamp=\"" + X(run.started_at) + "\"") +
                    ">\n<properties>\n"
                    "<property name=\"target\" value=\"" +
                    X(run.target_url) +
                    "\"/>\n"
                    "<property name=\"tool.version\" value=\"" +
                    X(run.tool_version) +
                    "\"/>\n"
                    "<property name=\"incomplete\" value=\"" +
                    (run.incomplete ? "true" : "false") + "\"/>\n</properties>\n";
  for (const core::CaseResult& r : run.results) {
    out += "<testcase name=\"" + X(r.id) + "\" classname=\"" + X(ClassName(r.spec)) + "\" time=\"" +
           Seconds(r.duration_ms) + "\">\n";
    switch (r.outcome) {
      case core::Outcome::kPass:
        break;
      case core::Outcome::kFail:
        out += "<failure message=\"" + X(ShortMessage(r)) + "\" type=\"" +
               core::LevelName(r.spec.level) + "\">" + X(Explanation(r)) + "</failure>\n";
        break;
      case core::Outcome::kError:
        out += "<error message=\"" + X(ShortMessage(r)) + "\" type=\"error\">" + X(Explanation(r)) +
               "</error>\n";
        break;
      case core::Outcome::kSkip:
        out += "<skipped message=\"" + X(r.reason) + "\"/>\n";
        break;
    }
    if (r.outcome == core::Outcome::kFail || r.outcome == core::Outcome::kError) {
      out += "<system-out>" + X(Transcript(r)) + "</system-out>\n";
    }
    out += "</testcase>\n";
  }
  return out + "</testsuite>\n</testsuites>\n";
}

}  // namespace httpconform::reports
