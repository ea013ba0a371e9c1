#include "harness/cli/flag_checks.h"

#include <gtest/gtest.h>

#include "harness/cli/run_settings.h"

namespace httpconform::cli {
namespace {

TEST(FlagChecksTest, Integers) {
  EXPECT_EQ(IntegerError("4", 1, 256), "");
  EXPECT_EQ(IntegerError("256", 1, 256), "");
  EXPECT_EQ(IntegerError("abc", 1, 256), "not an integer: \"abc\" (want 1..256)");
  EXPECT_EQ(IntegerError("2.5", 1, 256), "not an integer: \"2.5\" (want 1..256)");
  EXPECT_EQ(IntegerError("", 1, 256), "not an integer: \"\" (want 1..256)");
  EXPECT_EQ(IntegerError("-", 1, 256), "not an integer: \"-\" (want 1..256)");
  EXPECT_EQ(IntegerError("0", 1, 256), "0 is not in 1..256");
  EXPECT_EQ(IntegerError("-3", 1, 256), "-3 is not in 1..256");
  EXPECT_EQ(IntegerError("99999999999999999999999", 1, 256),
            "99999999999999999999999 is not in 1..256");
}

TEST(FlagChecksTest, SecondsPrintAsSeconds) {
  EXPECT_EQ(SecondsError("10", 0.05, 600), "");
  EXPECT_EQ(SecondsError("0.05", 0.05, 600), "");
  EXPECT_EQ(SecondsError("0", 0.05, 600), "0 is not in 0.05..600 seconds");
  EXPECT_EQ(SecondsError("601", 0.05, 600), "601 is not in 0.05..600 seconds");
  for (const char* bad : {"abc", "nan", "inf", "-inf", "1s", ""}) {
    EXPECT_EQ(SecondsError(bad, 0.05, 600),
              std::string("not a number of seconds: \"") + bad + "\" (want 0.05..600 seconds)");
  }
}

core::Case CaseUsing(const std::string& id, const std::string& var) {
  core::Case c;
  c.id = id;
  c.vars[var] = "/";
  return c;
}

TEST(UnusedVarWarningsTest, NamesVariablesNoCaseUsesWithTheClosest) {
  const std::vector<core::Case> cases = {CaseUsing("a", "resource"), CaseUsing("b", "missing")};
  const std::map<std::string, std::string> given = {
      {"resource", "/x"}, {"resouce", "/y"}, {"path", "/p"}, {"zzz", "1"}};
  EXPECT_EQ(UnusedVarWarnings(given, cases),
            (std::vector<std::string>{"--var resouce is used by no selected case (did you mean "
                                      "resource?)",
                                      "--var zzz is used by no selected case"}));
}

}  // namespace
}  // namespace httpconform::cli
