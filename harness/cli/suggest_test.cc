// "Did you mean": edit distance and the nearest candidates, one row per case.
#include "harness/cli/suggest.h"

#include <gtest/gtest.h>

#include "harness/core/edit_distance.h"

namespace httpconform::cli {
namespace {

TEST(SuggestTest, EditDistanceTable) {
  struct Row {
    const char* a;
    const char* b;
    std::size_t distance;
  };
  const Row rows[] = {
      {"", "", 0},
      {"range", "range", 0},
      {"rnage", "range", 2},
      {"rang", "range", 1},
      {"ranges", "range", 1},
      {"", "abc", 3},
      {"kitten", "sitting", 3},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(core::EditDistance(r.a, r.b), r.distance) << r.a << " / " << r.b;
    EXPECT_EQ(core::EditDistance(r.b, r.a), r.distance) << r.b << " / " << r.a;
  }
}

TEST(SuggestTest, ClosestFirstThenContainingThenOrder) {
  const std::vector<std::string> ids = {"methods.", "methods.trace.", "methods.trace.x",
                                        "range.",   "range.single",   "methods."};
  EXPECT_EQ(Closest("methods.trcae", ids, 3),
            (std::vector<std::string>{"methods.trace.", "methods.trace.x", "methods."}));
  // A word inside an id ranks right after an exact match.
  EXPECT_EQ(Closest("trace", ids, 2),
            (std::vector<std::string>{"methods.trace.", "methods.trace.x"}));
  EXPECT_EQ(Closest("range.", ids, 1), (std::vector<std::string>{"range."}));
  // Duplicates dropped; never more than there are.
  EXPECT_EQ(Closest("zzz", {"a", "a"}, 5), (std::vector<std::string>{"a"}));
  EXPECT_EQ(JoinComma({"a", "b", "c"}), "a, b, c");
}

}  // namespace
}  // namespace httpconform::cli
