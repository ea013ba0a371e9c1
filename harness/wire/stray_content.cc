// Stray content (see stray_content.h). The next response is recognised by
// its HTTP-name: "HTTP/" at the start (the parser judges the rest), and,
// inside content, "HTTP/1." — a status line, not a mention of HTTP — at the
// announced end of the content or, failing that, wherever it first appears.
#include "harness/wire/stray_content.h"

#include <algorithm>

namespace httpconform::wire {
namespace {

constexpr std::string_view kName = "HTTP/";
constexpr std::string_view kStatusLineStart = "HTTP/1.";

bool IsSpace(char c) { return c == '\r' || c == '\n' || c == ' ' || c == '\t'; }

char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// 2: `bytes` starts with `word`; 1: `bytes` is a proper prefix of it (more
// may complete it); 0: neither. Case-insensitive: an HTTP-name in the wrong
// case is still a status line (the parser's status-line.version-case).
int StartsWith(std::string_view bytes, std::string_view word) {
  const std::size_t n = std::min(bytes.size(), word.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (Upper(bytes[i]) != word[i]) return 0;
  }
  return n == word.size() ? 2 : 1;
}

}  // namespace

StrayScan ScanStrayContent(std::string_view bytes, std::optional<std::uint64_t> announced,
                           bool at_end, bool continuing) {
  if (!continuing) {
    std::size_t i = 0;
    while (i < bytes.size() && IsSpace(bytes[i])) ++i;
    // Nothing yet: wait. Only line ends and blanks: the parser's (leading
    // empty lines), and settled, so that no byte is scanned twice.
    if (i == bytes.size()) return {0, i > 0 || at_end};
    const int name = StartsWith(bytes.substr(i), kName);
    if (name == 2) return {0, true};
    if (name == 1) return {0, at_end};  // Perhaps "HTTP/" still arriving.
  }
  // Stray from the first byte on: where does the next response begin?
  if (announced && *announced < bytes.size()) {
    const std::size_t end = static_cast<std::size_t>(*announced);
    const int next = StartsWith(bytes.substr(end), kStatusLineStart);
    if (next == 2) return {end, true};
    if (next == 1 && !at_end) return {end, false};
  }
  for (std::size_t p = continuing ? 0 : 1; p < bytes.size(); ++p) {
    const int next = StartsWith(bytes.substr(p), kStatusLineStart);
    if (next == 2) return {p, true};
    if (next == 1) return at_end ? StrayScan{bytes.size(), true} : StrayScan{p, false};
  }
  return {bytes.size(), at_end};
}

}  // namespace httpconform::wire
