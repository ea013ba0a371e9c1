// The console printer on a FILE*, with the mode forced: plain (CI, pipes)
// and live with colour (a terminal), checked against tests/golden files with
// {{duration}} slots; the mode decision from TTY, CI and NO_COLOR; and that
// terminal escapes from a server never reach the output.
#include "harness/cli/console.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "reports/golden.h"
#include "reports/sample_run.h"

namespace httpconform::cli {
namespace {

// Runs `print` against a temporary FILE* and returns what it wrote.
template <typename Fn>
std::string Capture(ConsoleMode mode, Fn print) {
  std::FILE* f = std::tmpfile();
  EXPECT_NE(f, nullptr);
  if (!f) return "";
  Console console = Console::ForTesting(f, mode);
  print(console);
  std::fflush(f);
  std::string out;
  std::rewind(f);
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  std::fclose(f);
  return out;
}

std::string Golden(const std::string& name) {
  bool ok = false;
  std::string text = reports::ReadFileForTesting(
      std::string(HTTPCONFORM_SOURCE_DIR) + "/tests/golden/" + name, &ok);
  EXPECT_TRUE(ok) << name;
  return text;
}

// With HTTPCONFORM_GOLDEN_OUT=DIR set, the actual output is also written to
// DIR/NAME, to review and turn into a new golden file (durations -> slots).
void SaveActual(const std::string& name, const std::string& text) {
  const char* dir = std::getenv("HTTPCONFORM_GOLDEN_OUT");
  if (!dir) return;
  if (std::FILE* f = std::fopen((std::string(dir) + "/" + name).c_str(), "wb")) {
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
}

std::string WholeRun(ConsoleMode mode) {
  core::RunResult run = reports::MakeSampleRunForTesting();
  run.duration_ms = 1234.5;
  return Capture(mode, [&](Console& c) {
    const int total = static_cast<int>(run.results.size());
    for (int i = 0; i < total; ++i) c.Progress(run.results[i], i + 1, total);
    c.Summary(run);
  });
}

// A failure names the case file and line it was loaded from, as it streams
// and in the summary, so it leads to the case's source.
TEST(Console, FailureLinesNameTheCaseFileAndLine) {
  core::RunResult run = reports::MakeSampleRunForTesting();
  for (core::CaseResult& r : run.results) {
    r.file = "cases/methods.json";
    r.line = 10;
  }
  const std::string out = Capture(ConsoleMode{false, false}, [&](Console& c) {
    const int total = static_cast<int>(run.results.size());
    for (int i = 0; i < total; ++i) c.Progress(run.results[i], i + 1, total);
    c.Summary(run);
  });
  std::size_t fails = 0;
  std::size_t located = 0;
  std::size_t at = 0;
  while ((at = out.find('\n', at)) != std::string::npos) {
    const std::size_t begin = out.rfind('\n', at - 1);
    const std::string line = out.substr(begin == std::string::npos ? 0 : begin + 1,
                                        at - (begin == std::string::npos ? 0 : begin + 1));
    ++at;
    // The failure lines: streamed ("FAIL  id"), the failing list
    // ("  FAIL    MUST id") and the details ("  fail id"); not the verdict.
    if (line.rfind("FAIL ", 0) != 0 && line.rfind("  FAIL ", 0) != 0 &&
        line.rfind("  fail ", 0) != 0) {
      continue;
    }
    ++fails;
    if (line.find("cases/methods.json:10") != std::string::npos) ++located;
  }
  EXPECT_GE(fails, 5u) << out;  // Streamed, listed and detailed.
  EXPECT_EQ(located, fails) << out;
}

TEST(ConsoleMode, FromTtyCiAndNoColor) {
  ConsoleMode m = DecideConsoleMode(true, nullptr, nullptr);
  EXPECT_TRUE(m.live);
  EXPECT_TRUE(m.color);
  m = DecideConsoleMode(true, "true", nullptr);
  EXPECT_FALSE(m.live);  // CI: plain lines, colour still fine on a TTY.
  EXPECT_TRUE(m.color);
  m = DecideConsoleMode(true, "false", "1");
  EXPECT_TRUE(m.live);
  EXPECT_FALSE(m.color);
  m = DecideConsoleMode(true, "0", "");  // NO_COLOR empty: ignored (no-color.org).
  EXPECT_TRUE(m.live);
  EXPECT_TRUE(m.color);
  m = DecideConsoleMode(false, nullptr, nullptr);
  EXPECT_FALSE(m.live);
  EXPECT_FALSE(m.color);
}

TEST(Console, PlainOutputMatchesGolden) {
  const std::string out = WholeRun(ConsoleMode{false, false});
  EXPECT_EQ(out.find('\r'), std::string::npos);
  EXPECT_EQ(out.find('\033'), std::string::npos);
  SaveActual("console_plain.txt", out);
  EXPECT_EQ(reports::GoldenMismatchForTesting(out, Golden("console_plain.txt")), "");
}

TEST(Console, LiveColourOutputMatchesGolden) {
  const std::string out = WholeRun(ConsoleMode{true, true});
  EXPECT_NE(out.find("\r\033[K[1/6] 0 failing  conditional.if-none-match.304"), std::string::npos);
  EXPECT_NE(out.find("\033[31mFAIL \033[0m"), std::string::npos);
  // Golden files hold ESC and CR as the text "\e" and "\r": readable, diffable.
  std::string visible;
  for (char c : out) {
    visible += c == '\033' ? std::string("\\e")
               : c == '\r' ? std::string("\\r")
                           : std::string(1, c);
  }
  SaveActual("console_live_color.txt", visible);
  EXPECT_EQ(reports::GoldenMismatchForTesting(visible, Golden("console_live_color.txt")), "");
}

TEST(Console, PlainProgressOncePerQuarter) {
  core::CaseResult pass;
  pass.id = "x";
  pass.outcome = core::Outcome::kPass;
  const std::string out = Capture(ConsoleMode{false, false}, [&](Console& c) {
    for (int i = 1; i <= 8; ++i) c.Progress(pass, i, 8);
  });
  EXPECT_EQ(out,
            "progress: 2/8 cases done, 0 failing\n"
            "progress: 4/8 cases done, 0 failing\n"
            "progress: 6/8 cases done, 0 failing\n"
            "progress: 8/8 cases done, 0 failing\n");
}

// With --baseline, a listed failure streams as known and is counted apart,
// in plain lines and on the live status line.
TEST(Console, KnownFailuresAreMarkedAsTheyStream) {
  core::CaseResult known;
  known.id = "listed";
  known.outcome = core::Outcome::kFail;
  known.reason = "old bug";
  core::CaseResult fresh = known;
  fresh.id = "new";
  fresh.reason = "new bug";
  const std::string plain = Capture(ConsoleMode{false, false}, [&](Console& c) {
    c.SetKnownFailures({"listed"});
    c.Progress(known, 1, 2);
    c.Progress(fresh, 2, 2);
  });
  EXPECT_EQ(plain,
            "FAIL  (known) listed (MUST, RFC 0 \xC2\xA7): old bug\n"
            "progress: 1/2 cases done, 0 failing (1 known)\n"
            "FAIL  new (MUST, RFC 0 \xC2\xA7): new bug\n"
            "progress: 2/2 cases done, 1 failing (1 known)\n");
  const std::string live = Capture(ConsoleMode{true, false}, [&](Console& c) {
    c.SetKnownFailures({"listed"});
    c.Progress(known, 1, 3);
  });
  EXPECT_NE(live.find("[1/3] 0 failing (1 known)  listed"), std::string::npos) << live;
  // Without a baseline nothing changes.
  const std::string none =
      Capture(ConsoleMode{false, false}, [&](Console& c) { c.Progress(known, 1, 1); });
  EXPECT_EQ(none,
            "FAIL  listed (MUST, RFC 0 \xC2\xA7): old bug\nprogress: 1/1 cases done, 1 failing\n");
}

// -q prints FailingList alone: nothing when the run passes, one line per
// failing case and per finding rule otherwise.
TEST(Console, FailingListIsEmptyWhenNothingFails) {
  core::RunResult run = reports::MakeSampleRunForTesting();
  const std::string failing =
      Capture(ConsoleMode{false, false}, [&](Console& c) { c.FailingList(run); });
  EXPECT_EQ(failing.rfind("\nFailing (--fail-on must):\n", 0), 0u) << failing;
  EXPECT_EQ(std::count(failing.begin(), failing.end(), '\n'), 5);
  for (core::CaseResult& r : run.results) {
    if (r.outcome != core::Outcome::kSkip) r.outcome = core::Outcome::kPass;
    r.findings.clear();
  }
  EXPECT_EQ(Capture(ConsoleMode{false, false}, [&](Console& c) { c.FailingList(run); }), "");
}

// A base that --only pulled in fails the run like any case (here at
// --fail-on should); its line says which selected case brought it in, since
// -q prints nothing else. MAY findings are never on the list, even at may.
TEST(Console, FailingListMarksAPulledInBase) {
  core::RunResult run = reports::MakeSampleRunForTesting();
  run.policy.fail_on = core::Level::kMay;
  const std::string failing =
      Capture(ConsoleMode{false, false}, [&](Console& c) { c.FailingList(run); });
  EXPECT_NE(failing.find("FAIL    SHOULD framing.bad-reason"), std::string::npos) << failing;
  EXPECT_NE(failing.find(" [base of framing.bad-reason.refined, not selected]\n"),
            std::string::npos)
      << failing;
  EXPECT_EQ(std::count(failing.begin(), failing.end(), '\n'), 7) << failing;
  EXPECT_EQ(failing.find("503.retry-after"), std::string::npos) << failing;
  EXPECT_EQ(failing.find("methods.options.allow  RFC 9110 \xC2\xA7"
                         "15.5.6  405 without Allow ["),
            std::string::npos)
      << failing;
}

TEST(Console, ServerTextCannotDriveTheTerminal) {
  core::CaseResult r;
  r.id = "evil";
  r.outcome = core::Outcome::kFail;
  r.reason =
      "200 \033]0;pwned\007\033[2J \xC2\x9B"
      "31m \xE2\x80\xAE"
      "abc";
  r.actual = "\r\033[K";
  core::RunResult run;
  run.results = {r};
  const std::string out = Capture(ConsoleMode{false, false}, [&](Console& c) {
    c.Progress(r, 1, 1);
    c.Summary(run);
  });
  EXPECT_EQ(out.find('\033'), std::string::npos);
  EXPECT_EQ(out.find('\007'), std::string::npos);
  EXPECT_EQ(out.find('\r'), std::string::npos);
  EXPECT_EQ(out.find("\xC2\x9B"), std::string::npos);
  EXPECT_EQ(out.find("\xE2\x80\xAE"), std::string::npos);
  EXPECT_NE(out.find("\\x1b]0;pwned\\x07\\x1b[2J \\u{009b}31m \\u{202e}abc"), std::string::npos);
}

TEST(PrintableForTerminal, KeepsOrdinaryUtf8) {
  EXPECT_EQ(PrintableForTerminal("RFC 9110 \xC2\xA7"
                                 "15 \xE2\x80\x94 ok"),
            "RFC 9110 \xC2\xA7"
            "15 \xE2\x80\x94 ok");
  EXPECT_EQ(PrintableForTerminal("a\tb\x7f"), "a\\x09b\\x7f");
}

}  // namespace
}  // namespace httpconform::cli
