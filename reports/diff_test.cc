#include "reports/diff.h"

#include <gtest/gtest.h>

namespace httpconform::reports {
namespace {

using core::Outcome;

core::RunResult MakeRun(std::vector<std::pair<std::string, Outcome>> results) {
  core::RunResult run;
  for (auto& [id, outcome] : results) {
    core::CaseResult r;
    r.id = id;
    r.outcome = outcome;
    r.reason = outcome == Outcome::kPass ? "" : "because";
    run.results.push_back(std::move(r));
  }
  return run;
}

std::vector<std::string> Ids(const std::vector<DiffEntry>& entries) {
  std::vector<std::string> out;
  for (const DiffEntry& e : entries) out.push_back(e.id);
  return out;
}

TEST(DiffTest, Categories) {
  core::RunResult before = MakeRun({{"same", Outcome::kPass},
                                    {"pass-fail", Outcome::kPass},
                                    {"skip-error", Outcome::kSkip},
                                    {"fail-pass", Outcome::kFail},
                                    {"error-pass", Outcome::kError},
                                    {"fail-error", Outcome::kFail},
                                    {"pass-skip", Outcome::kPass},
                                    {"fail-skip", Outcome::kFail},
                                    {"removed", Outcome::kPass}});
  core::RunResult after = MakeRun({{"added", Outcome::kFail},
                                   {"same", Outcome::kPass},
                                   {"pass-fail", Outcome::kFail},
                                   {"skip-error", Outcome::kError},
                                   {"fail-pass", Outcome::kPass},
                                   {"error-pass", Outcome::kPass},
                                   {"fail-error", Outcome::kError},
                                   {"pass-skip", Outcome::kSkip},
                                   {"fail-skip", Outcome::kSkip}});
  ReportDiff d = DiffRuns(before, after);
  EXPECT_EQ(Ids(d.regressions), (std::vector<std::string>{"pass-fail", "skip-error"}));
  EXPECT_EQ(Ids(d.fixes), (std::vector<std::string>{"fail-pass", "error-pass"}));
  EXPECT_EQ(Ids(d.changed), (std::vector<std::string>{"fail-error", "pass-skip", "fail-skip"}));
  EXPECT_EQ(Ids(d.added), (std::vector<std::string>{"added"}));
  EXPECT_EQ(Ids(d.removed), (std::vector<std::string>{"removed"}));
  EXPECT_FALSE(d.added[0].before.has_value());
  EXPECT_FALSE(d.removed[0].after.has_value());
}

TEST(DiffTest, RenderIsExactAndEscapesControlBytes) {
  core::RunResult before =
      MakeRun({{"a", Outcome::kPass}, {"b", Outcome::kFail}, {"old", Outcome::kSkip}});
  core::RunResult after =
      MakeRun({{"a", Outcome::kFail}, {"b", Outcome::kPass}, {"new", Outcome::kPass}});
  after.results[0].reason = "status 500 \x1b[31mred";
  EXPECT_EQ(RenderDiff(DiffRuns(before, after)),
            "regressions (1):\n"
            "  a: pass -> fail (status 500 \\x1b[31mred)\n"
            "fixes (1):\n"
            "  b: fail -> pass\n"
            "new cases (1):\n"
            "  new: pass\n"
            "removed cases (1):\n"
            "  old: was skip (because)\n"
            "1 regression(s), 1 fix(es), 0 changed, 1 new, 1 removed\n");
}

TEST(DiffTest, IdenticalRunsHaveNoDifferences) {
  core::RunResult run = MakeRun({{"a", Outcome::kPass}, {"b", Outcome::kFail}});
  ReportDiff d = DiffRuns(run, run);
  EXPECT_TRUE(d.regressions.empty() && d.fixes.empty() && d.changed.empty() && d.added.empty() &&
              d.removed.empty());
  EXPECT_EQ(RenderDiff(d), "0 regression(s), 0 fix(es), 0 changed, 0 new, 0 removed\n");
}

}  // namespace
}  // namespace httpconform::reports

namespace httpconform::reports {
namespace {

// Runs over two HTTP versions: a result is its case over its version, so a
// regression over HTTP/2 is not hidden by the same case passing over HTTP/1.1.
TEST(DiffRuns, KeysResultsByVersionInRunsOverSeveral) {
  auto result = [](const std::string& id, const std::string& http, core::Outcome o) {
    core::CaseResult r;
    r.id = id;
    r.http = http;
    r.outcome = o;
    return r;
  };
  core::RunResult before, after;
  before.results = {result("a", "1.1", core::Outcome::kPass),
                    result("a", "2", core::Outcome::kPass)};
  after.results = {result("a", "1.1", core::Outcome::kPass),
                   result("a", "2", core::Outcome::kFail)};
  const ReportDiff d = DiffRuns(before, after);
  ASSERT_EQ(d.regressions.size(), 1u);
  EXPECT_EQ(d.regressions[0].id, "a [HTTP/2]");
  EXPECT_TRUE(d.added.empty());
  EXPECT_TRUE(d.removed.empty());
  // A report of one version (older than version 4: no http on results)
  // against a run over both: its results are its --http's.
  core::RunResult old;
  old.settings.recorded = true;
  old.settings.http = "2";
  old.results = {result("a", "", core::Outcome::kPass)};
  const ReportDiff mixed = DiffRuns(old, after);
  ASSERT_EQ(mixed.regressions.size(), 1u);
  EXPECT_EQ(mixed.regressions[0].id, "a [HTTP/2]");
  ASSERT_EQ(mixed.added.size(), 1u);
  EXPECT_EQ(mixed.added[0].id, "a [HTTP/1.1]");
}

}  // namespace
}  // namespace httpconform::reports
