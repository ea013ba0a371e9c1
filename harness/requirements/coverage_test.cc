#include "harness/requirements/coverage.h"

#include <gtest/gtest.h>

namespace httpconform::requirements {
namespace {

using core::Level;

Requirement Req(const std::string& id, const std::string& section, Level level,
                const std::string& text, const std::string& context = "",
                const std::string& lead_in = "") {
  Requirement r;
  r.id = id;
  r.rfc = 9110;
  r.section = section;
  r.level = level;
  r.text = text;
  r.context = context;
  r.lead_in = lead_in;
  r.observable = Observable::kOrigin;
  return r;
}

Quote Q(const std::string& text, Level level = Level::kMust, const std::string& section = "8.6",
        int rfc = 9110) {
  return Quote{"case", rfc, section, level, text};
}

const Requirement kMixed =
    Req("9110-8.6-5213649e", "8.6", Level::kMust,
        "A server MAY send a Content-Length header field in a 304 (Not Modified) response to a "
        "conditional GET request (Section 15.4.5); a server MUST NOT send Content-Length in such a "
        "response unless its field value equals the decimal number of octets that would have been "
        "sent in the content of a 200 (OK) response to the same request.");

const Requirement kList = Req(
    "9110-13.2.2-b69fe052", "13.2.2", Level::kMust,
    "A recipient cache or origin server MUST evaluate the request preconditions defined by this "
    "specification in the following order: 1. When recipient is the origin server and If-Match "
    "is present, evaluate the If-Match precondition: if true, continue to step 3 if false, "
    "respond 412 (Precondition Failed) 2. When the method is GET or HEAD, evaluate it",
    "",
    "A recipient cache or origin server MUST evaluate the request preconditions defined by this "
    "specification in the following order:");

const Requirement kItem =
    Req("9111-4.3.1-64e05421", "4.3.1", Level::kMust,
        "MUST send the relevant entity tags (using If-Match, If-None-Match, or If-Range) if the "
        "entity tags were provided in the stored response(s) being validated.",
        "When generating a conditional request for validation, a cache:");

TEST(CoversTest, QuoteWithinTheSentence) {
  struct Row {
    const char* name;
    Quote quote;
    bool covers;
  } rows[] = {
      {"the whole sentence", Q(kMixed.text), true},
      {"wrapped differently",
       Q("a server MUST NOT send\n   Content-Length in such a response unless its field value "
         "equals the decimal number of octets"),
       true},
      {"the MUST clause", Q("a server MUST NOT send Content-Length in such a response"), true},
      {"elisions in order, keyword in a piece",
       Q("A server MAY send ... a server MUST NOT send Content-Length ... to the same request."),
       true},
      {"elisions out of order",
       Q("a server MUST NOT send Content-Length ... A server MAY send a Content-Length"), false},
      {"a part without any keyword",
       Q("the decimal number of octets that would have been sent in the content"), false},
      {"the keyword only in the elided gap",
       Q("a server ... send Content-Length in such a response unless"), false},
      {"the MAY clause at MAY: the sentence is a MUST",
       Q("A server MAY send a Content-Length header field in a 304", Level::kMay), false},
      {"the MAY clause at MUST: no MUST in it",
       Q("A server MAY send a Content-Length header field in a 304", Level::kMust), false},
      {"SHOULD level", Q("a server MUST NOT send Content-Length", Level::kShould), false},
      {"another section", Q("a server MUST NOT send Content-Length", Level::kMust, "8.6.1"), false},
      {"another RFC", Q("a server MUST NOT send Content-Length", Level::kMust, "8.6", 9112), false},
      {"words not in the sentence", Q("a server MUST NOT send Transfer-Encoding"), false},
      {"empty", Q(" ... "), false},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Covers(row.quote, kMixed, false), row.covers) << row.name;
  }
}

TEST(CoversTest, KeywordsAreWholeWords) {
  const Requirement r = Req("9110-1-a", "1", Level::kMust, "A server MUST do X and MUSTARD Y.");
  EXPECT_FALSE(Covers(Q("do X and MUSTARD Y.", Level::kMust, "1"), r, false));
  EXPECT_TRUE(Covers(Q("A server MUST do X", Level::kMust, "1"), r, false));
}

TEST(CoversTest, ListRequirementsTakeTheirLeadInsKeyword) {
  struct Row {
    const char* name;
    Quote quote;
    bool covers;
  } rows[] = {
      {"a step of the list",
       Q("When recipient is the origin server and If-Match is present, evaluate the If-Match "
         "precondition: ... respond 412 (Precondition Failed)",
         Level::kMust, "13.2.2"),
       true},
      {"the lead-in and the first step",
       Q("MUST evaluate the request preconditions ... 1. When recipient is the origin server",
         Level::kMust, "13.2.2"),
       true},
      {"a step at SHOULD",
       Q("When the method is GET or HEAD, evaluate it", Level::kShould, "13.2.2"), false},
      {"the lead-in without its keyword",
       Q("evaluate the request preconditions defined by this specification", Level::kMust,
         "13.2.2"),
       false},
  };
  for (const Row& row : rows) EXPECT_EQ(Covers(row.quote, kList, false), row.covers) << row.name;
}

TEST(CoversTest, ListItemsMayBeQuotedWithTheirContext) {
  Requirement item = kItem;
  item.rfc = 9111;
  auto q = [](const std::string& text) { return Quote{"case", 9111, "4.3.1", Level::kMust, text}; };
  EXPECT_TRUE(Covers(q("MUST send the relevant entity tags"), item, false));
  EXPECT_TRUE(Covers(q("a cache: MUST send the relevant entity tags"), item, false));
  EXPECT_FALSE(
      Covers(q("When generating a conditional request for validation, a cache:"), item, false));
}

TEST(CoversTest, ARepeatedSentenceNeedsItsContext) {
  const std::string text =
      "The server MUST NOT process any further requests received on that connection.";
  Requirement first = Req("9112-9.6-528b81ec", "9.6", Level::kMust, text,
                          "A server that receives a \"close\" connection option MUST initiate "
                          "closure of the connection. The server SHOULD send a \"close\".");
  Requirement second = Req("9112-9.6-528b81ec-2", "9.6", Level::kMust, text,
                           "A server that sends a \"close\" connection option MUST initiate "
                           "closure of the connection.");
  first.rfc = second.rfc = 9112;
  auto q = [](const std::string& t) { return Quote{"case", 9112, "9.6", Level::kMust, t}; };
  const Quote plain = q(text);
  const Quote anchored = q("A server that receives a \"close\" connection option ... " + text);
  EXPECT_FALSE(Covers(plain, first, true));
  EXPECT_FALSE(Covers(plain, second, true));
  EXPECT_TRUE(Covers(anchored, first, true));
  EXPECT_FALSE(Covers(anchored, second, true));
  // The anchor alone (a MUST of the context) is not this requirement.
  EXPECT_FALSE(
      Covers(q("A server that receives a \"close\" connection option MUST initiate"), first, true));
}

TEST(CoversTest, AQuoteOfSeveralSentencesCoversEachItHoldsWhole) {
  const Requirement r = Req("9112-9.3-1b76722d", "9.3", Level::kShould,
                            "HTTP implementations SHOULD support persistent connections.");
  const Quote q{"case", 9110, "9.3", Level::kShould,
                "HTTP/1.1 defaults to the use of persistent connections, allowing multiple "
                "requests. HTTP implementations SHOULD support persistent connections."};
  EXPECT_TRUE(Covers(q, r, false));
  EXPECT_FALSE(Covers(q, r, true));  // a repeated sentence needs its context
  Quote half = q;
  half.text = "HTTP/1.1 defaults to the use of persistent connections. HTTP implementations SHOULD";
  EXPECT_FALSE(Covers(half, r, false));
}

TEST(CoverageTest, ComputesCoverageAndSaysWhyAQuoteIsOutside) {
  CatalogueFile f;
  f.rfc = 9110;
  f.sections = {{"8", "Representation Data and Metadata"}};
  f.requirements = {kMixed};
  const std::vector<Quote> quotes = {
      {"covers", 9110, "8.6", Level::kMust, "a server MUST NOT send Content-Length"},
      {"rfc6455", 6455, "4.2.2", Level::kMust, "it MUST reply"},
      {"section", 9110, "8.7", Level::kMust, "a server MUST NOT send Content-Length"},
      {"level", 9110, "8.6", Level::kMay, "A server MAY send a Content-Length"},
      {"keyword", 9110, "8.6", Level::kMust, "the decimal number of octets"},
      {"prose", 9110, "8.6", Level::kMust, "Content-Length is a field"},
  };
  Coverage c = ComputeCoverage({f}, quotes);
  ASSERT_EQ(c.covered_by.size(), 1u);
  EXPECT_EQ(c.covered_by.at(kMixed.id), std::vector<std::string>{"covers"});
  ASSERT_EQ(c.outside.size(), 5u);
  EXPECT_EQ(c.outside[0].why, "RFC 6455 is not in the catalogue");
  EXPECT_NE(c.outside[1].why.find("is in \xc2\xa7"
                                  "8.6"),
            std::string::npos)
      << c.outside[1].why;
  EXPECT_NE(c.outside[2].why.find("is a MUST requirement"), std::string::npos) << c.outside[2].why;
  EXPECT_NE(c.outside[3].why.find("has no MUST keyword"), std::string::npos) << c.outside[3].why;
  EXPECT_NE(c.outside[4].why.find("not within a keyword sentence"), std::string::npos)
      << c.outside[4].why;
}

TEST(CoverageTest, TabulatesOriginObservableRequirementsOnly) {
  CatalogueFile f9110{9110, {{"8", "Representation"}, {"9", "Methods"}}, {}};
  Requirement a = kMixed;  // origin, MUST, covered
  Requirement b = Req("9110-8.6-b", "8.6", Level::kMust, "x");
  b.observable = Observable::kClient;  // covered but not origin: not counted as covered
  Requirement c = Req("9110-9.1-c", "9.1", Level::kShould, "y");  // origin, uncovered
  f9110.requirements = {a, b, c};
  CatalogueFile f9112{9112, {{"6", "Message Body"}}, {Req("9112-6.3-d", "6.3", Level::kMust, "z")}};
  f9112.requirements[0].rfc = 9112;
  CatalogueFile f9111{9111, {{"4", "Caching"}}, {Req("9111-4-e", "4", Level::kMust, "w")}};
  f9111.requirements[0].rfc = 9111;
  Coverage cov;
  cov.covered_by[a.id] = {"x"};
  cov.covered_by[b.id] = {"y"};
  Matrix m = Tabulate({f9110, f9111, f9112}, cov);
  ASSERT_EQ(m.sections.size(), 4u);
  EXPECT_EQ(m.sections[0].section, "8");
  EXPECT_EQ(m.sections[0].title, "Representation");
  const Tally& must8 = m.sections[0].tallies[static_cast<int>(Level::kMust)];
  EXPECT_EQ(must8.covered, 1);
  EXPECT_EQ(must8.origin, 1);
  EXPECT_EQ(must8.total, 2);
  EXPECT_EQ(m.sections[1].tallies[static_cast<int>(Level::kShould)].origin, 1);
  // 9110 + 9112, without 9111.
  const Tally& must = m.semantics_and_messaging[static_cast<int>(Level::kMust)];
  EXPECT_EQ(must.covered, 1);
  EXPECT_EQ(must.origin, 2);
  EXPECT_EQ(must.total, 3);
  EXPECT_EQ(Percent(must), "50.0");
  EXPECT_EQ(Percent(Tally{}), "-");
  EXPECT_EQ(m.rfcs.at(9111)[static_cast<int>(Level::kMust)].total, 1);
}

// A rule stated in two sections is a quote of each: a search for either
// section lands on the rule.
TEST(CoverageTest, StatusRulesWithAnRfcSectionAreQuotes) {
  std::vector<Quote> quotes = StatusRuleQuotes();
  std::vector<std::string> allow_sections;
  for (const Quote& q : quotes) {
    if (q.source == "rule:405.allow") {
      allow_sections.push_back(q.section);
      EXPECT_EQ(q.rfc, 9110);
      EXPECT_EQ(q.level, Level::kMust);
    }
    EXPECT_GT(q.rfc, 0) << q.source;
    EXPECT_FALSE(q.section.empty()) << q.source;
  }
  EXPECT_EQ(allow_sections, (std::vector<std::string>{"10.2.1", "15.5.6"}));
}

}  // namespace
}  // namespace httpconform::requirements
