// Expected-output ("golden") files for report and console tests. A golden
// file is the exact expected text except for slots that stand for values
// that vary from run to run: {{duration}} matches a duration as the writers
// print it ("42.5 ms", "1.25 s", "0.001"). Test-only.
#ifndef HTTPCONFORM_REPORTS_GOLDEN_H_
#define HTTPCONFORM_REPORTS_GOLDEN_H_

#include <string>
#include <string_view>

namespace httpconform::reports {

/// "" when `actual` matches `golden` (with its slots); otherwise where and how it differs.
std::string GoldenMismatchForTesting(std::string_view actual, std::string_view golden);

/// The content of `path`, or "" with *ok false.
std::string ReadFileForTesting(const std::string& path, bool* ok);

}  // namespace httpconform::reports

#endif  // HTTPCONFORM_REPORTS_GOLDEN_H_
