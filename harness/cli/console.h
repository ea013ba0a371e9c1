// Console output of a run: live progress while cases finish (a rewritten
// status line on a terminal; one plain line per failure elsewhere, or when
// CI is set), then a summary with each failure's expected and actual.
// NO_COLOR turns colour off.
#ifndef HTTPCONFORM_CLI_CONSOLE_H_
#define HTTPCONFORM_CLI_CONSOLE_H_

#include <cstdio>
#include <string>

#include "harness/core/result.h"

namespace httpconform::cli {

/// Progress and summary printer.
class Console {
 public:
  /// Decides TTY and colour from `out` and the environment.
  explicit Console(std::FILE* out);

  /// Called as each case finishes.
  void Progress(const core::CaseResult& result, int done, int total);
  /// Prints the summary, failures first.
  void Summary(const core::RunResult& run, core::Level fail_on);

 private:
  std::string Paint(const char* color, const std::string& text) const;
  std::FILE* out_;
  bool live_ = false;
  bool color_ = false;
  int failures_ = 0;
};

/// True when `result`'s outcome counts against the exit code at `fail_on`.
bool CountsAsFailure(const core::CaseResult& result, core::Level fail_on);

/// True when a passive finding counts against the exit code at `fail_on`.
bool FindingCounts(const core::PassiveFinding& finding, core::Level fail_on);

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_CONSOLE_H_
