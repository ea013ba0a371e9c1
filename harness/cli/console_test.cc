// The console printer on a FILE*, with the mode forced: plain (CI, pipes)
// and live with colour (a terminal), checked against tests/golden files with
// {{duration}} slots; the mode decision from TTY, CI and NO_COLOR; and that
// terminal escapes from a server never reach the output.
#include "harness/cli/console.h"

#include <gtest/gtest.h>

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
    c.Summary(run, core::Level::kMust);
  });
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
    c.Summary(run, core::Level::kMust);
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
