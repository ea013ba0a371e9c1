// Table tests for HTTP-date formatting and parsing (RFC 9110 §5.6.7).
#include "harness/core/http_date.h"

#include <gtest/gtest.h>

namespace httpconform::core {
namespace {

constexpr std::time_t kNov6 = 784111777;  // Sun, 06 Nov 1994 08:49:37 GMT (RFC 9110 §5.6.7).

TEST(HttpDateTest, FormatsImfFixdate) {
  EXPECT_EQ(FormatHttpDate(kNov6), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(FormatHttpDate(1640995200), "Sat, 01 Jan 2022 00:00:00 GMT");
  EXPECT_EQ(FormatRfc850Date(kNov6), "Sunday, 06-Nov-94 08:49:37 GMT");
}

TEST(HttpDateTest, ParsesAllThreeFormats) {
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), std::optional<std::time_t>(kNov6));
  EXPECT_EQ(ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), std::optional<std::time_t>(kNov6));
  EXPECT_EQ(ParseHttpDate("Sun Nov  6 08:49:37 1994"), std::optional<std::time_t>(kNov6));
  EXPECT_EQ(ParseHttpDate("Sat, 01 Jan 2022 00:00:00 GMT"), std::optional<std::time_t>(1640995200));
}

TEST(HttpDateTest, RejectsInvalidDates) {
  const char* const kInvalid[] = {
      "",
      "yesterday",
      "Sun, 06 Nov 1994 08:49:37 UTC",   // Must be GMT.
      "sun, 06 Nov 1994 08:49:37 GMT",   // Day names are case-sensitive.
      "Sun, 06 nov 1994 08:49:37 GMT",   // So are months.
      "Sun, 6 Nov 1994 08:49:37 GMT",    // day is 2DIGIT.
      "Sun, 06 Nov 1994 24:00:00 GMT",   // hour 00-23.
      "Mon, 06 Nov 1994 08:49:37 GMT",   // Wrong day of the week.
      "Sun, 31 Feb 1994 08:49:37 GMT",   // No such day.
      "Sun, 06 Nov 1994 08:49:37 GMT ",  // Trailing space.
      "Sun, 06 Nov 1994 08:49:37 GMT, Sun, 06 Nov 1994 08:49:37 GMT",  // A list.
      "Sunday, 06-Nov-1994 08:49:37 GMT",
      "Sun Nov 6 08:49:37 1994",  // asctime pads the day with a space.
      "1994-11-06T08:49:37Z",
  };
  for (const char* text : kInvalid) EXPECT_FALSE(ParseHttpDate(text).has_value()) << text;
}

}  // namespace
}  // namespace httpconform::core
