#include "harness/cli/console.h"

#include <unistd.h>

#include <cstdlib>

namespace httpconform::cli {
namespace {

int Rank(core::Level l) { return l == core::Level::kMust ? 0 : l == core::Level::kShould ? 1 : 2; }

const char* kRed = "\033[31m";
const char* kGreen = "\033[32m";
const char* kYellow = "\033[33m";

std::string SpecLabel(const core::SpecRef& s) {
  return std::string(core::LevelName(s.level)) + ", RFC " + std::to_string(s.rfc) + " §" +
         s.section;
}

// Terminal escape sequences a hostile server may have put in a reason
// phrase must not reach the terminal.
std::string Printable(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

bool CountsAsFailure(const core::CaseResult& r, core::Level fail_on) {
  if (r.outcome == core::Outcome::kError) return true;
  return r.outcome == core::Outcome::kFail && Rank(r.spec.level) <= Rank(fail_on);
}

bool FindingCounts(const core::PassiveFinding& f, core::Level fail_on) {
  return Rank(f.level) <= Rank(fail_on);
}

Console::Console(std::FILE* out) : out_(out) {
  const bool tty = isatty(fileno(out)) == 1;
  const char* ci = std::getenv("CI");
  live_ = tty && !(ci && *ci && std::string(ci) != "false" && std::string(ci) != "0");
  color_ = tty && !std::getenv("NO_COLOR");
}

std::string Console::Paint(const char* color, const std::string& text) const {
  return color_ && *color ? std::string(color) + text + "\033[0m" : text;
}

void Console::Progress(const core::CaseResult& r, int done, int total) {
  const bool bad = r.outcome == core::Outcome::kFail || r.outcome == core::Outcome::kError;
  if (bad) ++failures_;
  if (live_) {
    std::fprintf(out_, "\r\033[K[%d/%d] %d failing  %s", done, total, failures_,
                 Printable(r.id).c_str());
    if (done == total) std::fprintf(out_, "\r\033[K");
  }
  if (bad) {
    if (live_) std::fprintf(out_, "\r\033[K");
    std::string tag = r.outcome == core::Outcome::kFail ? Paint(kRed, "FAIL ") : Paint(kYellow, "ERROR");
    std::fprintf(out_, "%s %s (%s): %s\n", tag.c_str(), Printable(r.id).c_str(),
                 SpecLabel(r.spec).c_str(), Printable(r.reason).c_str());
  }
  std::fflush(out_);
}

void Console::Summary(const core::RunResult& run, core::Level fail_on) {
  core::Summary s = core::Summarize(run);
  int findings = 0, counted_findings = 0;
  for (const core::CaseResult& r : run.results) {
    for (const core::PassiveFinding& f : r.findings) {
      ++findings;
      if (FindingCounts(f, fail_on)) ++counted_findings;
    }
  }
  bool any_failed = false;
  for (const core::CaseResult& r : run.results) {
    if (r.outcome != core::Outcome::kFail && r.outcome != core::Outcome::kError) continue;
    if (!any_failed) std::fprintf(out_, "\nFailures and errors:\n");
    any_failed = true;
    std::fprintf(out_, "  %s %s — %s\n", core::OutcomeName(r.outcome), Printable(r.id).c_str(),
                 SpecLabel(r.spec).c_str());
    for (const std::string& e : r.expected) std::fprintf(out_, "      expected: %s\n", Printable(e).c_str());
    if (!r.actual.empty()) std::fprintf(out_, "      actual:   %s\n", Printable(r.actual).c_str());
  }
  if (findings > 0) {
    std::fprintf(out_, "\nPassive findings (rules of the status code, on every response):\n");
    for (const core::CaseResult& r : run.results) {
      for (const core::PassiveFinding& f : r.findings) {
        std::fprintf(out_, "  %-7s %-24s %s (in %s)\n", core::LevelName(f.level), f.rule.c_str(),
                     Printable(f.message).c_str(), Printable(r.id).c_str());
      }
    }
  }
  std::fprintf(out_, "\n%d cases: %s, %s, %s, %s; %d passive finding(s)%s\n", s.total,
               Paint(kGreen, std::to_string(s.pass) + " passed").c_str(),
               Paint(s.fail ? kRed : "", std::to_string(s.fail) + " failed").c_str(),
               (std::to_string(s.skip) + " skipped").c_str(),
               Paint(s.error ? kYellow : "", std::to_string(s.error) + " errors").c_str(), findings,
               run.incomplete ? " (incomplete: interrupted)" : "");
  (void)counted_findings;
  std::fflush(out_);
}

}  // namespace httpconform::cli
