// Entity-tag and Range parsing (dates: core/http_date.cc). Parsers here are
// strict to the ABNF of RFC 9110: anything that does not match is "invalid",
// and the caller decides what invalid means for its field (ignore an
// If-Modified-Since, ignore a Range).
#include "harness/server/semantics.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "harness/core/message.h"

namespace httpconform::server {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// 1*DIGIT into a 64-bit value; false on overflow or no digits.
bool ParsePos(std::string_view s, std::uint64_t& out) {
  if (s.empty()) return false;
  std::uint64_t v = 0;
  for (char c : s) {
    if (!IsDigit(c)) return false;
    if (v > (UINT64_MAX - 9) / 10) return false;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  out = v;
  return true;
}

bool EqualsIgnoreCaseAscii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

std::optional<EntityTag> ParseEntityTag(std::string_view text) {
  EntityTag tag;
  if (text.substr(0, 2) == "W/") {
    tag.weak = true;
    text.remove_prefix(2);
  }
  if (text.size() < 2 || text.front() != '"' || text.back() != '"') return std::nullopt;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    // etagc = %x21 / %x23-7E / obs-text (§8.8.3).
    if (!(c == 0x21 || (c >= 0x23 && c <= 0x7e) || c >= 0x80)) return std::nullopt;
  }
  tag.opaque = std::string(text);
  return tag;
}

bool StrongMatch(const EntityTag& a, const EntityTag& b) {
  return !a.weak && !b.weak && a.opaque == b.opaque;
}

bool WeakMatch(const EntityTag& a, const EntityTag& b) { return a.opaque == b.opaque; }

bool EntityTagListMatches(const std::vector<std::string>& members, const EntityTag& current,
                          bool strong) {
  for (const std::string& member : members) {
    // "*" matches any current representation (§13.1.1, §13.1.2); every
    // resource that reaches precondition evaluation has one.
    if (member == "*") return true;
    std::optional<EntityTag> tag = ParseEntityTag(member);
    if (!tag) continue;
    if (strong ? StrongMatch(*tag, current) : WeakMatch(*tag, current)) return true;
  }
  return false;
}

RangeRequest ParseRange(std::string_view value, std::uint64_t length) {
  RangeRequest out;
  std::size_t eq = value.find('=');
  if (eq == std::string_view::npos) {
    out.kind = RangeRequest::Kind::kInvalid;
    return out;
  }
  std::string_view unit = value.substr(0, eq);
  // Range units are case-insensitive (§14.1). A unit that is not a token
  // (e.g. with spaces) makes the whole specifier invalid.
  for (char c : unit) {
    if (c == ' ' || c == '\t' || c == ',' || c == '"') {
      out.kind = RangeRequest::Kind::kInvalid;
      return out;
    }
  }
  if (unit.empty()) {
    out.kind = RangeRequest::Kind::kInvalid;
    return out;
  }
  if (!EqualsIgnoreCaseAscii(unit, "bytes")) {
    out.kind = RangeRequest::Kind::kUnknownUnit;
    return out;
  }
  std::string_view set = value.substr(eq + 1);
  bool any_spec = false;
  std::size_t start = 0;
  while (start <= set.size()) {
    std::size_t comma = set.find(',', start);
    if (comma == std::string_view::npos) comma = set.size();
    std::string_view spec = TrimOws(set.substr(start, comma - start));
    start = comma + 1;
    if (spec.empty()) continue;  // Empty list elements are allowed (§5.6.1).
    any_spec = true;
    std::size_t dash = spec.find('-');
    if (dash == std::string_view::npos) {
      out.kind = RangeRequest::Kind::kInvalid;
      out.ranges.clear();
      return out;
    }
    std::string_view first_text = spec.substr(0, dash);
    std::string_view last_text = spec.substr(dash + 1);
    if (first_text.empty()) {
      // suffix-range = "-" suffix-length
      std::uint64_t suffix;
      if (!ParsePos(last_text, suffix)) {
        out.kind = RangeRequest::Kind::kInvalid;
        out.ranges.clear();
        return out;
      }
      if (suffix == 0 || length == 0) continue;  // Unsatisfiable (§14.1.1).
      std::uint64_t n = suffix < length ? suffix : length;
      out.ranges.push_back({length - n, length - 1});
      continue;
    }
    std::uint64_t first, last = UINT64_MAX;
    if (!ParsePos(first_text, first) || (!last_text.empty() && !ParsePos(last_text, last)) ||
        last < first) {
      // An int-range is invalid if last-pos < first-pos (§14.1.1).
      out.kind = RangeRequest::Kind::kInvalid;
      out.ranges.clear();
      return out;
    }
    if (first >= length) continue;          // Unsatisfiable: starts past the end.
    if (last >= length) last = length - 1;  // Clipped to the length (§14.1.2).
    out.ranges.push_back({first, last});
  }
  if (!any_spec) {
    out.kind = RangeRequest::Kind::kInvalid;
    return out;
  }
  out.kind =
      out.ranges.empty() ? RangeRequest::Kind::kUnsatisfiable : RangeRequest::Kind::kSatisfiable;
  return out;
}

std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  bool trailing_slash = false;
  while (pos < path.size()) {
    std::size_t slash = path.find('/', pos + 1);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view segment = path.substr(pos, slash - pos);  // "/name" or "name".
    if (!segment.empty() && segment[0] == '/') segment.remove_prefix(1);
    trailing_slash = segment == "." || segment == "..";
    if (segment == "..") {
      if (!out.empty()) out.pop_back();
    } else if (segment != ".") {
      out.emplace_back(segment);
    }
    pos = slash;
  }
  std::string result;
  for (const std::string& segment : out) result += "/" + segment;
  if (trailing_slash || result.empty()) result += "/";
  return result;
}

bool IsRecognizedRequestField(std::string_view name) {
  static const char* const kKnown[] = {"Host",
                                       "User-Agent",
                                       "Accept",
                                       "Accept-Encoding",
                                       "Accept-Language",
                                       "Accept-Charset",
                                       "Connection",
                                       "Keep-Alive",
                                       "Content-Length",
                                       "Content-Type",
                                       "Content-Encoding",
                                       "Content-Language",
                                       "Content-Location",
                                       "Content-Range",
                                       "Transfer-Encoding",
                                       "TE",
                                       "Trailer",
                                       "Expect",
                                       "Upgrade",
                                       "If-Match",
                                       "If-None-Match",
                                       "If-Modified-Since",
                                       "If-Unmodified-Since",
                                       "If-Range",
                                       "Range",
                                       "Authorization",
                                       "Proxy-Authorization",
                                       "Max-Forwards",
                                       "Via",
                                       "From",
                                       "Referer",
                                       "Cache-Control",
                                       "Pragma",
                                       "Date",
                                       "Cookie",
                                       "Origin",
                                       "Sec-WebSocket-Key",
                                       "Sec-WebSocket-Version",
                                       "Sec-WebSocket-Protocol",
                                       "Sec-WebSocket-Extensions"};
  for (const char* known : kKnown) {
    if (core::EqualsIgnoreCase(name, known)) return true;
  }
  return false;
}

bool AcceptsTextPlain(const core::Fields& fields) {
  if (core::FindField(fields, "Accept") == nullptr) return true;
  int best_specificity = -1;
  double best_q = 0;
  for (const std::string& member : core::FieldListMembers(fields, "Accept")) {
    std::string range = member.substr(0, member.find(';'));
    while (!range.empty() && (range.back() == ' ' || range.back() == '\t')) range.pop_back();
    double q = 1;
    std::size_t qpos = member.find(";");
    while (qpos != std::string::npos) {
      std::size_t start = qpos + 1;
      while (start < member.size() && (member[start] == ' ' || member[start] == '\t')) ++start;
      if (start + 1 < member.size() && (member[start] == 'q' || member[start] == 'Q') &&
          member[start + 1] == '=') {
        q = std::strtod(member.c_str() + start + 2, nullptr);
      }
      qpos = member.find(';', start);
    }
    int specificity = -1;
    if (core::EqualsIgnoreCase(range, "text/plain"))
      specificity = 2;
    else if (core::EqualsIgnoreCase(range, "text/*"))
      specificity = 1;
    else if (range == "*/*")
      specificity = 0;
    if (specificity > best_specificity) {
      best_specificity = specificity;
      best_q = q;
    }
  }
  return best_specificity >= 0 && best_q > 0;
}

}  // namespace httpconform::server
