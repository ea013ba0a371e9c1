#include "harness/core/template.h"

#include <map>

#include "gtest/gtest.h"

namespace httpconform::core {
namespace {

Expected<std::string> Expand(const std::string& tmpl) {
  static const std::map<std::string, std::string> kVars = {
      {"host", "example.test"}, {"etag", "\"abc\""}, {"a_b-c", "x"}};
  return Substitute(tmpl, [](const std::string& name) -> const std::string* {
    auto it = kVars.find(name);
    return it == kVars.end() ? nullptr : &it->second;
  });
}

TEST(SubstituteTest, ReplacesVariables) {
  auto out = Expand("Host: ${host}, If-None-Match: ${etag}${a_b-c}");
  ASSERT_TRUE(out.has_value()) << out.error().message;
  EXPECT_EQ(*out, "Host: example.test, If-None-Match: \"abc\"x");
}

TEST(SubstituteTest, DollarRules) {
  auto out = Expand("$$ ${host} $$${host} $x $ /(\\d+)$");
  ASSERT_TRUE(out.has_value()) << out.error().message;
  EXPECT_EQ(*out, "$ example.test $example.test $x $ /(\\d+)$");
  EXPECT_EQ(*Expand("$${host}"), "${host}");
  EXPECT_EQ(*Expand(""), "");
}

TEST(SubstituteTest, UnknownVariableIsAnError) {
  auto out = Expand("a ${nope} b ${other}");
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().code, "template");
  EXPECT_EQ(out.error().message, "unknown variable ${nope}");
}

TEST(SubstituteTest, SyntaxErrors) {
  auto unterminated = Expand("x ${host");
  ASSERT_FALSE(unterminated.has_value());
  EXPECT_EQ(unterminated.error().message, "unterminated ${ (write $$ for a literal $)");
  auto empty = Expand("${}");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().message.rfind("invalid variable name ${}", 0), 0u);
  EXPECT_FALSE(Expand("${1x}").has_value());
  EXPECT_FALSE(Expand("${a b}").has_value());
}

TEST(ScanTemplateTest, OffsetsAndErrors) {
  std::vector<TemplateSyntaxError> errors;
  auto vars = ScanTemplate("GET ${path} $$ ${x}", &errors);
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(vars.size(), 2u);
  EXPECT_EQ(vars[0].name, "path");
  EXPECT_EQ(vars[0].offset, 4u);
  EXPECT_EQ(vars[1].name, "x");
  EXPECT_EQ(vars[1].offset, 15u);
  ScanTemplate("ab ${c", &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].offset, 3u);
}

TEST(VariablesUsedTest, DeduplicatesInOrder) {
  EXPECT_EQ(VariablesUsed("${b}${a}${b}$${c}"), (std::vector<std::string>{"b", "a"}));
}

TEST(BuiltinTest, Names) {
  for (const char* name : {"scheme", "host", "port", "authority", "path"}) {
    EXPECT_TRUE(IsBuiltinVariable(name)) << name;
  }
  EXPECT_FALSE(IsBuiltinVariable("etag"));
  EXPECT_FALSE(IsBuiltinVariable("Host"));
  EXPECT_TRUE(IsValidVariableName("_x-1"));
  EXPECT_FALSE(IsValidVariableName("-x"));
}

}  // namespace
}  // namespace httpconform::core
