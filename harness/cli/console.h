// Console output of a run: live progress while cases finish, then a summary.
//
// Two modes. Live (a terminal, and CI not set): one status line rewritten in
// place — done/total, failures so far, the case that just finished — with
// failures printed above it as they happen. Plain (not a terminal, or CI
// set): no carriage returns or escape sequences, one line per failure or
// error, and a progress line at each quarter of the run, so a CI log stays
// readable and short. Colour only on a terminal and never with NO_COLOR
// (https://no-color.org). After the run: every failure and error with what
// was acceptable and what was seen (Details), then -- after whatever the
// caller adds (baseline, skips) -- the ending, so that the last screen of a
// CI log is the useful one: what fails the run, one line each, then the
// table by outcome and level, the counts and the verdict. With `run
// --baseline`, failures of listed cases are marked known as they stream.
// All server-supplied text is made printable first: escape sequences in a
// reason phrase must not reach the terminal.
#ifndef HTTPCONFORM_CLI_CONSOLE_H_
#define HTTPCONFORM_CLI_CONSOLE_H_

#include <cstdio>
#include <set>
#include <string>
#include <utility>

#include "harness/core/result.h"

namespace httpconform::cli {

/// How the console prints.
struct ConsoleMode {
  bool live = false;   ///< Rewrite one status line in place.
  bool color = false;  ///< ANSI colours.
};

/// The mode for an output that is (or is not) a terminal, given the values
/// of the CI and NO_COLOR environment variables (nullptr when unset).
ConsoleMode DecideConsoleMode(bool is_tty, const char* ci, const char* no_color);

/// Progress and summary printer.
class Console {
 public:
  /// Decides the mode from `out` (isatty) and the environment.
  explicit Console(std::FILE* out);
  /// A console with its mode forced, for tests (any FILE*, e.g. tmpfile()).
  static Console ForTesting(std::FILE* out, ConsoleMode mode) { return Console(out, mode); }

  /// With `run --baseline`: the ids of the baseline's active entries, so that
  /// their failures are marked known as they stream and in the counts.
  void SetKnownFailures(std::set<std::string> ids) { known_ = std::move(ids); }
  /// With `run --http 1.1,2`: results stream named with their version.
  void SetMultiVersion(bool multi) { multi_version_ = multi; }

  /// Called as each case finishes.
  void Progress(const core::CaseResult& result, int done, int total);
  /// Every failure and error in detail (reason, expected, actual), then
  /// every passive finding: what to read when investigating.
  void Details(const core::RunResult& run);
  /// The last screen of a run: what fails it (FailingList), the table by
  /// level and outcome, the counts, and the verdict line.
  void Ending(const core::RunResult& run);
  /// What fails the run, one line each: FAIL/ERROR level id section reason,
  /// then FINDING level rule section message (one line per rule, with how
  /// many responses and which cases); nothing when nothing fails. This is
  /// all `run -q` prints.
  void FailingList(const core::RunResult& run);
  /// Details, then Ending.
  void Summary(const core::RunResult& run);

 private:
  // Per version: the counts, then the cases whose verdict differs.
  void PrintVersions(const core::RunResult& run);
  Console(std::FILE* out, ConsoleMode mode) : out_(out), mode_(mode) {}
  std::string Paint(const char* color, const std::string& text) const;
  std::FILE* out_;
  ConsoleMode mode_;
  std::set<std::string> known_;
  bool multi_version_ = false;
  int failures_ = 0;
  int known_failures_ = 0;
  int next_quarter_ = 1;  // Plain mode: the next quarter of the run to report.
};

/// Server text made safe for a terminal: C0/C1 controls, DEL and bidi
/// overrides shown as \xNN or \u{NNNN}; other UTF-8 kept.
std::string PrintableForTerminal(const std::string& text);

/// True when `result`'s outcome counts against the exit code at `fail_on`
/// (core::CaseFailsRun with only --fail-on set).
bool CountsAsFailure(const core::CaseResult& result, core::Level fail_on);

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_CONSOLE_H_
