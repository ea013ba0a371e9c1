// Validators for numeric flags that speak the tool's words: "--jobs: not an
// integer: abc", "--timeout: 0 is not in 0.05..600 seconds". They check the
// text before CLI11 converts it (a validator sees the string), so CLI11's own
// "could not be converted" or "Value 0.000000 not in range" never shows.
#ifndef HTTPCONFORM_CLI_FLAG_CHECKS_H_
#define HTTPCONFORM_CLI_FLAG_CHECKS_H_

#include <CLI/CLI.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace httpconform::cli {

/// A decimal integer (optional sign) in lo..hi.
CLI::Validator IntegerIn(std::int64_t lo, std::int64_t hi);
/// A finite number of seconds in lo..hi.
CLI::Validator SecondsIn(double lo, double hi);
/// --http: 1.1, 2, or 1.1,2 (core::ParseHttpVersions).
CLI::Validator HttpVersions();

/// Adds each --var NAME=VALUE of `flags` to *vars (a later one wins); on one
/// that is not NAME=VALUE, says so on stderr as `command` and returns false.
bool ParseVarFlags(const std::vector<std::string>& flags, const char* command,
                   std::map<std::string, std::string>* vars);

/// The message of IntegerIn for `text`, "" when it is valid (for tests).
std::string IntegerError(const std::string& text, std::int64_t lo, std::int64_t hi);
/// The message of SecondsIn for `text`, "" when it is valid (for tests).
std::string SecondsError(const std::string& text, double lo, double hi);

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_FLAG_CHECKS_H_
