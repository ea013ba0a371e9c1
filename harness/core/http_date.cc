// HTTP-date (RFC 9110 §5.6.7): formatting as IMF-fixdate and parsing of all
// three forms. Strict to the ABNF: anything that does not match is invalid,
// and the caller decides what invalid means for its field. Dates go through
// timegm() so no local time zone leaks in. Shared by the reference server
// (Date, Last-Modified, conditionals) and the runner's passive rules.
#include "harness/core/http_date.h"

#include <cstdio>
#include <string>

namespace httpconform::core {
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

}  // namespace httpconform::core
