#include "harness/core/bcp14.h"

#include <gtest/gtest.h>

#include <set>

#include "harness/core/status_registry.h"

namespace httpconform::core {
namespace {

std::string Keywords(const std::string& text) {
  std::string out;
  for (const KeywordUse& k : FindKeywords(text)) {
    out += (out.empty() ? "" : "|") + k.keyword + "@" + std::to_string(k.offset);
  }
  return out;
}

TEST(Bcp14Test, FindsKeywordsAsWholeCapitalWords) {
  struct Row {
    const char* text;
    const char* want;
  } rows[] = {
      {"A server MUST send it.", "MUST@9"},
      {"A server MUST NOT send it.", "MUST NOT@9"},
      {"a server MUST\n   NOT send it", "MUST NOT@9"},
      {"SHALL NOT and SHALL", "SHALL NOT@0|SHALL@14"},
      {"SHOULD NOT, NOT RECOMMENDED, RECOMMENDED",
       "SHOULD NOT@0|NOT RECOMMENDED@12|RECOMMENDED@29"},
      {"MAY or OPTIONAL; REQUIRED.", "MAY@0|OPTIONAL@7|REQUIRED@17"},
      // Prose in lower case, and longer words, are not keywords (RFC 8174).
      {"a server must send it; it may not", ""},
      {"OPTIONS * and MAYBE and MUSTARD and NOTMAY", ""},
      {"the NOT of it", ""},
      {"(MUST)", "MUST@1"},
  };
  for (const Row& r : rows) EXPECT_EQ(Keywords(r.text), r.want) << r.text;
}

TEST(Bcp14Test, LevelIsTheQuotesKeyword) {
  EXPECT_FALSE(CheckQuoteLevel("A server MUST NOT send it.", Level::kMust));
  EXPECT_FALSE(CheckQuoteLevel("It SHOULD send it and SHOULD NOT send that.", Level::kShould));
  EXPECT_FALSE(CheckQuoteLevel("The server MAY send a Retry-After header field", Level::kMay));
  EXPECT_FALSE(CheckQuoteLevel("It is REQUIRED ... and SHALL be sent.", Level::kMust));

  // A MUST case quoting a SHOULD sentence: the level is wrong (point at it).
  auto wrong = CheckQuoteLevel("The server SHOULD generate a Location header field", Level::kMust);
  ASSERT_TRUE(wrong);
  EXPECT_FALSE(wrong->quote_offset);
  EXPECT_NE(wrong->message.find("\"SHOULD\""), std::string::npos) << wrong->message;

  // No keyword at all: point at the quote's start.
  auto none = CheckQuoteLevel("More than one response message per request only occurs when ...",
                              Level::kMust);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->quote_offset, std::size_t{0});

  // A SHOULD sentence with an unrelated MUST cannot carry a MUST case: two
  // levels are refused whichever the case declares, pointing at the keyword
  // of the other level.
  const std::string mixed = "It SHOULD send X; a client MUST ignore Y.";
  auto as_must = CheckQuoteLevel(mixed, Level::kMust);
  ASSERT_TRUE(as_must);
  EXPECT_EQ(as_must->quote_offset, std::size_t{3});  // The SHOULD.
  auto as_should = CheckQuoteLevel(mixed, Level::kShould);
  ASSERT_TRUE(as_should);
  EXPECT_EQ(as_should->quote_offset, mixed.find("MUST"));
  auto as_may = CheckQuoteLevel(mixed, Level::kMay);
  ASSERT_TRUE(as_may);
  EXPECT_TRUE(as_may->quote_offset);
}

// The passive rules' quotes follow the same rule where they have a keyword.
// These state what a message is (RFC 9110 §15, §15.2, §15.3.5, §15.4.5;
// RFC 9112 §2.1) without a keyword; they stay MUST, and are the only ones.
TEST(Bcp14Test, StatusRuleQuotesStateTheirLevel) {
  const std::set<std::string> definitional = {"status.range", "no-content.1xx", "no-content.204",
                                              "no-content.304", "wire.well-formed"};
  for (const StatusRule& r : AllStatusRules()) {
    std::optional<KeywordProblem> problem = CheckQuoteLevel(r.quote, r.level);
    if (definitional.count(r.id)) {
      EXPECT_TRUE(FindKeywords(r.quote).empty()) << r.id;
      EXPECT_EQ(r.level, Level::kMust) << r.id;
      continue;
    }
    EXPECT_FALSE(problem) << r.id << ": " << (problem ? problem->message : "");
  }
}

}  // namespace
}  // namespace httpconform::core
