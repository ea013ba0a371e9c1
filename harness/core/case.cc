#include "harness/core/case.h"

#include "harness/core/message.h"

namespace httpconform::core {

const char* LevelName(Level level) {
  switch (level) {
    case Level::kMust:
      return "MUST";
    case Level::kShould:
      return "SHOULD";
    case Level::kMay:
      return "MAY";
  }
  return "MUST";
}

std::optional<Level> ParseLevel(const std::string& text) {
  if (EqualsIgnoreCase(text, "MUST")) return Level::kMust;
  if (EqualsIgnoreCase(text, "SHOULD")) return Level::kShould;
  if (EqualsIgnoreCase(text, "MAY")) return Level::kMay;
  return std::nullopt;
}

}  // namespace httpconform::core
