// HTTP-date (RFC 9110 §5.6.7): IMF-fixdate formatting, and parsing of the
// three forms a recipient accepts (IMF-fixdate, rfc850-date, asctime-date).
// Pure functions of strings and times; tested by tables in http_date_test.cc.
#ifndef HTTPCONFORM_CORE_HTTP_DATE_H_
#define HTTPCONFORM_CORE_HTTP_DATE_H_

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace httpconform::core {

/// IMF-fixdate, e.g. "Sat, 01 Jan 2022 00:00:00 GMT" (RFC 9110 §5.6.7).
std::string FormatHttpDate(std::time_t t);
/// The obsolete RFC 850 form, e.g. "Saturday, 01-Jan-22 00:00:00 GMT" (for a fault).
std::string FormatRfc850Date(std::time_t t);
/// Parses IMF-fixdate, RFC 850 and asctime forms; nullopt when invalid.
std::optional<std::time_t> ParseHttpDate(std::string_view text);

}  // namespace httpconform::core

#endif  // HTTPCONFORM_CORE_HTTP_DATE_H_
