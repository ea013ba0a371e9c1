#include "harness/cli/var_list.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "harness/cli/case_source.h"
#include "harness/runner/discovery.h"

namespace httpconform::cli {
namespace {

core::Case MakeCase(const std::string& id, std::map<std::string, std::optional<std::string>> vars) {
  core::Case c;
  c.id = id;
  c.vars = std::move(vars);
  return c;
}

// The point of the one table: every variable a built-in case declares says
// what it must point to, and no entry describes a variable nothing uses.
TEST(VarListTest, EveryVariableOfTheLibraryIsDescribed) {
  core::Expected<std::vector<core::Case>> library = SelectCases(CaseSelection{});
  ASSERT_TRUE(library) << library.error().message;
  std::set<std::string> used;
  for (const core::Case& c : *library) {
    for (const auto& entry : c.vars) {
      used.insert(entry.first);
      const runner::VariableInfo* info = runner::FindVariable(entry.first);
      ASSERT_NE(info, nullptr) << entry.first << " (declared by " << c.id
                               << ") has no entry in runner/variables.cc";
      EXPECT_GT(std::string(info->points_to).size(), 10u) << entry.first;
    }
  }
  EXPECT_GT(used.size(), 30u);
  for (const runner::VariableInfo& v : runner::KnownVariables()) {
    EXPECT_TRUE(used.count(v.name)) << v.name << " is described but no built-in case uses it";
  }
  // What discovery looks for comes from the same entries.
  for (const std::string& name : runner::DiscoverableVars()) {
    const runner::VariableInfo* info = runner::FindVariable(name);
    ASSERT_NE(info, nullptr) << name;
    EXPECT_STRNE(runner::DiscoveryLooksFor(*info), "") << name;
  }
  EXPECT_STREQ(runner::DiscoveryLooksFor(*runner::FindVariable("echo")), "");
}

TEST(VarListTest, CollectsCasesAndDefaultsPerVariable) {
  const std::vector<VarUse> vars = CollectVarUses({
      MakeCase("a", {{"resource", "/x"}, {"token", std::nullopt}}),
      MakeCase("b", {{"resource", "/y"}}),
      MakeCase("c", {{"resource", "/y"}}),
  });
  ASSERT_EQ(vars.size(), 2u);
  EXPECT_EQ(vars[0].name, "resource");
  ASSERT_NE(vars[0].info, nullptr);
  EXPECT_EQ(vars[0].cases, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(vars[0].defaults.size(), 2u);
  EXPECT_EQ(vars[0].defaults[0].value, std::optional<std::string>("/y"));  // Most cases first.
  EXPECT_EQ(vars[0].defaults[0].cases, 2);
  EXPECT_EQ(vars[0].defaults[1].cases, 1);
  EXPECT_EQ(vars[1].name, "token");
  EXPECT_EQ(vars[1].info, nullptr);
  ASSERT_EQ(vars[1].defaults.size(), 1u);
  EXPECT_FALSE(vars[1].defaults[0].value.has_value());
}

TEST(VarListTest, TextSaysWhatEachMustPointTo) {
  std::vector<core::Case> cases;
  for (int i = 0; i < 10; ++i)
    cases.push_back(MakeCase("e" + std::to_string(i), {{"echo", "/echo"}}));
  cases.push_back(MakeCase("m", {{"missing", "/nope"}, {"token", std::nullopt}}));
  const std::string text = RenderVarListText(CollectVarUses(cases), 8);
  EXPECT_NE(text.find("echo  (10 cases)\n  points to:  a resource that answers POST and PUT"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("does not look for it: give it with --var echo=VALUE"), std::string::npos);
  EXPECT_NE(text.find("e0, e1, e2, e3, e4, e5, e6, e7, ... and 2 more"), std::string::npos);
  EXPECT_NE(text.find("missing  (1 case)"), std::string::npos);
  EXPECT_NE(text.find("looks for a 404 or 410"), std::string::npos);
  EXPECT_NE(text.find("default:    /nope\n"), std::string::npos);
  EXPECT_NE(text.find("(not described: a variable of your own case files)"), std::string::npos);
  EXPECT_NE(text.find("none (must be given with --var)"), std::string::npos);
  EXPECT_NE(text.find("3 variable(s), declared 12 time(s)"), std::string::npos);
}

TEST(VarListTest, JsonHasEveryMemberAndEveryId) {
  std::vector<core::Case> cases;
  for (int i = 0; i < 10; ++i)
    cases.push_back(MakeCase("e" + std::to_string(i), {{"echo", "/echo"}}));
  cases.push_back(MakeCase("m", {{"missing", "/nope"}, {"t\xc3\xa9", std::nullopt}}));
  const std::string text = RenderVarListJson(CollectVarUses(cases));
  for (char ch : text) ASSERT_LT(static_cast<unsigned char>(ch), 0x80);
  const nlohmann::json doc = nlohmann::json::parse(text);
  EXPECT_EQ(doc["schema"], "httpconform-var-list/1");
  ASSERT_EQ(doc["variables"].size(), 3u);
  const nlohmann::json& echo = doc["variables"][0];
  EXPECT_EQ(echo["name"], "echo");
  EXPECT_EQ(echo["points_to"], runner::FindVariable("echo")->points_to);
  EXPECT_TRUE(echo["discovery"].is_null());
  EXPECT_EQ(echo["defaults"], nlohmann::json::parse(R"([{"value": "/echo", "cases": 10}])"));
  EXPECT_EQ(echo["cases"].size(), 10u);
  const nlohmann::json& missing = doc["variables"][1];
  EXPECT_EQ(missing["discovery"], "a 404 or 410");
  const nlohmann::json& mine = doc["variables"][2];
  EXPECT_EQ(mine["name"], "t\xc3\xa9");
  EXPECT_TRUE(mine["points_to"].is_null());
  EXPECT_EQ(mine["defaults"], nlohmann::json::parse(R"([{"value": null, "cases": 1}])"));
  EXPECT_EQ(mine["cases"], nlohmann::json::parse(R"(["m"])"));
}

}  // namespace
}  // namespace httpconform::cli
