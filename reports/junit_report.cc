// JUnit XML, the format CI systems read: one <testcase> per case id, with
// <failure>, <error> and <skipped> kept distinct as our outcomes are, one
// <testcase> per passive finding, and one for a run that could not be
// carried out. A <failure> or <error> appears exactly for what fails the run
// (core/verdict.h), so a CI view of this file goes red exactly when the exit
// code is 1; a failure that is not counted (below --fail-on, a known failure)
// stays visible as a passing testcase that says so in its system-out.
// classname groups cases by requirement source ("RFC9110.§13.1.2"), so CI
// views tree them by RFC and section. Every string goes through XmlEscape,
// which also drops the characters XML 1.0 cannot carry at all (NUL, most C0
// controls); raw wire bytes are shown with ShowBytes, so nothing is lost
// silently: a NUL appears as \x00.
// Bounds: linear in the run, no recursion; a transcript shows the bytes the
// transport recorded (max_record_bytes per step).
#include <cstdio>
#include <string>

#include "harness/core/verdict.h"
#include "harness/core/versions.h"
#include "reports/report.h"
#include "reports/text.h"
#include "reports/verdict_text.h"

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
    out += r.expected.size() > 1 ? "expected (any of):\n" : "expected:\n";
    for (const std::string& e : r.expected) out += "  - " + e + "\n";
  }
  if (!r.actual.empty()) out += "actual: " + r.actual + "\n";
  for (const core::PassiveFinding& f : r.findings) {
    out += "finding " + f.rule + " (" + core::LevelName(f.level) + ", " + f.Sections() +
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

std::string CaseXml(const core::CaseResult& r, const core::RunPolicy& policy, bool multi) {
  // Over several HTTP versions a case is one testcase per version: "ID [HTTP/2]".
  std::string out = "<testcase name=\"" + X(core::ResultName(r, multi)) + "\" classname=\"" +
                    X(ClassName(r.spec)) + "\" time=\"" + Seconds(r.duration_ms) + "\">\n";
  const bool counted = core::CaseFailsRun(r, policy);
  const bool bad = r.outcome == core::Outcome::kFail || r.outcome == core::Outcome::kError;
  if (counted && r.outcome == core::Outcome::kError) {
    out += "<error message=\"" + X(ShortMessage(r)) + "\" type=\"error\">" + X(Explanation(r)) +
           "</error>\n";
  } else if (counted) {
    // A failure, or a pass that still fails the run (flaky with
    // --fail-on-flaky, a stale baseline entry with --strict-baseline).
    const std::string why = r.baseline == "fixed" && r.outcome == core::Outcome::kPass
                                ? "stale baseline entry: the case passes now; remove it"
                                : ShortMessage(r);
    out += "<failure message=\"" + X(why) + "\" type=\"" + core::LevelName(r.spec.level) + "\">" +
           X(Explanation(r)) + "</failure>\n";
  } else if (r.outcome == core::Outcome::kSkip) {
    out += "<skipped message=\"" + X(r.reason) + "\"/>\n";
  }
  if (bad && !counted) {
    // Visible, but not a failure: the run's exit code does not count it.
    out += "<system-out>" +
           X(std::string("not counted (") + core::WhyNotCounted(r, policy) +
             "): " + core::OutcomeName(r.outcome) + ": " + ShortMessage(r) + "\n" + Explanation(r) +
             Transcript(r)) +
           "</system-out>\n";
  } else if (bad) {
    out += "<system-out>" + X(Transcript(r)) + "</system-out>\n";
  }
  return out + "</testcase>\n";
}

// "RFC 9110 §15.5.6" -> "passive.RFC9110.§15.5.6", so findings tree beside the cases.
std::string FindingClassName(const std::string& section) {
  std::string out = "passive.";
  for (std::size_t i = 0; i < section.size(); ++i) {
    if (section[i] == ' ') {
      out += i + 1 < section.size() && section[i + 1] != '\xC2' ? "" : ".";
      continue;
    }
    out += section[i];
  }
  return out;
}

std::string FindingXml(const core::CaseResult& r, const core::PassiveFinding& f,
                       const core::RunPolicy& policy, bool multi) {
  const std::string in = core::ResultName(r, multi);
  const std::string name = f.rule + " in " + in + " (step " + std::to_string(f.step + 1) + ")";
  const std::string detail = "passive finding " + f.rule + " (" + core::LevelName(f.level) + ", " +
                             f.Sections() + "): " + f.message +
                             "\nresponse: " + FindingResponse(r, f) + "\ncase: " + in +
                             "\n--- received\n" + ShowBytes(FindingReceived(r, f)) + "\n";
  std::string out = "<testcase name=\"" + X(name) + "\" classname=\"" +
                    X(FindingClassName(f.rfc_section)) + "\" time=\"0.000\">\n";
  if (core::FindingFailsRun(r, f, policy)) {
    out += "<failure message=\"" + X(f.message) + "\" type=\"" + core::LevelName(f.level) + "\">" +
           X(detail) + "</failure>\n";
  } else {
    out += "<system-out>" +
           X("not counted (" + core::WhyFindingNotCounted(r, f, policy) + "): " + detail) +
           "</system-out>\n";
  }
  return out + "</testcase>\n";
}

// A run over several HTTP versions: the versions, and the cases whose
// verdict differs between them (space-separated ids), as suite properties.
std::string VersionProperties(const core::RunResult& run) {
  if (!core::IsMultiVersion(run)) return "";
  std::string versions, differs;
  for (const std::string& v : core::VersionsOf(run)) versions += (versions.empty() ? "" : ",") + v;
  for (const std::string& id : core::VerdictDiffers(run))
    differs += (differs.empty() ? "" : " ") + id;
  return "<property name=\"http\" value=\"" + X(versions) +
         "\"/>\n<property name=\"verdict-differs\" value=\"" + X(differs) + "\"/>\n";
}

}  // namespace

std::string RenderJunit(const core::RunResult& run) {
  const core::Summary sum = core::Summarize(run);
  const core::RunVerdict verdict = core::JudgeRun(run);
  int failures = 0, errors = verdict.run_error ? 1 : 0;
  for (const core::CaseResult& r : run.results) {
    if (core::CaseFailsRun(r, run.policy))
      ++(r.outcome == core::Outcome::kError ? errors : failures);
  }
  failures += verdict.failing_findings;
  const int tests = sum.total + verdict.findings + (verdict.run_error ? 1 : 0);
  const std::string counts = " tests=\"" + std::to_string(tests) + "\" failures=\"" +
                             std::to_string(failures) + "\" errors=\"" + std::to_string(errors) +
                             "\" skipped=\"" + std::to_string(sum.skip) + "\" time=\"" +
                             Seconds(run.duration_ms) + "\"";
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"" + X(run.tool_name) + "\"" +
      counts + ">\n<testsuite name=\"" + X(run.tool_name + " " + run.target_url) + "\"" + counts +
      // An empty timestamp is not a date: leave the attribute out.
      (run.started_at.empty() ? "" : " timestamp=\"" + X(run.started_at) + "\"") +
      ">\n<properties>\n"
      "<property name=\"target\" value=\"" +
      X(run.target_url) + "\"/>\n" +
      (run.proxy.origin.empty() ? ""
                                : "<property name=\"proxy.origin\" value=\"" + X(run.proxy.origin) +
                                      "\"/>\n<property name=\"proxy.mode\" value=\"" +
                                      (run.proxy.forward ? "forward" : "gateway") + "\"/>\n") +
      "<property name=\"tool.version\" value=\"" + X(run.tool_version) +
      "\"/>\n"
      "<property name=\"fail-on\" value=\"" +
      core::LevelName(run.policy.fail_on) +
      "\"/>\n"
      "<property name=\"verdict\" value=\"" +
      X(VerdictLine(run)) +
      "\"/>\n"
      "<property name=\"incomplete\" value=\"" +
      (run.incomplete ? "true" : "false") + "\"/>\n" + VersionProperties(run) + "</properties>\n";
  // A run that could not be carried out is one errored testcase, so that a
  // CI step reading this file sees it even though no case ran.
  if (verdict.run_error) {
    out += "<testcase name=\"run\" classname=\"httpconform\" time=\"" + Seconds(run.duration_ms) +
           "\">\n<error message=\"" + X(run.error) + "\" type=\"run\">" +
           X("The run could not be carried out, so no case ran: " + run.error) +
           "</error>\n</testcase>\n";
  }
  const bool multi = core::IsMultiVersion(run);
  for (const core::CaseResult& r : run.results) out += CaseXml(r, run.policy, multi);
  // One testcase per passive finding: failing at or above --fail-on, passing
  // (with what it found in system-out) below it or for a known failure.
  for (const core::CaseResult& r : run.results) {
    for (const core::PassiveFinding& f : r.findings) out += FindingXml(r, f, run.policy, multi);
  }
  return out + "</testsuite>\n</testsuites>\n";
}

}  // namespace httpconform::reports
