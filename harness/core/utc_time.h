// The current time in UTC as text: report timestamps (RFC 3339) and dates
// (baselines), written by the run, the fuzzing campaign and the CI workflow.
#ifndef HTTPCONFORM_CORE_UTC_TIME_H_
#define HTTPCONFORM_CORE_UTC_TIME_H_

#include <string>

namespace httpconform::core {

/// Now, in UTC, formatted by strftime `format` (at most 63 bytes of output),
/// e.g. "%Y-%m-%dT%H:%M:%SZ" or "%Y-%m-%d".
std::string FormatUtcNow(const char* format);

}  // namespace httpconform::core

#endif  // HTTPCONFORM_CORE_UTC_TIME_H_
