// Fuzz target: the case loader (JSON case files with comments, the
// file:line:column locator, the schema rules a schema cannot express).
//
// Caps: input at most 256 KiB (twice the largest case library file, so every
// file seeds the corpus whole); case_loader.options sets max_len to 64 KiB so
// that mutated inputs stay small and fast (the loader is linear).
//
// Invariants: LoadCaseFile succeeds exactly when LintCaseFile finds nothing,
// and when it fails its message is the first lint problem, formatted
// (loader.h); every problem's line and column lie inside the input; a
// loaded case has a non-empty id and at least one step.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "harness/loader/loader.h"

namespace {

constexpr std::size_t kMaxInput = 256 * 1024;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace httpconform;
  if (size > kMaxInput) return -1;
  const loader::SourceFile file{"fuzz.json",
                                std::string(reinterpret_cast<const char*>(data), size)};
  const auto loaded = loader::LoadCaseFile(file);
  const std::vector<loader::LoadError> problems = loader::LintCaseFile(file);

  const int lines = 1 + static_cast<int>(std::count(file.text.begin(), file.text.end(), '\n'));
  for (const loader::LoadError& problem : problems) {
    const std::string text = problem.Format();
    fuzz::Check(problem.line >= 0 && problem.line <= lines, "problem line outside the input", text);
    fuzz::Check(problem.column >= 0 && static_cast<std::size_t>(problem.column) <= size + 1,
                "problem column outside the input", text);
    fuzz::Check(!problem.message.empty(), "problem without a message", text);
  }
  if (loaded) {
    fuzz::Check(problems.empty(), "loaded, but lint found problems",
                problems.empty() ? "" : problems.front().Format());
    for (const core::Case& c : loaded.value()) {
      fuzz::Check(!c.id.empty(), "loaded a case without an id");
      fuzz::Check(!c.steps.empty(), "loaded a case without steps", c.id);
    }
  } else {
    fuzz::Check(!problems.empty(), "load failed, but lint found nothing", loaded.error().message);
    fuzz::Check(loaded.error().message == problems.front().Format(),
                "load error is not the first lint problem", loaded.error().message,
                problems.front().Format());
  }
  return 0;
}
