#include "harness/core/versions.h"

#include <gtest/gtest.h>

namespace httpconform::core {
namespace {

CaseResult Result(const std::string& id, const std::string& http, Outcome outcome,
                  bool not_applicable = false) {
  CaseResult r;
  r.id = id;
  r.http = http;
  r.outcome = outcome;
  r.http_not_applicable = not_applicable;
  return r;
}

TEST(ParseHttpVersions, Table) {
  struct Row {
    std::string in;
    std::optional<std::vector<std::string>> out;
  } rows[] = {
      {"1.1", std::vector<std::string>{"1.1"}},
      {"2", std::vector<std::string>{"2"}},
      {"1.1,2", std::vector<std::string>{"1.1", "2"}},
      {"2,1.1", std::vector<std::string>{"1.1", "2"}},
      {"", std::nullopt},
      {"1.0", std::nullopt},
      {"1.1,", std::nullopt},
      {"2,2", std::nullopt},
      {"1.1, 2", std::nullopt},
      {"3", std::nullopt},
  };
  for (const Row& row : rows) EXPECT_EQ(ParseHttpVersions(row.in), row.out) << row.in;
}

TEST(VerdictDiffers, OnlyJudgedOutcomesCount) {
  RunResult run;
  run.results = {
      Result("a", "1.1", Outcome::kPass),  Result("a", "2", Outcome::kFail),
      Result("b", "1.1", Outcome::kPass),  Result("b", "2", Outcome::kPass),
      Result("c", "1.1", Outcome::kPass),  Result("c", "2", Outcome::kSkip, true),
      Result("d", "1.1", Outcome::kPass),  Result("d", "2", Outcome::kSkip),
      Result("e", "1.1", Outcome::kError), Result("e", "2", Outcome::kPass),
      Result("f", "1.1", Outcome::kFail),
  };
  EXPECT_EQ(VerdictDiffers(run), (std::set<std::string>{"a", "d", "e"}));
}

TEST(Versions, NamesAndCounts) {
  RunResult run;
  run.results = {Result("a", "1.1", Outcome::kPass), Result("a", "2", Outcome::kFail),
                 Result("b", "2", Outcome::kSkip, true)};
  EXPECT_TRUE(IsMultiVersion(run));
  EXPECT_EQ(VersionsOf(run), (std::vector<std::string>{"1.1", "2"}));
  EXPECT_EQ(ResultName(run.results[1], true), "a [HTTP/2]");
  EXPECT_EQ(ResultName(run.results[1], false), "a");
  const Summary two = SummarizeVersion(run, "2");
  EXPECT_EQ(two.total, 2);
  EXPECT_EQ(two.fail, 1);
  EXPECT_EQ(two.skip, 1);
  EXPECT_EQ(SummarizeVersion(run, "1.1").pass, 1);
  run.results.pop_back();
  run.results.pop_back();
  EXPECT_FALSE(IsMultiVersion(run));
}

}  // namespace
}  // namespace httpconform::core
