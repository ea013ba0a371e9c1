#include "harness/cli/console.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

#include "harness/core/verdict.h"
#include "harness/core/versions.h"
#include "reports/baseline.h"
#include "reports/verdict_text.h"

namespace httpconform::cli {
namespace {

const char* kRed = "\033[31m";
const char* kGreen = "\033[32m";
const char* kYellow = "\033[33m";

// "cases/methods.json:10": where the case is written, so a failure leads to
// its source; "" when the result does not say (a report read back).
std::string SourceLocation(const core::CaseResult& r) {
  if (r.file.empty()) return "";
  return PrintableForTerminal(r.file) + (r.line > 0 ? ":" + std::to_string(r.line) : "");
}

std::string SourceNote(const core::CaseResult& r) {
  return r.file.empty() ? "" : "; " + SourceLocation(r);
}

std::string SpecLabel(const core::SpecRef& s) {
  return std::string(core::LevelName(s.level)) + ", RFC " + std::to_string(s.rfc) + " \xC2\xA7" +
         PrintableForTerminal(s.section);
}

std::string Hex(unsigned v, int digits) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = digits - 1; i >= 0; --i) out += kHex[(v >> (4 * i)) & 15];
  return out;
}

std::string Duration(double ms) {
  char buf[32];
  if (ms >= 1000) {
    std::snprintf(buf, sizeof buf, "%.2f s", ms / 1000);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f ms", ms);
  }
  return buf;
}

// Pads to `width` columns, counting a UTF-8 sequence as one ("§" is two bytes).
std::string Pad(const std::string& s, std::size_t width, bool right) {
  std::size_t columns = 0;
  for (char c : s) columns += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  if (columns >= width) return s;
  const std::string fill(width - columns, ' ');
  return right ? fill + s : s + fill;
}

}  // namespace

ConsoleMode DecideConsoleMode(bool is_tty, const char* ci, const char* no_color) {
  // CI=false and CI=0 are how some systems say "not CI".
  const bool in_ci = ci && *ci && std::strcmp(ci, "false") != 0 && std::strcmp(ci, "0") != 0;
  ConsoleMode mode;
  mode.live = is_tty && !in_ci;
  // no-color.org: set and non-empty disables colour.
  mode.color = is_tty && !(no_color && *no_color);
  return mode;
}

// Length of the valid UTF-8 sequence at s[i] and its code point, or 0
// (overlong forms, surrogates and values above U+10FFFF are invalid).
std::size_t Utf8At(const std::string& s, std::size_t i, unsigned* cp) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  unsigned v = len == 1 ? c : c & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) {
    const unsigned char b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    v = (v << 6) | (b & 0x3F);
  }
  static const unsigned kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (v < kMin[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return len;
}

std::string PrintableForTerminal(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned cp = 0;
    const std::size_t len = Utf8At(s, i, &cp);
    if (len == 0) {
      // Not UTF-8: shown as the byte, so it cannot start a sequence.
      out += "\\x" + Hex(static_cast<unsigned char>(s[i]), 2);
      ++i;
      continue;
    }
    if (cp < 0x20 || cp == 0x7F) {
      out += "\\x" + Hex(cp, 2);
    } else if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
               (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029) {
      // C1 controls (U+009B is a CSI on some terminals), bidirectional
      // overrides and isolates, and the Unicode line separators.
      out += "\\u{" + Hex(cp, 4) + "}";
    } else {
      out.append(s, i, len);
    }
    i += len;
  }
  return out;
}

bool CountsAsFailure(const core::CaseResult& r, core::Level fail_on) {
  core::RunPolicy policy;
  policy.fail_on = fail_on;
  return core::CaseFailsRun(r, policy);
}

Console::Console(std::FILE* out)
    : out_(out),
      mode_(DecideConsoleMode(isatty(fileno(out)) == 1, std::getenv("CI"),
                              std::getenv("NO_COLOR"))) {}

std::string Console::Paint(const char* color, const std::string& text) const {
  return mode_.color && *color ? std::string(color) + text + "\033[0m" : text;
}

void Console::Progress(const core::CaseResult& r, int done, int total) {
  const bool bad = r.outcome == core::Outcome::kFail || r.outcome == core::Outcome::kError;
  // A failure the baseline lists is marked as it streams, and counted apart.
  const bool known = bad && (r.baseline == "known" || reports::IsListed(known_, r));
  const std::string name = PrintableForTerminal(core::ResultName(r, multi_version_));
  if (bad) ++(known ? known_failures_ : failures_);
  if (bad) {
    if (mode_.live) std::fprintf(out_, "\r\033[K");
    std::string tag =
        r.outcome == core::Outcome::kFail ? Paint(kRed, "FAIL ") : Paint(kYellow, "ERROR");
    if (known) tag = r.outcome == core::Outcome::kFail ? "FAIL  (known)" : "ERROR (known)";
    std::fprintf(out_, "%s %s (%s%s): %s\n", tag.c_str(), name.c_str(), SpecLabel(r.spec).c_str(),
                 SourceNote(r).c_str(), PrintableForTerminal(r.reason).c_str());
  }
  const std::string known_note =
      known_.empty() ? "" : " (" + std::to_string(known_failures_) + " known)";
  if (mode_.live) {
    if (done < total) {
      std::fprintf(out_, "\r\033[K[%d/%d] %s%s  %s", done, total,
                   Paint(failures_ ? kRed : "", std::to_string(failures_) + " failing").c_str(),
                   known_note.c_str(), name.c_str());
    } else {
      std::fprintf(out_, "\r\033[K");
    }
  } else if (total > 0) {
    // One line per quarter: enough to see a long run moving in a CI log.
    bool crossed = false;
    while (next_quarter_ <= 4 && done * 4 >= next_quarter_ * total) {
      ++next_quarter_;
      crossed = true;
    }
    if (crossed) {
      std::fprintf(out_, "progress: %d/%d cases done, %d failing%s\n", done, total, failures_,
                   known_note.c_str());
    }
  }
  std::fflush(out_);
}

void Console::Details(const core::RunResult& run) {
  const bool multi = core::IsMultiVersion(run);
  bool any_failed = false;
  for (const core::CaseResult& r : run.results) {
    if (r.outcome != core::Outcome::kFail && r.outcome != core::Outcome::kError) continue;
    if (!any_failed) std::fprintf(out_, "\nFailures and errors:\n");
    any_failed = true;
    const std::string why_not = core::WhyNotCounted(r, run.policy);
    const std::string mark = why_not.empty() ? "" : " [not counted: " + why_not + "]";
    std::fprintf(
        out_, "  %s %s (%s%s)%s\n",
        Paint(r.outcome == core::Outcome::kFail ? kRed : kYellow, core::OutcomeName(r.outcome))
            .c_str(),
        PrintableForTerminal(core::ResultName(r, multi)).c_str(), SpecLabel(r.spec).c_str(),
        SourceNote(r).c_str(), mark.c_str());
    if (!r.reason.empty()) {
      std::fprintf(out_, "      reason:   %s\n", PrintableForTerminal(r.reason).c_str());
    }
    // Several acceptable outcomes are alternatives: any one would do.
    if (r.expected.size() == 1) {
      std::fprintf(out_, "      expected: %s\n", PrintableForTerminal(r.expected[0]).c_str());
    } else if (r.expected.size() > 1) {
      std::fprintf(out_, "      expected any of:\n");
      for (const std::string& e : r.expected) {
        std::fprintf(out_, "        - %s\n", PrintableForTerminal(e).c_str());
      }
    }
    if (!r.actual.empty()) {
      std::fprintf(out_, "      actual:   %s\n", PrintableForTerminal(r.actual).c_str());
    }
    if (!r.pulled_in_by.empty()) {
      // Not selected, but run as a base: its failure is what the selected
      // cases' skips point at.
      std::string ids;
      for (const std::string& id : r.pulled_in_by) ids += (ids.empty() ? "" : ", ") + id;
      std::fprintf(out_, "      base of:  %s (not selected; run because they refine it)\n",
                   PrintableForTerminal(ids).c_str());
    }
  }
  int findings = 0;
  for (const core::CaseResult& r : run.results) {
    for (const core::PassiveFinding& f : r.findings) {
      if (findings++ == 0) {
        std::fprintf(out_, "\nPassive findings (rules of the status code, on every response):\n");
      }
      // A MAY finding is the server's choice (core/verdict.h): said so, not
      // just "not counted".
      const char* mark = core::FindingFailsRun(r, f, run.policy) ? ""
                         : f.level == core::Level::kMay
                             ? " [MAY: the server's choice, not a violation]"
                             : " [not counted]";
      std::fprintf(out_, "  %-7s %-24s %s (in %s)%s\n", core::LevelName(f.level),
                   PrintableForTerminal(f.rule).c_str(), PrintableForTerminal(f.message).c_str(),
                   PrintableForTerminal(core::ResultName(r, multi)).c_str(), mark);
    }
  }
  std::fflush(out_);
}

namespace {

// One line: at most `width` bytes of printable text, "..." when cut (never
// inside a UTF-8 sequence).
std::string OneLine(const std::string& text, std::size_t width) {
  std::string s = PrintableForTerminal(text);
  if (s.size() <= width) return s;
  std::size_t cut = width - 3;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "...";
}

}  // namespace

void Console::FailingList(const core::RunResult& run) {
  const core::RunVerdict verdict = core::JudgeRun(run);
  if (!verdict.failed()) return;
  const bool multi = core::IsMultiVersion(run);
  std::size_t id_width = 0;
  for (const core::CaseResult& r : run.results) {
    if (core::CaseFailsRun(r, run.policy)) {
      id_width = std::max(id_width, core::ResultName(r, multi).size());
    }
    for (const core::PassiveFinding& f : r.findings) {
      if (core::FindingFailsRun(r, f, run.policy)) id_width = std::max(id_width, f.rule.size());
    }
  }
  id_width = std::min<std::size_t>(id_width, 48);
  std::fprintf(out_, "\nFailing (--fail-on %s):\n", core::FailOnValue(run.policy.fail_on).c_str());
  if (verdict.run_error) {
    std::fprintf(out_, "  %s %s\n", Paint(kYellow, "ERROR  ").c_str(),
                 OneLine(run.error, 200).c_str());
  }
  for (const core::CaseResult& r : run.results) {
    if (!core::CaseFailsRun(r, run.policy)) continue;
    const bool error = r.outcome == core::Outcome::kError;
    const std::string tag = error ? Paint(kYellow, "ERROR  ") : Paint(kRed, "FAIL   ");
    const std::string reason = r.baseline == "fixed" && r.outcome == core::Outcome::kPass
                                   ? "passes now: remove it from the baseline (--strict-baseline)"
                               : r.flaky ? r.reason + " (--fail-on-flaky)"
                                         : r.reason;
    const std::string section =
        "RFC " + std::to_string(r.spec.rfc) + " \xC2\xA7" + PrintableForTerminal(r.spec.section);
    // A base that --only or --tag pulled in fails the run like any case;
    // the mark says why a case nobody selected is here (-q prints only this).
    std::string base_of;
    for (const std::string& id : r.pulled_in_by) base_of += (base_of.empty() ? "" : ", ") + id;
    if (!base_of.empty()) base_of = " [base of " + OneLine(base_of, 120) + ", not selected]";
    std::fprintf(out_, "  %s %-6s %s  %s %s%s%s\n", tag.c_str(), core::LevelName(r.spec.level),
                 Pad(PrintableForTerminal(core::ResultName(r, multi)), id_width, false).c_str(),
                 Pad(section, 17, false).c_str(), OneLine(reason, 160).c_str(), base_of.c_str(),
                 r.file.empty() ? "" : ("  " + SourceLocation(r)).c_str());
  }
  // Findings one line per rule: a server that omits Date does so on every
  // response, and a screen of identical lines would hide the rest.
  struct RuleLine {
    const core::PassiveFinding* first;
    int responses = 0;
    std::vector<std::string> cases;
  };
  std::vector<std::pair<std::string, RuleLine>> rules;
  for (const core::CaseResult& r : run.results) {
    for (const core::PassiveFinding& f : r.findings) {
      if (!core::FindingFailsRun(r, f, run.policy)) continue;
      auto it = std::find_if(rules.begin(), rules.end(),
                             [&](const auto& entry) { return entry.first == f.rule; });
      if (it == rules.end()) it = rules.insert(rules.end(), {f.rule, RuleLine{&f}});
      ++it->second.responses;
      const std::string name = core::ResultName(r, multi);
      if (it->second.cases.empty() || it->second.cases.back() != name) {
        it->second.cases.push_back(name);
      }
    }
  }
  for (const auto& [rule, line] : rules) {
    std::string where = "in " + line.cases.front();
    if (line.responses > 1) {
      where = std::to_string(line.responses) + " responses in " +
              std::to_string(line.cases.size()) + " case(s): " + line.cases.front();
      for (std::size_t i = 1; i < line.cases.size() && i < 3; ++i) where += ", " + line.cases[i];
      if (line.cases.size() > 3) where += ", ...";
    }
    // The finding's sections read "RFC 9110 §10.2.1, §15.5.6" already.
    std::fprintf(out_, "  %s %-6s %s  %s %s (%s)\n", Paint(kRed, "FINDING").c_str(),
                 core::LevelName(line.first->level),
                 Pad(PrintableForTerminal(rule), id_width, false).c_str(),
                 Pad(PrintableForTerminal(line.first->Sections()), 17, false).c_str(),
                 OneLine(line.first->message, 120).c_str(), PrintableForTerminal(where).c_str());
  }
  std::fflush(out_);
}

void Console::Ending(const core::RunResult& run) {
  const core::Summary s = core::Summarize(run);
  FailingList(run);
  // The table: one row per level, one column per outcome (RFC 2119 levels
  // matter for the exit code, so the reader sees which failures count).
  const core::Outcome outcomes[] = {core::Outcome::kPass, core::Outcome::kFail,
                                    core::Outcome::kSkip, core::Outcome::kError};
  const char* colors[] = {kGreen, kRed, "", kYellow};
  std::fprintf(out_, "\n        ");
  for (core::Outcome o : outcomes)
    std::fprintf(out_, "%s", Pad(core::OutcomeName(o), 7, true).c_str());
  std::fprintf(out_, "%s\n", Pad("total", 7, true).c_str());
  int column_totals[4] = {0, 0, 0, 0};
  for (core::Level level : {core::Level::kMust, core::Level::kShould, core::Level::kMay}) {
    int counts[4] = {0, 0, 0, 0};
    for (const core::CaseResult& r : run.results) {
      if (r.spec.level != level) continue;
      for (int i = 0; i < 4; ++i) {
        if (r.outcome == outcomes[i]) ++counts[i];
      }
    }
    std::fprintf(out_, "  %s", Pad(core::LevelName(level), 6, false).c_str());
    int row = 0;
    for (int i = 0; i < 4; ++i) {
      row += counts[i];
      column_totals[i] += counts[i];
      const std::string cell = Pad(std::to_string(counts[i]), 7, true);
      std::fprintf(out_, "%s", counts[i] && i != 0 ? Paint(colors[i], cell).c_str() : cell.c_str());
    }
    std::fprintf(out_, "%s\n", Pad(std::to_string(row), 7, true).c_str());
  }
  std::fprintf(out_, "  %s", Pad("all", 6, false).c_str());
  for (int c : column_totals) std::fprintf(out_, "%s", Pad(std::to_string(c), 7, true).c_str());
  std::fprintf(out_, "%s\n", Pad(std::to_string(s.total), 7, true).c_str());

  int blocked = 0, optional = 0;
  for (const core::CaseResult& r : run.results) {
    blocked += r.blocked_by ? 1 : 0;
    optional += r.optional_not_taken ? 1 : 0;
  }
  if (blocked > 0 || optional > 0) {
    std::fprintf(out_,
                 "\nOf the skipped: %d not judged because a base case they refine did not pass "
                 "(see \"depends on\" in each reason); %d MAY option(s) the server did not "
                 "take\n",
                 blocked, optional);
  }
  const core::RunVerdict verdict = core::JudgeRun(run);
  std::fprintf(
      out_, "\n%d cases in %s: %s, %s, %s, %s; %d passive finding(s)%s\n", s.total,
      Duration(run.duration_ms).c_str(), Paint(kGreen, std::to_string(s.pass) + " passed").c_str(),
      Paint(s.fail ? kRed : "", std::to_string(s.fail) + " failed").c_str(),
      (std::to_string(s.skip) + " skipped").c_str(),
      Paint(s.error ? kYellow : "", std::to_string(s.error) + " errors").c_str(), verdict.findings,
      !run.incomplete           ? ""
      : run.stop_reason.empty() ? " (incomplete: interrupted)"
                                : " (incomplete: stopped early)");
  if (core::IsMultiVersion(run)) PrintVersions(run);
  const std::string line = reports::VerdictLine(run);
  std::fprintf(out_, "%s\n",
               Paint(verdict.failed() ? kRed : kGreen, PrintableForTerminal(line)).c_str());
  std::fflush(out_);
}

void Console::PrintVersions(const core::RunResult& run) {
  for (const std::string& v : core::VersionsOf(run)) {
    const core::Summary s = core::SummarizeVersion(run, v);
    std::fprintf(out_, "  %-9s %d passed, %d failed, %d skipped, %d errors\n",
                 core::HttpLabel(v).c_str(), s.pass, s.fail, s.skip, s.error);
  }
  const std::set<std::string> differs = core::VerdictDiffers(run);
  if (differs.empty()) return;
  std::fprintf(out_, "Verdict differs between versions (%zu case(s)):\n", differs.size());
  for (const core::CaseResult& r : run.results) {
    if (!differs.count(r.id)) continue;
    std::fprintf(out_, "  %-9s %-5s %s\n", core::HttpLabel(r.http).c_str(),
                 core::OutcomeName(r.outcome), PrintableForTerminal(r.id).c_str());
  }
}

void Console::Summary(const core::RunResult& run) {
  Details(run);
  Ending(run);
}

}  // namespace httpconform::cli
