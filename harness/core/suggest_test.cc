#include "harness/core/suggest.h"

#include <gtest/gtest.h>

namespace httpconform::core {
namespace {

TEST(SuggestTest, EditDistance) {
  EXPECT_EQ(EditDistance("", ""), 0u);
  EXPECT_EQ(EditDistance("expect", "expcet"), 2u);
  EXPECT_EQ(EditDistance("resource", "resouce"), 1u);
  EXPECT_EQ(EditDistance("abc", ""), 3u);
}

TEST(SuggestTest, ClosestWithinTwoEdits) {
  const std::vector<std::string> names = {"request", "require", "expect", "capture"};
  EXPECT_EQ(ClosestName("expcet", names), "expect");
  EXPECT_EQ(ClosestName("requir", names), "require");
  EXPECT_EQ(ClosestName("zzzzzz", names), "");
  // A one-letter name is not "two edits from" every other one-letter name.
  EXPECT_EQ(ClosestName("b", {"a"}), "");
}

}  // namespace
}  // namespace httpconform::core
