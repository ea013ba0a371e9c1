#include "harness/cli/list_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace httpconform::cli {
namespace {

TEST(ListJsonTest, EveryDocumentedMember) {
  core::Case c;
  c.id = "a.b";
  c.title = "T\xc3\xa9st \x80";  // Valid UTF-8, then a stray byte.
  c.spec.rfc = 9110;
  c.spec.section = "13.1.2";
  c.spec.level = core::Level::kShould;
  c.spec.quote = "q";
  c.codes = {304, 200};
  c.tags = {"conditional"};
  c.vars = {{"resource", "/"}, {"user", std::nullopt}};
  c.file = "my-cases/api.json";
  c.line = 12;
  const std::string text = RenderCaseListJson({c});
  for (char ch : text) ASSERT_LT(static_cast<unsigned char>(ch), 0x80);
  const nlohmann::json doc = nlohmann::json::parse(text);
  EXPECT_EQ(doc["schema"], "httpconform-case-list/1");
  ASSERT_EQ(doc["cases"].size(), 1u);
  const nlohmann::json& one = doc["cases"][0];
  EXPECT_EQ(one["id"], "a.b");
  EXPECT_EQ(one["title"], "T\xc3\xa9st \xc2\x80");
  EXPECT_EQ(one["spec"],
            nlohmann::json::parse(
                R"({"rfc": 9110, "section": "13.1.2", "level": "SHOULD", "quote": "q"})"));
  EXPECT_EQ(one["codes"], nlohmann::json::parse("[304, 200]"));
  EXPECT_EQ(one["tags"], nlohmann::json::parse(R"(["conditional"])"));
  EXPECT_EQ(one["vars"], nlohmann::json::parse(R"({"resource": "/", "user": null})"));
  EXPECT_EQ(one["file"], "my-cases/api.json");
  EXPECT_EQ(one["line"], 12);
}

TEST(ListJsonTest, NoCasesIsAnEmptyList) {
  const nlohmann::json doc = nlohmann::json::parse(RenderCaseListJson({}));
  EXPECT_TRUE(doc["cases"].is_array());
  EXPECT_TRUE(doc["cases"].empty());
}

}  // namespace
}  // namespace httpconform::cli
