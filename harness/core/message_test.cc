#include "harness/core/message.h"

#include <gtest/gtest.h>

#include "harness/core/expected.h"

namespace httpconform::core {
namespace {

TEST(MessageTest, FindFieldIsCaseInsensitive) {
  Fields fields = {{"Content-Type", "text/plain"}, {"etag", "\"a\""}};
  ASSERT_NE(FindField(fields, "ETag"), nullptr);
  EXPECT_EQ(FindField(fields, "ETAG")->value, "\"a\"");
  EXPECT_EQ(FindField(fields, "Allow"), nullptr);
}

TEST(MessageTest, ListMembersSplitOutsideQuotes) {
  Fields fields = {{"If-None-Match", "\"a,b\", W/\"c\" ,,"}, {"if-none-match", "\"d\""}};
  std::vector<std::string> members = FieldListMembers(fields, "If-None-Match");
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(members[0], "\"a,b\"");
  EXPECT_EQ(members[1], "W/\"c\"");
  EXPECT_EQ(members[2], "\"d\"");
}

TEST(MessageTest, EqualsIgnoreCaseFoldsAsciiLettersOnly) {
  // Every byte pair against the definition: equal, or the same ASCII letter
  // in either case. Bytes past 0x7F and the neighbours of the letter ranges
  // ('@', '[', '`', '{') must not fold.
  const auto lower = [](int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; };
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      const char x = static_cast<char>(a);
      const char y = static_cast<char>(b);
      ASSERT_EQ(EqualsIgnoreCase(std::string_view(&x, 1), std::string_view(&y, 1)),
                lower(a) == lower(b))
          << a << " " << b;
    }
  }
  EXPECT_TRUE(EqualsIgnoreCase("Transfer-Encoding", "transfer-ENCODING"));
  EXPECT_FALSE(EqualsIgnoreCase("chunked", "chunke"));
  EXPECT_FALSE(EqualsIgnoreCase("chunked", "chunkee"));
  EXPECT_TRUE(EqualsIgnoreCase("", ""));
}

TEST(MessageTest, FieldValuesKeepsOrder) {
  Fields fields = {{"Vary", "a"}, {"X", "y"}, {"vary", "b"}};
  EXPECT_EQ(FieldValues(fields, "Vary"), (std::vector<std::string>{"a", "b"}));
}

TEST(ExpectedTest, CarriesValueOrError) {
  Expected<int> ok(3);
  ASSERT_TRUE(ok);
  EXPECT_EQ(*ok, 3);
  Expected<int> bad(MakeError("connect", "refused"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "connect");
  Expected<void> done;
  EXPECT_TRUE(done);
  Expected<void> failed(MakeError("x", "y"));
  EXPECT_FALSE(failed);
}

}  // namespace
}  // namespace httpconform::core
