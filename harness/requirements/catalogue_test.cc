#include "harness/requirements/catalogue.h"

#include <gtest/gtest.h>

namespace httpconform::requirements {
namespace {

// A catalogue file with one requirement whose members are `members`.
std::string File(const std::string& members) {
  return R"({"rfc": 9112, "sections": {"9": "Connection Management"}, "requirements": [{)" +
         members + "}]}";
}

const char* kGood =
    R"("id": "9112-9.6-d7d8f27e", "section": "9.6", "title": "Tear-down",
       "keywords": ["MAY", "MUST NOT"], "text": "A server MUST NOT ...",
       "binds": ["server"], "observable": "origin", "plan": "a case")";

TEST(CatalogueTest, ParsesAClassifiedRequirement) {
  core::Expected<CatalogueFile> f = ParseCatalogue("rfc9112.json", File(kGood));
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->rfc, 9112);
  EXPECT_EQ(f->sections.at("9"), "Connection Management");
  ASSERT_EQ(f->requirements.size(), 1u);
  const Requirement& r = f->requirements[0];
  EXPECT_EQ(r.id, "9112-9.6-d7d8f27e");
  EXPECT_EQ(r.rfc, 9112);
  EXPECT_EQ(r.level, core::Level::kMust);  // the strongest keyword
  EXPECT_EQ(r.observable, Observable::kOrigin);
  EXPECT_EQ(r.plan, "a case");
  EXPECT_EQ(r.reason, "");
  EXPECT_EQ(r.binds, std::vector<std::string>{"server"});
}

TEST(CatalogueTest, KeywordClassIsTheStrongest) {
  struct Row {
    std::vector<std::string> keywords;
    core::Level level;
  } rows[] = {
      {{"MUST"}, core::Level::kMust},
      {{"MAY", "SHALL NOT"}, core::Level::kMust},
      {{"REQUIRED"}, core::Level::kMust},
      {{"SHOULD NOT"}, core::Level::kShould},
      {{"MAY", "NOT RECOMMENDED"}, core::Level::kShould},
      {{"RECOMMENDED"}, core::Level::kShould},
      {{"OPTIONAL"}, core::Level::kMay},
      {{"MAY", "MAY"}, core::Level::kMay},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(KeywordClass(row.keywords), row.level) << row.keywords.back();
  }
}

TEST(CatalogueTest, RejectsWhatWouldMakeFiguresUntrue) {
  struct Row {
    std::string file;
    std::string message;  // a part of the error
  } rows[] = {
      {"not json", "not a JSON object"},
      {R"({"sections": {}, "requirements": []})", "no integer \"rfc\""},
      {R"({"rfc": 9112, "requirements": []})", "no \"sections\""},
      {R"({"rfc": 9112, "sections": {}})", "no \"requirements\""},
      {File(R"("id": "9112-9.6-x", "section": "9.6", "title": "t", "keywords": ["MUST"],
               "text": "t", "binds": [], "observable": null)"),
       "9112-9.6-x: unclassified"},
      {File(R"("id": "9112-9.6-x", "section": "9.6", "title": "t", "keywords": ["MUST"],
               "text": "t", "binds": [])"),
       "unclassified"},
      {File(R"("id": "9112-9.6-x", "section": "9.6", "title": "t", "keywords": ["MUST"],
               "text": "t", "binds": [], "observable": "server")"),
       "not origin, intermediary, client or none"},
      {File(R"("id": "9112-9.5-x", "section": "9.6", "title": "t", "keywords": ["MUST"],
               "text": "t", "binds": [], "observable": "none")"),
       "does not begin with RFC-SECTION-"},
      {File(R"("id": "9112-9.6-x", "section": "9.6", "title": "t", "keywords": [],
               "text": "t", "binds": [], "observable": "none")"),
       "no keywords"},
      {File(R"("id": "9112-9.6-x", "section": "9.6", "title": "t", "keywords": ["MUST"],
               "text": 5, "binds": [], "observable": "none")"),
       "\"text\" is not a string"},
      {File(R"("section": "9.6")"), "requirement 1: missing \"id\""},
      {R"({"rfc": 9112, "sections": {}, "requirements": [)" + std::string("{") + kGood + "}, {" +
           kGood + "}]}",
       "duplicate id"},
  };
  for (const Row& row : rows) {
    core::Expected<CatalogueFile> f = ParseCatalogue("x.json", row.file);
    ASSERT_FALSE(f) << row.file;
    EXPECT_NE(f.error().message.find(row.message), std::string::npos)
        << f.error().message << " for " << row.file;
    EXPECT_EQ(f.error().message.rfind("x.json: ", 0), 0u) << f.error().message;
  }
}

TEST(CatalogueTest, TopSection) {
  EXPECT_EQ(TopSection("13.1.2"), "13");
  EXPECT_EQ(TopSection("9"), "9");
  EXPECT_EQ(TopSection("B.2"), "B");
}

TEST(CatalogueTest, EmbeddedCatalogueParses) {
  core::Expected<std::vector<CatalogueFile>> files = EmbeddedCatalogue();
  ASSERT_TRUE(files) << files.error().message;
  ASSERT_EQ(files->size(), 3u);
  EXPECT_EQ((*files)[0].rfc, 9110);
  EXPECT_EQ((*files)[1].rfc, 9111);
  EXPECT_EQ((*files)[2].rfc, 9112);
  for (const CatalogueFile& f : *files) EXPECT_GT(f.requirements.size(), 50u) << f.rfc;
}

}  // namespace
}  // namespace httpconform::requirements
