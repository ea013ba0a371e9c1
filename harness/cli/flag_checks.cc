#include "harness/cli/flag_checks.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "harness/core/versions.h"

namespace httpconform::cli {
namespace {

// "%g" without the noise: 0.05, 600, 86400.
std::string Number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", v);
  return buffer;
}

}  // namespace

std::string IntegerError(const std::string& text, std::int64_t lo, std::int64_t hi) {
  const std::string range = std::to_string(lo) + ".." + std::to_string(hi);
  std::size_t i = text.empty() || (text[0] != '-' && text[0] != '+') ? 0 : 1;
  if (i == text.size()) return "not an integer: \"" + text + "\" (want " + range + ")";
  for (std::size_t j = i; j < text.size(); ++j) {
    if (text[j] < '0' || text[j] > '9') {
      return "not an integer: \"" + text + "\" (want " + range + ")";
    }
  }
  errno = 0;
  const long long value = std::strtoll(text.c_str(), nullptr, 10);
  if (errno == ERANGE || value < lo || value > hi) return text + " is not in " + range;
  return "";
}

std::string SecondsError(const std::string& text, double lo, double hi) {
  const std::string range = Number(lo) + ".." + Number(hi) + " seconds";
  char* end = nullptr;
  errno = 0;
  const double value = text.empty() ? 0 : std::strtod(text.c_str(), &end);
  if (text.empty() || end == nullptr || *end != '\0' || !std::isfinite(value)) {
    return "not a number of seconds: \"" + text + "\" (want " + range + ")";
  }
  if (value < lo || value > hi) return text + " is not in " + range;
  return "";
}

CLI::Validator IntegerIn(std::int64_t lo, std::int64_t hi) {
  return CLI::Validator([lo, hi](std::string& text) { return IntegerError(text, lo, hi); },
                        std::to_string(lo) + ".." + std::to_string(hi));
}

CLI::Validator SecondsIn(double lo, double hi) {
  return CLI::Validator([lo, hi](std::string& text) { return SecondsError(text, lo, hi); },
                        Number(lo) + ".." + Number(hi) + " s");
}

bool ParseVarFlags(const std::vector<std::string>& flags, const char* command,
                   std::map<std::string, std::string>* vars) {
  for (const std::string& v : flags) {
    const std::size_t eq = v.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::fprintf(stderr, "httpconform %s: --var takes NAME=VALUE (got \"%s\")\n", command,
                   v.c_str());
      return false;
    }
    (*vars)[v.substr(0, eq)] = v.substr(eq + 1);
  }
  return true;
}

CLI::Validator HttpVersions() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (core::ParseHttpVersions(value)) return "";
        return "--http must be 1.1, 2 or 1.1,2 (got \"" + value + "\")";
      },
      "1.1|2|1.1,2");
}

}  // namespace httpconform::cli
