// The compatibility matrix: the model (grouping, order, scores, "differs",
// reviews, the exchange budget), the HTML page (everything escaped, nothing
// loaded, CSP hashes, one link per cell) and the Markdown. The hostile
// sample run (sample_run.h) supplies data from "a server" with markup, NUL,
// invalid UTF-8 and "</script>" everywhere it can be.
#include "reports/matrix.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "reports/report.h"
#include "reports/sample_run.h"
#include "reports/sha256.h"

namespace httpconform::reports {
namespace {

using core::Level;
using core::Outcome;

core::CaseResult Result(std::string id, Outcome outcome, Level level, int rfc,
                        std::string section) {
  core::CaseResult r;
  r.id = std::move(id);
  r.title = "title of " + r.id;
  r.spec.rfc = rfc;
  r.spec.section = std::move(section);
  r.spec.level = level;
  r.spec.quote = "quote of " + r.id;
  r.outcome = outcome;
  return r;
}

MatrixServer Server(std::string name, std::vector<core::CaseResult> results) {
  MatrixServer s;
  s.name = std::move(name);
  s.version = s.name + " 1.0";
  s.run.target_url = "http://127.0.0.1:8080/";
  s.run.results = std::move(results);
  return s;
}

std::size_t Count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

std::string Between(const std::string& s, const std::string& open, const std::string& close) {
  const std::size_t a = s.find(open);
  if (a == std::string::npos) return "";
  const std::size_t b = s.find(close, a + open.size());
  return s.substr(a + open.size(),
                  b == std::string::npos ? std::string::npos : b - a - open.size());
}

std::string CspOf(const std::string& text) {
  const auto d = Sha256(text);
  return "'sha256-" + Base64(std::string(reinterpret_cast<const char*>(d.data()), 32)) + "'";
}

// Two servers; "b" lacks one case and differs on another.
std::vector<MatrixServer> TwoServers() {
  return {Server("a", {Result("x.13", Outcome::kPass, Level::kMust, 9110, "13.1.2"),
                       Result("x.9", Outcome::kFail, Level::kMust, 9110, "9.3"),
                       Result("x.app", Outcome::kSkip, Level::kShould, 9110, "A.1"),
                       Result("x.wire", Outcome::kPass, Level::kShould, 9112, "2.2"),
                       Result("x.only-a", Outcome::kError, Level::kMay, 9110, "13.2")}),
          Server("b", {Result("x.13", Outcome::kPass, Level::kMust, 9110, "13.1.2"),
                       Result("x.9", Outcome::kPass, Level::kMust, 9110, "9.3"),
                       Result("x.app", Outcome::kSkip, Level::kShould, 9110, "A.1"),
                       Result("x.wire", Outcome::kFail, Level::kShould, 9112, "2.2")})};
}

TEST(MatrixModel, SectionsInRfcThenNumericOrderWithAppendicesLast) {
  const Matrix m = BuildMatrix(TwoServers());
  std::vector<std::string> labels;
  for (const MatrixSection& s : m.sections) labels.push_back(std::to_string(s.rfc) + " " + s.top);
  EXPECT_EQ(labels, (std::vector<std::string>{"9110 9", "9110 13", "9110 A", "9112 2"}));
  ASSERT_EQ(m.sections[1].rows.size(), 2u);
  EXPECT_EQ(m.sections[1].rows[0].id, "x.13");      // 13.1.2 before 13.2
  EXPECT_EQ(m.sections[1].rows[1].id, "x.only-a");  // 13.2
  EXPECT_EQ(m.cases, 5);
}

TEST(MatrixModel, MissingCellsAndDiffers) {
  const Matrix m = BuildMatrix(TwoServers());
  for (const MatrixSection& sec : m.sections) {
    for (const MatrixRow& row : sec.rows) {
      ASSERT_EQ(row.result_index.size(), 2u);
      if (row.id == "x.only-a") {
        EXPECT_GE(row.result_index[0], 0);
        EXPECT_EQ(row.result_index[1], -1);
        EXPECT_FALSE(row.differs) << "one server only: nothing to differ from";
      } else {
        EXPECT_GE(row.result_index[1], 0) << row.id;
        EXPECT_EQ(row.differs, row.id == "x.9" || row.id == "x.wire") << row.id;
      }
    }
  }
}

TEST(MatrixModel, ScoresCountOnlyCasesThatRan) {
  const Matrix m = BuildMatrix(TwoServers());
  const MatrixScore& a = m.scores[0];
  EXPECT_EQ(a.total, 5);
  EXPECT_EQ(a.pass, 2);
  EXPECT_EQ(a.fail, 1);
  EXPECT_EQ(a.skip, 1);
  EXPECT_EQ(a.error, 1);
  EXPECT_EQ(a.must_run, 2);
  EXPECT_EQ(a.must_pass, 1);
  EXPECT_EQ(a.should_run, 1);  // The skipped SHOULD does not count.
  EXPECT_EQ(a.should_pass, 1);
  const MatrixScore& b = m.scores[1];
  EXPECT_EQ(b.must_pass, 2);
  EXPECT_EQ(b.should_run, 1);
  EXPECT_EQ(b.should_pass, 0);
  EXPECT_EQ(Percent(1, 2), "50%");
  EXPECT_EQ(Percent(2, 3), "67%");
  EXPECT_EQ(Percent(0, 0), "-");
}

TEST(MatrixModel, EmptyInputs) {
  EXPECT_EQ(BuildMatrix({}).cases, 0);
  const Matrix m = BuildMatrix({Server("none", {})});
  EXPECT_TRUE(m.sections.empty());
  EXPECT_EQ(m.scores[0].total, 0);
  EXPECT_NE(RenderMatrixHtml({}).find("0 servers, 0 cases"), std::string::npos);
  EXPECT_NE(RenderMatrixMarkdown({Server("none", {})}).find("No server fails any case."),
            std::string::npos);
}

TEST(MatrixModel, ParseExpectedVerdicts) {
  auto ok = ParseExpectedVerdicts(
      R"({"a": {"outcome": "fail", "justification": "why"}, "b": {"outcome": "skip"}})");
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->at("a").outcome, "fail");
  EXPECT_EQ(ok->at("a").justification, "why");
  EXPECT_EQ(ok->at("b").justification, "");
  const struct {
    const char* text;
    const char* where;
  } bad[] = {
      {"[]", "/:"},
      {R"({"a": 1})", "/a:"},
      {R"({"a": {}})", "/a/outcome"},
      {R"({"a": {"outcome": "pass"}})", "/a/outcome"},
      {R"({"a": {"outcome": "fail", "justification": 3}})", "/a/justification"},
      {"{", ""},
  };
  for (const auto& c : bad) {
    auto r = ParseExpectedVerdicts(c.text);
    ASSERT_FALSE(r) << c.text;
    EXPECT_NE(r.error().message.find(c.where), std::string::npos)
        << c.text << ": " << r.error().message;
  }
}

// A run of `cases` cases whose every step carries `bytes` received bytes.
MatrixServer Generated(int index, int cases, const std::string& bytes, int steps) {
  std::vector<core::CaseResult> results;
  for (int c = 0; c < cases; ++c) {
    const Outcome o = (c + index) % 7 == 0 ? Outcome::kFail
                      : c % 5 == 0         ? Outcome::kSkip
                                           : Outcome::kPass;
    core::CaseResult r =
        Result("case." + std::to_string(c), o, c % 2 ? Level::kMust : Level::kShould, 9110,
               std::to_string(c % 17 + 1) + "." + std::to_string(c % 3));
    for (int s = 0; s < steps; ++s) {
      core::StepResult st;
      st.request.method = "GET";
      st.request.target = "/static/data.txt";
      st.request.bytes = "GET /static/data.txt HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n" + bytes;
      st.received = bytes;
      st.checks.push_back({"expect", "status", o != Outcome::kFail, "status 200", "status 500"});
      r.steps.push_back(std::move(st));
    }
    results.push_back(std::move(r));
  }
  return Server("server-" + std::to_string(index), std::move(results));
}

TEST(MatrixBudget, AllowanceKeepsThePageWithinTheBudget) {
  const std::string big(20000, 'x');
  std::vector<MatrixServer> servers;
  for (int i = 0; i < 25; ++i) servers.push_back(Generated(i, 300, big, 2));
  const MatrixAllowance a = ExchangeAllowance(servers);
  std::size_t kept = 0;
  for (const MatrixServer& s : servers) {
    for (const core::CaseResult& r : s.run.results) {
      const bool failed = r.outcome == Outcome::kFail || r.outcome == Outcome::kError;
      kept += 2 * r.steps.size() * (failed ? a.failed : a.other);
    }
  }
  EXPECT_LE(kept, kMatrixExchangeBudget);
  EXPECT_GT(a.other, 0u);
  EXPECT_GE(a.failed, a.other) << "failures are what people open";
  EXPECT_LE(a.failed, kMatrixBytesPerDirection);

  // A small matrix keeps whole exchanges up to the per-direction cap.
  const MatrixAllowance small = ExchangeAllowance(TwoServers());
  EXPECT_EQ(small.failed, 0u) << "no steps at all";
  const MatrixAllowance one = ExchangeAllowance({Generated(0, 3, big, 1)});
  EXPECT_EQ(one.failed, kMatrixBytesPerDirection);
  EXPECT_EQ(one.other, kMatrixBytesPerDirection);
}

// 25 servers x 300 cases, two steps each, 20 kB each way (ASCII, and then
// hostile bytes that escape to 6 characters each): the page stays within
// 6 x the exchange budget plus a per-cell overhead, whatever the reports
// hold, and has one link per cell.
TEST(MatrixBudget, TwentyFiveServersByThreeHundredCasesStayBounded) {
  for (const std::string& bytes : {std::string(20000, 'x'), std::string(20000, '\xff')}) {
    std::vector<MatrixServer> servers;
    for (int i = 0; i < 25; ++i) servers.push_back(Generated(i, 300, bytes, 2));
    const std::string html = RenderMatrixHtml(servers);
    const std::size_t cells = 25 * 300;
    const std::size_t per_cell_overhead = 1200;  // Markup, checks, verdict text, JSON keys.
    EXPECT_LE(html.size(), 6 * kMatrixExchangeBudget + cells * per_cell_overhead)
        << "page of " << html.size() << " bytes";
    EXPECT_EQ(Count(html, "<a href=\"#x-"), cells);
    EXPECT_EQ(Count(html, "<tr data-r="), 300u);
    if (bytes[0] == 'x') {
      // Plain text costs about a byte a byte: the page is far smaller.
      EXPECT_LE(html.size(), kMatrixExchangeBudget * 3 / 2 + cells * per_cell_overhead);
    }
  }
}

std::vector<MatrixServer> HostileServers() {
  MatrixServer evil;
  evil.run = MakeSampleRunForTesting();
  evil.name = std::string("evil") + kHostileMarkup;
  evil.version = std::string("1.0 ") + kHostileMarkup + "</script>";
  evil.about = std::string("app ") + kHostileMarkup;
  evil.reviews["framing.bad-reason"] = {"fail", std::string("review ") + kHostileMarkup};
  MatrixServer plain = Server("plain", {});
  plain.run = MakeSampleRunForTesting();
  return {evil, plain};
}

TEST(MatrixHtml, EverythingFromServersAndCasesIsEscaped) {
  const std::string html = RenderMatrixHtml(HostileServers());
  // The markup appears only escaped: never as a tag, never in the JSON block raw.
  EXPECT_EQ(html.find(kHostileMarkup), std::string::npos);
  EXPECT_EQ(Count(html, "<script"), 2u);
  EXPECT_EQ(Count(html, "</script>"), 2u);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  const std::string blob =
      Between(html, "<script type=\"application/json\" id=\"matrix-data\">", "</script>");
  ASSERT_FALSE(blob.empty());
  EXPECT_EQ(blob.find('<'), std::string::npos);
  EXPECT_EQ(blob.find('>'), std::string::npos);
  for (char c : blob) ASSERT_LT(static_cast<unsigned char>(c), 0x80);
  const nlohmann::json data = nlohmann::json::parse(blob);
  EXPECT_EQ(data["servers"][0]["name"], std::string("evil") + kHostileMarkup);
  // The review of the hostile failure is carried, as text, into its cell.
  bool found = false;
  for (std::size_t r = 0; r < data["rows"].size(); ++r) {
    if (data["rows"][r]["id"] != "framing.bad-reason") continue;
    EXPECT_EQ(data["cells"][r][0]["rev"], std::string("review ") + kHostileMarkup);
    EXPECT_EQ(data["cells"][r][1]["o"], "fail");
    found = true;
  }
  EXPECT_TRUE(found);
}

TEST(MatrixHtml, SelfContainedWithExactCsp) {
  const std::string html = RenderMatrixHtml(HostileServers());
  const std::string script = Between(html, "<script>", "</script>");
  const std::string style = Between(html, "<style>", "</style>");
  ASSERT_FALSE(script.empty());
  ASSERT_FALSE(style.empty());
  EXPECT_NE(html.find("default-src 'none'; style-src " + CspOf(style) + "; script-src " +
                      CspOf(script) + ";"),
            std::string::npos);
  // Nothing to load: no src, no stylesheet link, no url() or @import, and the
  // only absolute links are to the RFC text (in the JSON) or the targets shown.
  EXPECT_EQ(Count(html, " src="),  // Only as escaped text, in markup or in the JSON block.
            Count(html, "&lt;img src=") + Count(html, "\\u003cimg src="));
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  for (std::size_t p = html.find("http"); p != std::string::npos; p = html.find("http", p + 1)) {
    const std::string at = html.substr(p, 40);
    if (at.rfind("http://", 0) != 0 && at.rfind("https://", 0) != 0) continue;
    EXPECT_TRUE(at.rfind("https://www.rfc-editor.org/rfc/rfc", 0) == 0 ||
                at.rfind("http://127.0.0.1:8080/", 0) == 0)
        << at;
  }
  // The script builds the panel with textContent, never from markup.
  EXPECT_EQ(script.find("innerHTML"), std::string::npos);
  EXPECT_EQ(script.find("insertAdjacentHTML"), std::string::npos);
  EXPECT_EQ(script.find("document.write"), std::string::npos);
}

TEST(MatrixHtml, OneLinkPerCellAndUnreviewedFlagged) {
  std::vector<MatrixServer> servers = TwoServers();
  servers[1].reviews["x.wire"] = {"fail", "reviewed"};
  servers[1].reviews["x.app"] = {"skip", "UNREVIEWED"};
  const std::string html = RenderMatrixHtml(servers);
  EXPECT_EQ(Count(html, "<a href=\"#x-"), 9u);  // 5 + 4 results.
  EXPECT_EQ(Count(html, "title=\"not in this report\""), 1u);
  // b's skip has a review that is not written yet: flagged; its reviewed
  // failure is not; server a has no reviews at all, so nothing is flagged.
  EXPECT_EQ(Count(html, "class=\"c s u\""), 1u);
  EXPECT_EQ(Count(html, "class=\"c f u\""), 0u);
  EXPECT_NE(html.find("data-d=\"1\""), std::string::npos);
}

TEST(MatrixMarkdown, ScoresFailuresAndTable) {
  std::vector<MatrixServer> servers = TwoServers();
  servers[0].reviews["x.9"] = {"fail", "True violation: a did it"};
  const std::string md = RenderMatrixMarkdown(servers);
  EXPECT_NE(md.find("| a | a 1.0 |  | 5 | 4 (80%) | 2 | 1 | 1 | 1 | 50% (1/2) | 100% (1/1) |"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("review: True violation: a did it"), std::string::npos);
  EXPECT_NE(md.find("not reviewed (expected: pass)"), std::string::npos);  // b's x.wire
  EXPECT_NE(md.find("### RFC 9110 §A"), std::string::npos);
  EXPECT_NE(md.find("| x.only-a | MAY | *error* | — |"), std::string::npos) << md;
}

TEST(MatrixMarkdown, HostileTextCannotBreakOutOfItsCell) {
  const std::string md = RenderMatrixMarkdown(HostileServers());
  EXPECT_EQ(md.find(kHostileMarkup), std::string::npos);
  EXPECT_EQ(md.find("<script>"), std::string::npos);
  EXPECT_EQ(md.find("<img"), std::string::npos);
  // Every table row has the same number of cells as its header.
  std::size_t pos = md.find("## Matrix");
  ASSERT_NE(pos, std::string::npos);
  std::size_t want = 0;
  while ((pos = md.find("\n|", pos)) != std::string::npos) {
    const std::size_t end = md.find('\n', pos + 1);
    const std::string line = md.substr(pos + 1, end - pos - 1);
    std::size_t bars = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++bars;
    }
    if (want == 0) want = bars;
    EXPECT_EQ(bars, want) << line;
    pos = end;
  }
  EXPECT_EQ(want, 5u);  // case, level, two servers.
}

}  // namespace
}  // namespace httpconform::reports
