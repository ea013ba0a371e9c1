#include "reports/json_error.h"

namespace httpconform::reports {

std::string JsonSyntaxError(const std::string& what) {
  std::string text = what;
  // "[json.exception.parse_error.101] " names the library, not the problem.
  if (!text.empty() && text[0] == '[') {
    const std::size_t close = text.find("] ");
    if (close != std::string::npos) text.erase(0, close + 2);
  }
  const std::string at = "parse error at ";
  if (text.rfind(at, 0) == 0) text.erase(0, at.size());
  const std::string parse_error = "parse error: ";
  if (text.rfind(parse_error, 0) == 0) text.erase(0, parse_error.size());
  // "syntax error while parsing object key - " says where in the grammar.
  const std::size_t dash = text.find(" - ");
  const std::size_t colon = text.find(": ");
  if (dash != std::string::npos && colon != std::string::npos && dash > colon) {
    text.erase(colon + 2, dash + 3 - colon - 2);
  }
  // "; last read: '...'" repeats input, sometimes whole lines of it.
  const std::size_t last = text.find("; last read: ");
  if (last != std::string::npos) text.resize(last);
  return "not valid JSON: " + text;
}

}  // namespace httpconform::reports
