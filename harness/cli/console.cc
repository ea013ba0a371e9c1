#include "harness/cli/console.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace httpconform::cli {
namespace {

int Rank(core::Level l) { return l == core::Level::kMust ? 0 : l == core::Level::kShould ? 1 : 2; }

const char* kRed = "\033[31m";
const char* kGreen = "\033[32m";
const char* kYellow = "\033[33m";

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

std::string Pad(const std::string& s, std::size_t width, bool right) {
  if (s.size() >= width) return s;
  const std::string fill(width - s.size(), ' ');
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
  if (r.outcome == core::Outcome::kError) return true;
  // The runner never fails a MAY case; a report read back might.
  return r.outcome == core::Outcome::kFail && r.spec.level != core::Level::kMay &&
         Rank(r.spec.level) <= Rank(fail_on);
}

bool FindingCounts(const core::PassiveFinding& f, core::Level fail_on) {
  // A MAY finding records a choice the RFC leaves to the server, not a
  // violation: it is reported and never fails a run, even with --fail-on may.
  return f.level != core::Level::kMay && Rank(f.level) <= Rank(fail_on);
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
  if (bad) ++failures_;
  if (bad) {
    if (mode_.live) std::fprintf(out_, "\r\033[K");
    const std::string tag =
        r.outcome == core::Outcome::kFail ? Paint(kRed, "FAIL ") : Paint(kYellow, "ERROR");
    std::fprintf(out_, "%s %s (%s): %s\n", tag.c_str(), PrintableForTerminal(r.id).c_str(),
                 SpecLabel(r.spec).c_str(), PrintableForTerminal(r.reason).c_str());
  }
  if (mode_.live) {
    if (done < total) {
      std::fprintf(out_, "\r\033[K[%d/%d] %s  %s", done, total,
                   Paint(failures_ ? kRed : "", std::to_string(failures_) + " failing").c_str(),
                   PrintableForTerminal(r.id).c_str());
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
      std::fprintf(out_, "progress: %d/%d cases done, %d failing\n", done, total, failures_);
    }
  }
  std::fflush(out_);
}

void Console::Summary(const core::RunResult& run, core::Level fail_on) {
  const core::Summary s = core::Summarize(run);
  bool any_failed = false;
  for (const core::CaseResult& r : run.results) {
    if (r.outcome != core::Outcome::kFail && r.outcome != core::Outcome::kError) continue;
    if (!any_failed) std::fprintf(out_, "\nFailures and errors:\n");
    any_failed = true;
    std::fprintf(
        out_, "  %s %s (%s)%s\n",
        Paint(r.outcome == core::Outcome::kFail ? kRed : kYellow, core::OutcomeName(r.outcome))
            .c_str(),
        PrintableForTerminal(r.id).c_str(), SpecLabel(r.spec).c_str(),
        r.baseline == "known"         ? " [known: in the baseline]"
        : CountsAsFailure(r, fail_on) ? ""
                                      : " [below --fail-on]");
    if (!r.reason.empty()) {
      std::fprintf(out_, "      reason:   %s\n", PrintableForTerminal(r.reason).c_str());
    }
    for (const std::string& e : r.expected) {
      std::fprintf(out_, "      expected: %s\n", PrintableForTerminal(e).c_str());
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
      std::fprintf(
          out_, "  %-7s %-24s %s (in %s)%s\n", core::LevelName(f.level),
          PrintableForTerminal(f.rule).c_str(), PrintableForTerminal(f.message).c_str(),
          PrintableForTerminal(r.id).c_str(),
          f.level == core::Level::kMay ? " [MAY: the server's choice, not a violation]" : "");
    }
  }

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
  std::fprintf(out_, "\n%d cases in %s: %s, %s, %s, %s; %d passive finding(s)%s\n", s.total,
               Duration(run.duration_ms).c_str(),
               Paint(kGreen, std::to_string(s.pass) + " passed").c_str(),
               Paint(s.fail ? kRed : "", std::to_string(s.fail) + " failed").c_str(),
               (std::to_string(s.skip) + " skipped").c_str(),
               Paint(s.error ? kYellow : "", std::to_string(s.error) + " errors").c_str(), findings,
               run.incomplete ? " (incomplete: interrupted)" : "");
  std::fflush(out_);
}

}  // namespace httpconform::cli
