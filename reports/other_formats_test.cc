#include <gtest/gtest.h>

#include <string>

#include "reports/report.h"
#include "reports/sample_run.h"
#include "reports/text.h"

namespace httpconform::reports {
namespace {

std::size_t Count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t pos = hay.find(needle); pos != std::string::npos;
       pos = hay.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

bool IsValidUtf8(const std::string& s) { return SanitizeUtf8(s) == s; }

TEST(RenderJunit, OneTestcasePerCaseWithDistinctOutcomes) {
  const std::string xml = RenderJunit(MakeSampleRunForTesting());
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0), 0u);
  // Six cases and three passive findings. At --fail-on must, the SHOULD
  // failure and the SHOULD finding are visible but not failures: the file
  // fails exactly what fails the run (the MUST failure, the error, the MUST
  // finding). The MAY finding is the server's choice and never a failure.
  EXPECT_EQ(Count(xml, "<testcase "), 9u);
  EXPECT_EQ(Count(xml, "<failure "), 2u);
  EXPECT_EQ(Count(xml, "<error "), 1u);
  EXPECT_EQ(Count(xml, "<skipped "), 2u);
  EXPECT_NE(xml.find("tests=\"9\" failures=\"2\" errors=\"1\" skipped=\"2\""), std::string::npos);
  EXPECT_NE(xml.find("<testcase name=\"405.allow in methods.options.allow (step 1)\" "
                     "classname=\"passive.RFC9110.\xC2\xA7"
                     "10.2.1\" time=\"0.000\">\n<failure message=\"405 response lacks Allow"),
            std::string::npos);
  // The detail names every section that states the rule.
  EXPECT_NE(xml.find("passive finding 405.allow (MUST, RFC 9110 \xC2\xA7"
                     "10.2.1, \xC2\xA7"
                     "15.5.6): 405 response lacks Allow"),
            std::string::npos);
  EXPECT_NE(xml.find("<system-out>not counted (below --fail-on must): fail: status was 200"),
            std::string::npos);
  EXPECT_NE(xml.find("<system-out>not counted (below --fail-on must): passive finding "
                     "date.missing"),
            std::string::npos);
  EXPECT_NE(xml.find("<system-out>not counted (MAY: the server&apos;s choice, not a violation): "
                     "passive finding 503.retry-after"),
            std::string::npos);
  EXPECT_NE(xml.find("<testcase name=\"conditional.if-none-match.304\" "
                     "classname=\"RFC9110.\xC2\xA7"
                     "13.1.2\" time=\"0.001\">"),
            std::string::npos);
  EXPECT_NE(xml.find("classname=\"RFC9112.\xC2\xA7"
                     "4\""),
            std::string::npos);
  EXPECT_EQ(xml.find("type=\"SHOULD\""), std::string::npos);
  // A refinement skipped for its base says so in the skip message.
  EXPECT_NE(xml.find("<skipped message=\"depends on framing.bad-reason, which failed: "),
            std::string::npos);
  // At --fail-on should, the SHOULD failure and finding fail too; at
  // --fail-on may nothing more does (nothing at MAY fails a run).
  for (core::Level fail_on : {core::Level::kShould, core::Level::kMay}) {
    core::RunResult run = MakeSampleRunForTesting();
    run.policy.fail_on = fail_on;
    const std::string strict = RenderJunit(run);
    EXPECT_NE(strict.find("tests=\"9\" failures=\"4\" errors=\"1\" skipped=\"2\""),
              std::string::npos)
        << core::LevelName(fail_on);
    EXPECT_NE(strict.find("type=\"SHOULD\""), std::string::npos);
    EXPECT_EQ(strict.find("type=\"MAY\""), std::string::npos);
  }
}

TEST(RenderJunit, ARunThatCouldNotHappenIsAnErroredTestcase) {
  core::RunResult run;
  run.target_url = "http://127.0.0.1:1/";
  run.error = "target unreachable: cannot connect to 127.0.0.1:1: Connection refused";
  const std::string xml = RenderJunit(run);
  EXPECT_NE(xml.find("tests=\"1\" failures=\"0\" errors=\"1\""), std::string::npos);
  EXPECT_NE(xml.find("<testcase name=\"run\" classname=\"httpconform\""), std::string::npos);
  EXPECT_NE(xml.find("<error message=\"target unreachable: cannot connect to 127.0.0.1:1: "
                     "Connection refused\" type=\"run\">"),
            std::string::npos);
}

TEST(RenderJunit, EscapesAndKeepsOnlyXmlCharacters) {
  const std::string xml = RenderJunit(MakeSampleRunForTesting());
  EXPECT_TRUE(IsValidUtf8(xml));
  for (char c : xml) {
    const unsigned char b = static_cast<unsigned char>(c);
    ASSERT_TRUE(b >= 0x20 || b == '\n' || b == '\t' || b == '\r') << "byte " << int{b};
  }
  EXPECT_EQ(xml.find("<script"), std::string::npos);
  EXPECT_EQ(xml.find("<img"), std::string::npos);
  EXPECT_NE(xml.find("&lt;script&gt;"), std::string::npos);
}

TEST(RenderMarkdown, SummarizesAndEscapes) {
  const std::string md = RenderMarkdown(MakeSampleRunForTesting());
  EXPECT_TRUE(IsValidUtf8(md));
  EXPECT_NE(md.find("| MUST | 1 | 1 | 1 | 1 | 4 |"), std::string::npos);
  EXPECT_NE(md.find("| **all** | 1 | 2 | 2 | 1 | 6 |"), std::string::npos);
  EXPECT_NE(md.find("## Failures"), std::string::npos);
  EXPECT_NE(md.find("## Errors"), std::string::npos);
  EXPECT_NE(md.find("### methods.options.allow"), std::string::npos);
  EXPECT_NE(md.find("- finding 405.allow (MUST"), std::string::npos);
  EXPECT_NE(md.find("## Not judged: a base case did not pass (1)\n\n"
                    "- framing.bad-reason.refined: depends on framing.bad-reason (fail)\n"),
            std::string::npos);
  EXPECT_NE(md.find("(run as a base of framing.bad-reason.refined)"), std::string::npos);
  // The MAY finding is listed with the findings that do not fail the run.
  const std::size_t not_failing = md.find("## Passive findings that do not fail the run (2)");
  EXPECT_NE(not_failing, std::string::npos);
  EXPECT_GT(md.find("| 503.retry-after | MAY |"), not_failing);
  EXPECT_NE(md.find("| methods.options.allow (MAY: the server's choice, not a violation) |"),
            std::string::npos);
  // Raw HTML never reaches the Markdown, outside fenced code blocks.
  std::string outside;
  bool in_fence = false;
  std::size_t start = 0;
  while (start < md.size()) {
    std::size_t end = md.find('\n', start);
    if (end == std::string::npos) end = md.size();
    const std::string line = md.substr(start, end - start);
    if (line.rfind("```", 0) == 0) {
      in_fence = !in_fence;
    } else if (!in_fence) {
      outside += line + "\n";
    }
    start = end + 1;
  }
  EXPECT_EQ(outside.find('<'), std::string::npos);
  EXPECT_FALSE(in_fence);
}

// A proxy run names the scripted origin behind the intermediary in every
// format; an origin run names none.
TEST(ProxyRun, EveryFormatNamesTheOrigin) {
  core::RunResult run = MakeSampleRunForTesting();
  run.proxy.origin = "127.0.0.1:18099";
  run.proxy.untagged = {"GET /"};
  run.proxy.untagged_count = 1;
  const core::RunResult plain = MakeSampleRunForTesting();
  using Render = std::string (*)(const core::RunResult&);
  for (Render render : {&RenderJson, &RenderHtml, &RenderJunit, &RenderMarkdown, &RenderSarif}) {
    const std::string out = render(run);
    EXPECT_NE(out.find("127.0.0.1:18099"), std::string::npos) << out.substr(0, 200);
    EXPECT_NE(out.find("gateway"), std::string::npos) << out.substr(0, 200);
    EXPECT_EQ(render(plain).find("18099"), std::string::npos);
  }
}

}  // namespace
}  // namespace httpconform::reports
