// Date, entity-tag and Range parsing. Parsers here are strict to the ABNF of
// RFC 9110: anything that does not match is "invalid", and the caller decides
// what invalid means for its field (ignore an If-Modified-Since, ignore a
// Range). Dates go through timegm() so no local time zone leaks in.
#include "harness/server/semantics.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "harness/core/message.h"

namespace httpconform::server {
namespace {

const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
const char* const kLongDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                 "Thursday", "Friday", "Saturday"};
const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at `pos`; advances pos.
bool Digits(std::string_view s, std::size_t& pos, int n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    if (!IsDigit(s[pos + i])) return false;
    v = v * 10 + (s[pos + i] - '0');
  }
  pos += n;
  out = v;
  return true;
}

bool Literal(std::string_view s, std::size_t& pos, std::string_view lit) {
  if (s.substr(pos, lit.size()) != lit) return false;
  pos += lit.size();
  return true;
}

// Day names and months are case-sensitive (%s"..." in RFC 9110 §5.6.7).
bool Month(std::string_view s, std::size_t& pos, int& month) {
  for (int i = 0; i < 12; ++i) {
    if (s.substr(pos, 3) == kMonths[i]) {
      pos += 3;
      month = i;
      return true;
    }
  }
  return false;
}

bool TimeOfDay(std::string_view s, std::size_t& pos, std::tm& tm) {
  int h, m, sec;
  if (!Digits(s, pos, 2, h) || !Literal(s, pos, ":") || !Digits(s, pos, 2, m) ||
      !Literal(s, pos, ":") || !Digits(s, pos, 2, sec)) {
    return false;
  }
  // §5.6.7: hour 00-23, minute 00-59, second 00-60 (leap second).
  if (h > 23 || m > 59 || sec > 60) return false;
  tm.tm_hour = h;
  tm.tm_min = m;
  tm.tm_sec = sec;
  return true;
}

std::optional<std::time_t> Finish(std::tm tm, int day_of_week) {
  if (tm.tm_mday < 1 || tm.tm_mday > 31) return std::nullopt;
  const int mday = tm.tm_mday;
  const int mon = tm.tm_mon;
  std::time_t t = timegm(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  // timegm normalises 31 Feb to 3 Mar; such a date is invalid, not another day.
  std::tm check{};
  gmtime_r(&t, &check);
  if (check.tm_mday != mday || check.tm_mon != mon) return std::nullopt;
  // A day name that contradicts the date is not a valid HTTP-date either.
  if (check.tm_wday != day_of_week) return std::nullopt;
  return t;
}

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

std::string FormatHttpDate(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string FormatRfc850Date(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d-%s-%02d %02d:%02d:%02d GMT", kLongDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year % 100, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::optional<std::time_t> ParseHttpDate(std::string_view s) {
  std::tm tm{};
  std::size_t pos = 0;
  int wday = -1;
  // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
  for (int i = 0; i < 7; ++i) {
    if (s.substr(0, 4) == std::string(kDays[i]) + ",") wday = i;
  }
  if (wday >= 0) {
    pos = 4;
    int day, year, month;
    if (Literal(s, pos, " ") && Digits(s, pos, 2, day) && Literal(s, pos, " ") &&
        Month(s, pos, month) && Literal(s, pos, " ") && Digits(s, pos, 4, year) &&
        Literal(s, pos, " ") && TimeOfDay(s, pos, tm) && Literal(s, pos, " GMT") &&
        pos == s.size()) {
      tm.tm_mday = day;
      tm.tm_mon = month;
      tm.tm_year = year - 1900;
      return Finish(tm, wday);
    }
    return std::nullopt;
  }
  // rfc850-date: "Sunday, 06-Nov-94 08:49:37 GMT".
  for (int i = 0; i < 7; ++i) {
    std::string prefix = std::string(kLongDays[i]) + ",";
    if (s.substr(0, prefix.size()) == prefix) {
      pos = prefix.size();
      int day, yy, month;
      if (Literal(s, pos, " ") && Digits(s, pos, 2, day) && Literal(s, pos, "-") &&
          Month(s, pos, month) && Literal(s, pos, "-") && Digits(s, pos, 2, yy) &&
          Literal(s, pos, " ") && TimeOfDay(s, pos, tm) && Literal(s, pos, " GMT") &&
          pos == s.size()) {
        // §5.6.7: a two-digit year more than 50 years in the future means the
        // most recent past year with the same last two digits.
        std::time_t now = std::time(nullptr);
        std::tm now_tm{};
        gmtime_r(&now, &now_tm);
        int this_year = now_tm.tm_year + 1900;
        int year = (this_year / 100) * 100 + yy;
        if (year > this_year + 50) year -= 100;
        tm.tm_mday = day;
        tm.tm_mon = month;
        tm.tm_year = year - 1900;
        return Finish(tm, i);
      }
      return std::nullopt;
    }
  }
  // asctime-date: "Sun Nov  6 08:49:37 1994".
  for (int i = 0; i < 7; ++i) {
    if (s.substr(0, 4) == std::string(kDays[i]) + " ") wday = i;
  }
  if (wday < 0) return std::nullopt;
  pos = 4;
  int month, day, year;
  if (!Month(s, pos, month) || !Literal(s, pos, " ")) return std::nullopt;
  if (pos < s.size() && s[pos] == ' ') {
    ++pos;
    if (!Digits(s, pos, 1, day)) return std::nullopt;
  } else if (!Digits(s, pos, 2, day)) {
    return std::nullopt;
  }
  if (!Literal(s, pos, " ") || !TimeOfDay(s, pos, tm) || !Literal(s, pos, " ") ||
      !Digits(s, pos, 4, year) || pos != s.size()) {
    return std::nullopt;
  }
  tm.tm_mday = day;
  tm.tm_mon = month;
  tm.tm_year = year - 1900;
  return Finish(tm, wday);
}

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
