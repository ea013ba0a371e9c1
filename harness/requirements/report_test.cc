#include "harness/requirements/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace httpconform::requirements {
namespace {

using core::Level;

Requirement Req(int rfc, const std::string& section, Level level, Observable o,
                const std::string& text) {
  Requirement r;
  r.rfc = rfc;
  r.section = section;
  r.id = std::to_string(rfc) + "-" + section + "-" + std::to_string(text.size());
  r.level = level;
  r.observable = o;
  r.text = text;
  return r;
}

struct Fixture {
  std::vector<CatalogueFile> catalogue;
  Coverage coverage;
  Matrix matrix;
};

Fixture Make() {
  Fixture f;
  CatalogueFile a{9110, {{"5", "Fields"}, {"8", "Representation"}}, {}};
  a.requirements = {Req(9110, "5.5", Level::kMust, Observable::kOrigin, "A | B MUST <c>."),
                    Req(9110, "5.6", Level::kShould, Observable::kOrigin, "S SHOULD x."),
                    Req(9110, "8.6", Level::kMust, Observable::kOrigin, "M MUST y."),
                    Req(9110, "8.7", Level::kMay, Observable::kOrigin, "Q MAY z."),
                    Req(9110, "8.8", Level::kMust, Observable::kIntermediary, "P MUST w.")};
  a.requirements[1].plan = "send *this*";
  a.requirements[2].reason = "needs a thing";
  a.requirements[3].reason = "MAY: nothing to fail";
  CatalogueFile b{9112, {{"9", "Connection Management"}}, {}};
  b.requirements = {Req(9112, "9.6", Level::kMust, Observable::kOrigin, "C MUST close.")};
  f.catalogue = {a, b};
  f.coverage.covered_by[a.requirements[0].id] = {"case.one"};
  f.coverage.covered_by[a.requirements[4].id] = {"case.two"};
  f.coverage.covered_by[b.requirements[0].id] = {"case.three", "rule:x"};
  f.coverage.outside.push_back({Quote{"case.four", 6455, "4.2.2", Level::kMust, "q"}, "why"});
  f.matrix = Tabulate(f.catalogue, f.coverage);
  return f;
}

TEST(ReportTest, MarkdownSaysTheFiguresAndListsWhatIsUncovered) {
  Fixture f = Make();
  std::string md = MarkdownReport(f.catalogue, f.coverage, f.matrix);
  // MUST: 2 of 3 origin-observable (5.5 and 9.6 covered, 8.6 not), 4 in all.
  EXPECT_NE(md.find("| MUST | 2 | 3 | 4 | 66.7% | 85% |"), std::string::npos) << md;
  EXPECT_NE(md.find("| SHOULD | 0 | 1 | 1 | 0.0% | 70% |"), std::string::npos) << md;
  EXPECT_NE(md.find("| MAY | 0 | 1 | 1 | (not counted) | - |"), std::string::npos) << md;
  EXPECT_NE(md.find("| 9110 | \xc2\xa7"
                    "8 Representation | 0 / 1 / 2 |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("### RFC 9110 \xc2\xa7"
                    "8 Representation"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- `9110-8.6-9` MUST \xc2\xa7"
                    "8.6: M MUST y.\n  - reason: needs a thing"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("  - plan: send \\*this\\*"), std::string::npos) << md;
  EXPECT_EQ(md.find("A \\| B MUST"), std::string::npos) << "a covered requirement is not listed";
  EXPECT_NE(md.find("- `9110-8.8-9` (intermediary): `case.two`"), std::string::npos) << md;
  EXPECT_NE(md.find("| `case.four` | RFC 6455 \xc2\xa7"
                    "4.2.2 MUST | q | why |"),
            std::string::npos)
      << md;
  // The MAY list is its own part.
  EXPECT_LT(md.find("## Origin-observable MAY"), md.find("`9110-8.7-8`")) << md;
}

TEST(ReportTest, JsonHasTheSameFigures) {
  Fixture f = Make();
  nlohmann::json j = nlohmann::json::parse(JsonReport(f.catalogue, f.coverage, f.matrix));
  EXPECT_EQ(j["total"]["MUST"]["covered"], 2);
  EXPECT_EQ(j["total"]["MUST"]["origin"], 3);
  EXPECT_EQ(j["total"]["MUST"]["all"], 4);
  EXPECT_DOUBLE_EQ(j["total"]["MUST"]["percent"].get<double>(), 66.7);
  EXPECT_FALSE(j["total"]["MAY"].contains("percent"));
  EXPECT_EQ(j["target"]["MUST"], kTargetMustPercent);
  ASSERT_EQ(j["rfcs"].size(), 2u);
  EXPECT_EQ(j["rfcs"][0]["observable"]["intermediary"], 1);
  EXPECT_EQ(j["rfcs"][0]["sections"][1]["title"], "Representation");
  EXPECT_EQ(j["rfcs"][1]["levels"]["MUST"]["covered"], 1);
  ASSERT_EQ(j["requirements"].size(), 6u);
  EXPECT_EQ(j["requirements"][5]["covered_by"], nlohmann::json({"case.three", "rule:x"}));
  EXPECT_EQ(j["requirements"][2]["reason"], "needs a thing");
  EXPECT_FALSE(j["requirements"][0].contains("reason"));
  EXPECT_EQ(j["outside"][0]["why"], "why");
  // 0 origin-observable: no percentage to give.
  EXPECT_TRUE(j["rfcs"][1]["levels"]["SHOULD"]["percent"].is_null());
}

TEST(ReportTest, MarkdownTextEscapes) {
  EXPECT_EQ(MarkdownText("a|b*c_d`e[f]g<h>i\\j\nk"), "a\\|b\\*c\\_d\\`e\\[f\\]g\\<h\\>i\\\\j k");
}

}  // namespace
}  // namespace httpconform::requirements
