// Console output of a run: live progress while cases finish, then a summary.
//
// Two modes. Live (a terminal, and CI not set): one status line rewritten in
// place — done/total, failures so far, the case that just finished — with
// failures printed above it as they happen. Plain (not a terminal, or CI
// set): no carriage returns or escape sequences, one line per failure or
// error, and a progress line at each quarter of the run, so a CI log stays
// readable and short. Colour only on a terminal and never with NO_COLOR
// (https://no-color.org). The summary is a table by outcome and level, then
// every failure and error with what was acceptable and what was seen. All
// server-supplied text is made printable first: escape sequences in a
// reason phrase must not reach the terminal.
#ifndef HTTPCONFORM_CLI_CONSOLE_H_
#define HTTPCONFORM_CLI_CONSOLE_H_

#include <cstdio>
#include <string>

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

  /// Called as each case finishes.
  void Progress(const core::CaseResult& result, int done, int total);
  /// Prints the summary table, then failures and errors, then passive findings.
  void Summary(const core::RunResult& run, core::Level fail_on);

 private:
  Console(std::FILE* out, ConsoleMode mode) : out_(out), mode_(mode) {}
  std::string Paint(const char* color, const std::string& text) const;
  std::FILE* out_;
  ConsoleMode mode_;
  int failures_ = 0;
  int next_quarter_ = 1;  // Plain mode: the next quarter of the run to report.
};

/// Server text made safe for a terminal: C0/C1 controls, DEL and bidi
/// overrides shown as \xNN or \u{NNNN}; other UTF-8 kept.
std::string PrintableForTerminal(const std::string& text);

/// True when `result`'s outcome counts against the exit code at `fail_on`.
bool CountsAsFailure(const core::CaseResult& result, core::Level fail_on);

/// True when a passive finding counts against the exit code at `fail_on`.
bool FindingCounts(const core::PassiveFinding& finding, core::Level fail_on);

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_CONSOLE_H_
