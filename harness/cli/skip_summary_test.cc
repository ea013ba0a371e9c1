// The skip summary: reasons normalized into groups (table-driven), the
// variables that could unlock skipped cases, and what is printed.
#include "harness/cli/skip_summary.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace httpconform::cli {
namespace {

TEST(SkipSummaryTest, NormalizeSkipReasonTable) {
  struct Row {
    const char* reason;
    const char* normalized;
  };
  const Row rows[] = {
      {"step 2: not applicable: the server ignores Range, as RFC 9110 §14.2 allows; saw status "
       "200 OK; 1000 bytes of content",
       "the server ignores Range, as RFC 9110 §14.2 allows"},
      {"not applicable: GET /static/hello.txt is not 200 here (set --var resource=PATH); saw "
       "status 404 Not Found",
       "GET PATH is not 200 here (set --var resource=PATH)"},
      {"not applicable: /auth/basic is not protected; saw status 404", "PATH is not protected"},
      {"not applicable: the server did not act as a proxy for http://example.test/x; saw 404",
       "the server did not act as a proxy for URL"},
      {"not applicable: needs header ETag = \"abc\"; saw status 200",
       "needs header ETag = \"...\""},
      {"variable echo not set (give --var echo=VALUE)",
       "variable echo not set (give --var echo=VALUE)"},
      {"step 10: not applicable: saw nothing; saw status 200", "saw nothing"},
      {"not applicable: a/b is not a path here", "a/b is not a path here"},
      {"unterminated \"quote", "unterminated \"quote"},
  };
  for (const Row& r : rows) EXPECT_EQ(NormalizeSkipReason(r.reason), r.normalized) << r.reason;
}

core::Case CaseUsing(const std::string& id, const std::string& var, const std::string& target) {
  core::Case c;
  c.id = id;
  c.vars[var] = "/default";
  core::Step step;
  step.request.target = target;
  core::Expectation require;
  require.status = {200};
  require.because = "${" + var + "} is not there";
  step.require.push_back(require);
  c.steps.push_back(step);
  c.steps.push_back(step);
  return c;
}

core::CaseResult Skipped(const std::string& id, const std::string& reason) {
  core::CaseResult r;
  r.id = id;
  r.outcome = core::Outcome::kSkip;
  r.reason = reason;
  return r;
}

TEST(SkipSummaryTest, GroupsAndVariablesThatCouldUnlock) {
  std::vector<core::Case> cases = {
      CaseUsing("a", "resource", "${resource}"), CaseUsing("b", "resource", "${resource}"),
      CaseUsing("c", "echo", "${echo}"), CaseUsing("d", "resource", "/fixed")};
  cases[3].steps[1].request.target = "${resource}";
  core::RunResult run;
  run.results = {Skipped("a", "step 1: not applicable: /x is not there; saw status 404"),
                 Skipped("b", "step 1: not applicable: /y is not there; saw status 404"),
                 Skipped("c", "step 2: not applicable: /e is not there; saw status 501"),
                 // Skipped at step 1, which does not use ${resource} in its request.
                 Skipped("d", "step 1: not applicable: /fixed is not there; saw status 404")};
  run.results.push_back(Skipped("e", "variable token not set (give --var token=VALUE)"));
  core::Case e;
  e.id = "e";
  e.vars["token"] = std::nullopt;
  cases.push_back(e);
  core::CaseResult passed;
  passed.id = "a2";
  passed.outcome = core::Outcome::kPass;
  run.results.push_back(passed);

  const SkipSummary s =
      SummarizeSkips(run, cases, {{"resource", {"/data.txt (200, ETag)"}}}, {"resource"});
  EXPECT_EQ(s.skipped, 5);
  ASSERT_EQ(s.groups.size(), 2u);
  EXPECT_EQ(s.groups[0].reason, "PATH is not there");
  EXPECT_EQ(s.groups[0].count, 4);
  EXPECT_EQ(s.groups[1].reason, "variable token not set (give --var token=VALUE)");
  ASSERT_EQ(s.vars.size(), 3u);
  // d's step 1 names ${resource} in its requirement's explanation: it counts.
  EXPECT_EQ(s.vars[0].name, "resource");
  EXPECT_EQ(s.vars[0].cases, 3);
  EXPECT_EQ(s.vars[0].candidates, std::vector<std::string>{"/data.txt (200, ETag)"});
  EXPECT_TRUE(s.vars[0].discoverable);
  EXPECT_EQ(s.vars[1].name, "echo");
  EXPECT_FALSE(s.vars[1].discoverable);
  EXPECT_EQ(s.vars[2].name, "token");

  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  PrintSkipSummary(s, f, 1, 2);
  std::rewind(f);
  std::string out;
  char buf[1024];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
  std::fclose(f);
  EXPECT_EQ(out,
            "\nSkipped: 5 case(s), by reason:\n"
            "     4  PATH is not there\n"
            "     1  (1 other reasons: see the reports)\n"
            "Variables that could unlock skipped cases (set with --var NAME=VALUE):\n"
            "  --var resource=...  used by 3 skipped case(s); discovery saw: /data.txt (200, "
            "ETag)\n"
            "  --var echo=...  used by 1 skipped case(s); discovery does not look for it: "
            "httpconform vars says what it must point to\n"
            "  (1 more variables: see the skip reasons in the reports)\n");
  // A variable of the user's own cases: nothing describes it.
  f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  PrintSkipSummary(s, f, 1, 3);
  std::rewind(f);
  out.clear();
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
  std::fclose(f);
  EXPECT_NE(out.find("  --var token=...  used by 1 skipped case(s); discovery does not look for "
                     "it: give a path on this server\n"),
            std::string::npos)
      << out;
}

}  // namespace
}  // namespace httpconform::cli
