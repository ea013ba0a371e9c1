#include "reports/golden.h"

#include <fstream>
#include <sstream>

namespace httpconform::reports {
namespace {

constexpr std::string_view kDurationSlot = "{{duration}}";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Length of a duration at actual[pos]: digits, optionally '.' and digits,
// optionally " ms" or " s"; 0 when there is none.
std::size_t DurationLength(std::string_view actual, std::size_t pos) {
  std::size_t i = pos;
  while (i < actual.size() && IsDigit(actual[i])) ++i;
  if (i == pos) return 0;
  if (i + 1 < actual.size() && actual[i] == '.' && IsDigit(actual[i + 1])) {
    ++i;
    while (i < actual.size() && IsDigit(actual[i])) ++i;
  }
  if (actual.substr(i, 3) == " ms") {
    i += 3;
  } else if (actual.substr(i, 2) == " s") {
    i += 2;
  }
  return i - pos;
}

std::string Where(std::string_view text, std::size_t pos) {
  std::size_t line = 1, start = 0;
  for (std::size_t i = 0; i < pos && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      start = i + 1;
    }
  }
  std::size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  return "line " + std::to_string(line) + ": \"" + std::string(text.substr(start, end - start)) +
         "\"";
}

}  // namespace

std::string GoldenMismatchForTesting(std::string_view actual, std::string_view golden) {
  std::size_t a = 0, g = 0;
  while (g < golden.size()) {
    if (golden.substr(g, kDurationSlot.size()) == kDurationSlot) {
      const std::size_t n = DurationLength(actual, a);
      if (n == 0) return "expected a duration at actual " + Where(actual, a);
      a += n;
      g += kDurationSlot.size();
      continue;
    }
    if (a >= actual.size() || actual[a] != golden[g]) {
      return "actual " + Where(actual, a) + "\n differs from golden " + Where(golden, g);
    }
    ++a;
    ++g;
  }
  if (a != actual.size()) return "actual has more text at " + Where(actual, a);
  return "";
}

std::string ReadFileForTesting(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  *ok = static_cast<bool>(in);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace httpconform::reports
