#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "reports/report.h"
#include "reports/sample_run.h"
#include "reports/sha256.h"

namespace httpconform::reports {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::size_t Count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t pos = hay.find(needle); pos != std::string::npos;
       pos = hay.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

struct Tag {
  std::string name;  // Lower case, with a leading '/' for end tags.
  std::string text;  // From '<' to '>' inclusive.
};

// Every tag in the page, skipping the content of <style> and <script>
// (raw text elements: their content is never parsed as tags).
std::vector<Tag> Tags(const std::string& html) {
  std::vector<Tag> tags;
  std::size_t pos = 0;
  while ((pos = html.find('<', pos)) != std::string::npos) {
    const std::size_t end = html.find('>', pos);
    if (end == std::string::npos) break;
    Tag tag;
    tag.text = html.substr(pos, end - pos + 1);
    std::size_t i = pos + 1;
    while (i < end && (std::isalnum(static_cast<unsigned char>(html[i])) || html[i] == '/' ||
                       html[i] == '!')) {
      tag.name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[i])));
      ++i;
    }
    tags.push_back(tag);
    pos = end + 1;
    if (tag.name == "style" || tag.name == "script") {
      pos = Lower(html).find("</" + tag.name, pos);
      if (pos == std::string::npos) break;
    }
  }
  return tags;
}

// The tag with its (double-quoted, escaped) attribute values emptied: what
// is left is names only, so a handler there would be a real attribute.
std::string Bare(const std::string& tag_text) {
  std::string out;
  for (std::size_t i = 0; i < tag_text.size(); ++i) {
    out += tag_text[i];
    if (tag_text[i] != '"') continue;
    const std::size_t close = tag_text.find('"', i + 1);
    if (close == std::string::npos) continue;  // An unpaired quote stays as it is.
    out += '"';
    i = close;
  }
  return out;
}

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// An attribute named on... (an event handler): white space, "on", letters,
// optional white space, "=".
bool HasEventHandler(const std::string& bare_tag) {
  const std::string tag = Lower(bare_tag);
  for (std::size_t i = 0; i + 2 < tag.size(); ++i) {
    if (!IsSpace(tag[i]) || tag.compare(i + 1, 2, "on") != 0) continue;
    std::size_t j = i + 3;
    const std::size_t letters = j;
    while (j < tag.size() && tag[j] >= 'a' && tag[j] <= 'z') ++j;
    if (j == letters) continue;
    while (j < tag.size() && IsSpace(tag[j])) ++j;
    if (j < tag.size() && tag[j] == '=') return true;
  }
  return false;
}

std::string ScriptContent(const std::string& html, const std::string& open_tag) {
  const std::size_t start = html.find(open_tag);
  if (start == std::string::npos) return "";
  const std::size_t from = start + open_tag.size();
  return html.substr(from, html.find("</script>", from) - from);
}

class HtmlReportTest : public testing::Test {
 protected:
  const std::string html_ = RenderHtml(MakeSampleRunForTesting());
};

// The helpers above catch what they are for.
TEST(HtmlReportHelpersTest, BareAndEventHandlers) {
  EXPECT_EQ(Bare("<a href=\"x onclick=y\" title=\"\">"), "<a href=\"\" title=\"\">");
  EXPECT_TRUE(HasEventHandler("<img src=\"\" ONERROR = \"\">"));
  EXPECT_TRUE(HasEventHandler("<b\tonclick=\"\">"));
  EXPECT_FALSE(HasEventHandler(Bare("<a title=\" onclick=x\">")));
  EXPECT_FALSE(HasEventHandler("<a one two=\"\">"));
  EXPECT_FALSE(HasEventHandler("<button>"));
}

TEST_F(HtmlReportTest, OnlyOurOwnTagsAndNoEventHandlers) {
  const std::set<std::string> allowed = {
      "!doctype",   "html",   "head",    "meta", "title",  "style",   "body",
      "header",     "h1",     "h2",      "h4",   "h5",     "p",       "code",
      "ul",         "li",     "section", "div",  "b",      "table",   "tr",
      "th",         "td",     "figure",  "svg",  "text",   "rect",    "label",
      "input",      "select", "option",  "span", "button", "details", "summary",
      "blockquote", "br",     "cite",    "a",    "pre",    "script"};
  const std::vector<Tag> tags = Tags(html_);
  EXPECT_GT(tags.size(), 100u);
  int scripts = 0;
  for (const Tag& tag : tags) {
    const std::string name = tag.name[0] == '/' ? tag.name.substr(1) : tag.name;
    EXPECT_TRUE(allowed.count(name)) << "unexpected tag: " << tag.text;
    EXPECT_FALSE(HasEventHandler(Bare(tag.text))) << "event handler in: " << tag.text;
    EXPECT_EQ(Bare(tag.text).find('\''), std::string::npos) << "unquoted value: " << tag.text;
    EXPECT_EQ(Lower(tag.text).find("javascript:"), std::string::npos) << tag.text;
    if (tag.name == "script") ++scripts;
    if (tag.name == "img") ADD_FAILURE() << tag.text;
  }
  EXPECT_EQ(scripts, 2);  // The JSON data block and the filter script.
  EXPECT_EQ(Count(Lower(html_), "<script"), 2u);
  EXPECT_EQ(Count(Lower(html_), "<img"), 0u);
  // The hostile markup is there, as text.
  EXPECT_NE(html_.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x "
                       "onerror=alert(1)&gt;"),
            std::string::npos);
}

TEST_F(HtmlReportTest, LinksOnlyToRfcEditorAndLoadsNothing) {
  const std::string target = "http://127.0.0.1:8080/";
  for (const char* scheme : {"http://", "https://"}) {
    for (std::size_t pos = html_.find(scheme); pos != std::string::npos;
         pos = html_.find(scheme, pos + 1)) {
      const bool rfc = html_.compare(pos, 33, "https://www.rfc-editor.org/rfc/rf") == 0;
      const bool shown_target = html_.compare(pos, target.size(), target) == 0;
      EXPECT_TRUE(rfc || shown_target) << html_.substr(pos, 60);
    }
  }
  for (const Tag& tag : Tags(html_)) {
    EXPECT_EQ(Bare(tag.text).find("src="), std::string::npos) << tag.text;
    if (tag.name == "a") {
      // Links to the RFCs, or within the page (a finding to its case).
      EXPECT_TRUE(tag.text.find("href=\"https://www.rfc-editor.org/rfc/rfc") != std::string::npos ||
                  tag.text.rfind("<a href=\"#case-", 0) == 0)
          << tag.text;
    } else {
      EXPECT_EQ(Bare(tag.text).find("href="), std::string::npos) << tag.text;
    }
  }
  EXPECT_EQ(html_.find("url("), std::string::npos);
  EXPECT_EQ(html_.find("@import"), std::string::npos);
  EXPECT_NE(html_.find("href=\"https://www.rfc-editor.org/rfc/rfc9110#section-13.1.2\""),
            std::string::npos);
  EXPECT_NE(html_.find("href=\"https://www.rfc-editor.org/rfc/rfc9112#section-4\""),
            std::string::npos);
}

TEST_F(HtmlReportTest, CspAllowsExactlyOurScriptAndStyle) {
  const std::string script = ScriptContent(html_, "<script>");
  ASSERT_FALSE(script.empty());
  const auto digest = Sha256(script);
  const std::string hash =
      "'sha256-" + Base64(std::string(reinterpret_cast<const char*>(digest.data()), 32)) + "'";
  EXPECT_NE(html_.find("script-src " + hash), std::string::npos);
  EXPECT_NE(html_.find("default-src 'none'"), std::string::npos);
}

TEST_F(HtmlReportTest, EmbedsTheJsonReportSafely) {
  const std::string blob =
      ScriptContent(html_, "<script type=\"application/json\" id=\"report-data\">");
  ASSERT_FALSE(blob.empty());
  EXPECT_EQ(blob.find('<'), std::string::npos);
  EXPECT_EQ(blob.find('>'), std::string::npos);
  for (char c : blob) ASSERT_LT(static_cast<unsigned char>(c), 0x80);  // U+2028/9 escaped too.
  EXPECT_EQ(nlohmann::json::parse(blob),
            nlohmann::json::parse(RenderJsonCompact(MakeSampleRunForTesting())));
}

TEST_F(HtmlReportTest, ShowsSummaryChartsAndEveryCase) {
  EXPECT_EQ(Count(html_, "<details class=\"case "), 6u);
  EXPECT_NE(html_.find("<div class=\"tile fail\"><b>2</b>fail</div>"), std::string::npos);
  EXPECT_NE(html_.find("<tr><th>MUST</th><td>1</td><td>1</td><td>1</td><td>1</td><td>4</td></tr>"),
            std::string::npos);
  EXPECT_NE(html_.find("<title>4xx: 2 fail</title>"), std::string::npos);
  EXPECT_NE(html_.find("<title>3xx: 1 pass</title>"), std::string::npos);
  EXPECT_NE(html_.find("<title>RFC 9110 \xC2\xA7"
                       "13: 1 pass</title>"),
            std::string::npos);
  EXPECT_NE(html_.find("<code>405.allow</code>"), std::string::npos);  // Passive finding.
  EXPECT_NE(html_.find("Received ("), std::string::npos);              // Transcript.
  EXPECT_NE(html_.find("GET / HTTP/1.1\\r\\n"), std::string::npos);
  EXPECT_NE(html_.find("\\x00"), std::string::npos);  // NUL shown, not dropped.
  EXPECT_NE(html_.find("<option value=\"range\">range</option>"), std::string::npos);
  // Dependencies and MAY choices (docs/verdicts.md).
  EXPECT_NE(html_.find("not run: base case <code>framing.bad-reason</code> gave fail"),
            std::string::npos);
  EXPECT_NE(html_.find("refines (runs after): framing.bad-reason"), std::string::npos);
  EXPECT_NE(html_.find("not selected; run as a base of: framing.bad-reason.refined"),
            std::string::npos);
  EXPECT_NE(html_.find("MAY: the server made a choice the RFC allows; not a failure"),
            std::string::npos);
  // The summary counts them, as the console does.
  const std::size_t note = html_.find(
      "<p class=\"muted\" id=\"not-judged\">Of the skipped: 1 not judged because a base case "
      "they refine did not pass; 1 MAY option(s) the server did not take.</p>");
  EXPECT_NE(note, std::string::npos);
  EXPECT_LT(note, html_.find("<section id=\"cases\">"));
}

// What fails the run comes first: the verdict in the header, the passive
// findings right after the summary (those that fail the run first), then the
// cases with failures and errors first and the filter set to them.
TEST_F(HtmlReportTest, FailuresFirstAndFindingsOnTheFirstScreen) {
  const std::size_t verdict = html_.find(
      "<p id=\"verdict\" class=\"verdict failed\">FAIL: 1 failure, 1 error and 1 passive "
      "finding fail the run (--fail-on must); not counted: 1 failure below MUST, 1 passive "
      "finding below MUST and 1 passive finding at MAY (the server&#39;s choice)</p>");
  const std::size_t summary = html_.find("<section id=\"summary\">");
  const std::size_t findings = html_.find(
      "<section id=\"findings\"><h2>Passive findings (3; 1 "
      "fail the run)</h2>");
  const std::size_t cases = html_.find("<section id=\"cases\">");
  ASSERT_NE(verdict, std::string::npos);
  ASSERT_NE(findings, std::string::npos);
  EXPECT_LT(verdict, summary);
  EXPECT_LT(summary, findings);
  EXPECT_LT(findings, cases);
  EXPECT_NE(html_.find("<b>3</b>passive findings (1 fail the run)</div>"), std::string::npos);
  // The rule, level, section, the response it was found in, its case.
  // A rule stated in two sections shows both.
  EXPECT_NE(html_.find("<tr><td><code>405.allow</code></td><td>MUST</td><td>RFC 9110 \xC2\xA7"
                       "10.2.1, \xC2\xA7"
                       "15.5.6</td><td>405 response lacks Allow &lt;script&gt;"),
            std::string::npos);
  EXPECT_NE(html_.find("<code>GET / \xE2\x86\x92 HTTP/1.1 405 Method Not Allowed</code>"),
            std::string::npos);
  EXPECT_NE(html_.find("<a href=\"#case-4\"><code>methods.options.allow</code></a> step 1"),
            std::string::npos);
  EXPECT_LT(html_.find("<td class=\"counted\">fails the run</td>"),
            html_.find("<td>not counted: below --fail-on must</td>"));
  // The MAY finding says why it never counts.
  EXPECT_NE(html_.find("<td>not counted: MAY: the server&#39;s choice, not a violation</td>"),
            std::string::npos);
  // Rows: fail, error, fail, then pass, skip and skip; data-i maps each to its result.
  std::vector<std::string> order;
  for (std::size_t at = html_.find(" data-i=\""); at != std::string::npos;
       at = html_.find(" data-i=\"", at + 1)) {
    order.push_back(html_.substr(at + 9, html_.find('"', at + 9) - at - 9));
  }
  EXPECT_EQ(order, (std::vector<std::string>{"1", "3", "4", "0", "2", "5"}));
  EXPECT_NE(html_.find("value=\"pass\"> pass"), std::string::npos);  // Not ticked.
  EXPECT_NE(html_.find("value=\"fail\" checked> fail"), std::string::npos);
  EXPECT_NE(html_.find("value=\"skip\"> skip"), std::string::npos);
  EXPECT_NE(html_.find("value=\"error\" checked> error"), std::string::npos);
  // Expanded failures are text in the page colour; the outcome colours the border.
  EXPECT_NE(html_.find("details.case{border:1px solid var(--line);border-left:4px solid "
                       "var(--line);"),
            std::string::npos);
  EXPECT_NE(html_.find("color:var(--fg)}"), std::string::npos);
  EXPECT_NE(html_.find("details.case.fail{border-left-color:var(--fail)}"), std::string::npos);

  // A clean run shows every case and no findings section.
  core::RunResult clean = MakeSampleRunForTesting();
  for (core::CaseResult& r : clean.results) {
    r.outcome = core::Outcome::kPass;
    r.findings.clear();
  }
  const std::string passed = RenderHtml(clean);
  EXPECT_NE(passed.find("<p id=\"verdict\" class=\"verdict\">PASS: nothing fails the run at "
                        "--fail-on must</p>"),
            std::string::npos);
  EXPECT_EQ(passed.find("<section id=\"findings\">"), std::string::npos);
  EXPECT_NE(passed.find("value=\"pass\" checked> pass"), std::string::npos);
}

TEST(HtmlReport, ARunThatCouldNotHappenSaysSo) {
  core::RunResult run;
  run.error = "target unreachable: cannot connect to 127.0.0.1:1: <refused>";
  const std::string html = RenderHtml(run);
  EXPECT_NE(html.find("<p class=\"banner\" id=\"run-error\">The run could not be carried out, "
                      "so no case ran: target unreachable: cannot connect to 127.0.0.1:1: "
                      "&lt;refused&gt;</p>"),
            std::string::npos);
  EXPECT_NE(html.find("class=\"verdict failed\">FAIL: the run could not be carried out"),
            std::string::npos);
}

TEST(HtmlReport, HostileSectionGetsNoUrlFragment) {
  core::RunResult run;
  core::CaseResult r;
  r.id = "x";
  r.spec.rfc = 9110;
  r.spec.section = "1\"><script>alert(1)</script>";
  run.results.push_back(r);
  const std::string html = RenderHtml(run);
  EXPECT_NE(html.find("href=\"https://www.rfc-editor.org/rfc/rfc9110\""), std::string::npos);
  EXPECT_EQ(Count(Lower(html), "<script"), 2u);
}

TEST(HtmlReport, EmptyRunRenders) {
  core::RunResult run;
  run.incomplete = true;
  const std::string html = RenderHtml(run);
  EXPECT_NE(html.find("no data"), std::string::npos);
  EXPECT_NE(html.find("interrupted"), std::string::npos);
  EXPECT_EQ(html.rfind("</html>\n"), html.size() - 8);
}

}  // namespace
}  // namespace httpconform::reports
