#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "reports/report.h"
#include "reports/sample_run.h"

namespace httpconform::reports {
namespace {

using std::string_literals::operator""s;
using Json = nlohmann::json;

TEST(RenderJson, IsAsciiValidJsonWithTheContractFields) {
  const std::string text = RenderJson(MakeSampleRunForTesting());
  for (char c : text) ASSERT_LT(static_cast<unsigned char>(c), 0x80) << "non-ASCII byte";
  const Json doc = Json::parse(text);
  EXPECT_EQ(doc["schema"], "httpconform-report/4");
  EXPECT_EQ(doc["tool"]["name"], "httpconform");
  EXPECT_EQ(doc["target"]["url"], "http://127.0.0.1:8080/");
  // failing: the MUST failure, the error and the MUST finding (the SHOULD
  // failure and finding are below --fail-on must; the MAY finding never counts).
  EXPECT_EQ(doc["summary"], Json::parse(R"({"total":6,"pass":1,"fail":2,"skip":2,"error":1,
                                            "findings":3,"failing":3})"));
  EXPECT_EQ(doc["policy"], Json::parse(R"({"fail_on":"MUST","fail_on_flaky":false,
                                           "strict_baseline":false})"));
  EXPECT_EQ(doc["error"], "");
  // --fail-on may counts what --fail-on should does: the SHOULD failure and
  // finding join, the MAY finding still does not.
  core::RunResult may = MakeSampleRunForTesting();
  may.policy.fail_on = core::Level::kMay;
  EXPECT_EQ(Json::parse(RenderJson(may))["summary"]["failing"], 5);
  EXPECT_EQ(doc["incomplete"], false);
  ASSERT_EQ(doc["results"].size(), 6u);
  const Json& fail = doc["results"][1];
  EXPECT_EQ(fail["outcome"], "fail");
  EXPECT_EQ(fail["spec"]["level"], "SHOULD");
  EXPECT_EQ(fail["expected"].size(), 2u);
  const Json& step = fail["steps"][0];
  // Header order and duplicates are kept, as [name, value] pairs.
  EXPECT_EQ(step["request"]["headers"][0], Json::parse(R"(["X-Dup","1"])"));
  EXPECT_EQ(step["request"]["headers"][1], Json::parse(R"(["x-dup","2"])"));
  EXPECT_EQ(step["response"]["headers"][0], Json::parse(R"(["Set-Cookie","a=1"])"));
  EXPECT_EQ(step["response"]["headers"][1], Json::parse(R"(["Set-Cookie","b=2"])"));
  EXPECT_EQ(step["response"]["framing"], "chunked");
  EXPECT_EQ(step["response"]["body_size"], 123456789012ULL);
  EXPECT_EQ(step["response"]["truncated"], true);
  EXPECT_LE(step["response"]["body_preview"].get<std::string>().size(), 2 * kBodyPreviewBytes);
  EXPECT_EQ(step["response"]["diagnostics"][1]["fatal"], true);
  EXPECT_EQ(step["interim"][0]["status"], 100);
  EXPECT_EQ(step["checks"][0]["kind"], "expect");
  EXPECT_EQ(doc["results"][3]["steps"][0]["response"], nullptr);
  EXPECT_EQ(doc["results"][4]["findings"][0]["rule"], "405.allow");
  // "section" as before (the rule's own), "sections" every one.
  EXPECT_EQ(doc["results"][4]["findings"][0]["section"],
            "RFC 9110 \xc2\xa7"
            "10.2.1");
  EXPECT_EQ(doc["results"][4]["findings"][0]["sections"], Json::array({"RFC 9110 \xc2\xa7"
                                                                       "10.2.1",
                                                                       "RFC 9110 \xc2\xa7"
                                                                       "15.5.6"}));
  EXPECT_EQ(doc["results"][4]["findings"][1]["sections"], Json::array({"RFC 9110 \xc2\xa7"
                                                                       "6.6.1"}));
  EXPECT_EQ(doc["results"][4]["findings"][1]["level"], "SHOULD");
  // The additions of docs/verdicts.md: written only where they say something.
  EXPECT_EQ(doc["results"][5]["after"], Json::parse(R"(["framing.bad-reason"])"));
  EXPECT_EQ(doc["results"][5]["blocked_by"],
            Json::parse(R"({"id":"framing.bad-reason","outcome":"fail"})"));
  EXPECT_EQ(doc["results"][1]["pulled_in_by"], Json::parse(R"(["framing.bad-reason.refined"])"));
  EXPECT_EQ(doc["results"][2]["optional_not_taken"], true);
  EXPECT_FALSE(doc["results"][0].contains("after"));
  EXPECT_FALSE(doc["results"][0].contains("blocked_by"));
  EXPECT_FALSE(doc["results"][0].contains("pulled_in_by"));
  EXPECT_FALSE(doc["results"][0].contains("optional_not_taken"));
}

TEST(RenderJson, EncodesBytesOneCharacterPerByte) {
  core::RunResult run = MakeSampleRunForTesting();
  const Json doc = Json::parse(RenderJson(run));
  const std::string bytes = doc["results"][1]["steps"][0]["request"]["bytes"];
  // NUL, 0xFF, 0xFE as U+0000, U+00FF, U+00FE.
  EXPECT_EQ(bytes.substr(0, 10), "GET /\0\xC3\xBF\xC3\xBE"s);
  const std::string preview = doc["results"][1]["steps"][0]["response"]["body_preview"];
  std::size_t chars = 0;
  for (char c : preview) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  EXPECT_EQ(chars, kBodyPreviewBytes);  // Capped at 1 KiB of content.
  // Text fields: valid UTF-8 kept, each invalid byte 0xNN becomes U+00NN.
  const std::string reason = doc["results"][1]["steps"][0]["response"]["reason"];
  EXPECT_EQ(reason.substr(0, 7),
            "a\xC2\x80"
            "b\xC3\x83(");
}

TEST(RenderJson, TextIsReadableWhereTheDataIsClean) {
  const std::string text = RenderJson(MakeSampleRunForTesting());
  EXPECT_NE(text.find("\"id\": \"conditional.if-none-match.304\""), std::string::npos);
  EXPECT_NE(text.find("\\u2028"), std::string::npos);  // Escaped, never raw.
  EXPECT_EQ(text.back(), '\n');
}

TEST(ParseJsonReport, RoundTripsTheSampleRun) {
  const core::RunResult run = MakeSampleRunForTesting();
  const std::string first = RenderJson(run);
  const auto parsed = ParseJsonReport(first);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  // A fixpoint: anything the reader dropped or changed would show up here.
  EXPECT_EQ(RenderJson(*parsed), first);
  const core::RunResult& back = *parsed;
  ASSERT_EQ(back.results.size(), run.results.size());
  const core::StepResult& s0 = run.results[1].steps[0];
  const core::StepResult& s1 = back.results[1].steps[0];
  EXPECT_EQ(s1.request.bytes, s0.request.bytes);  // Exact bytes, NUL and 0xFF included.
  EXPECT_EQ(s1.received, s0.received);
  EXPECT_EQ(s1.request.headers.size(), 3u);
  EXPECT_EQ(s1.request.headers[1].name, "x-dup");
  ASSERT_TRUE(s1.response.has_value());
  EXPECT_EQ(s1.response->content, s0.response->content.substr(0, kBodyPreviewBytes));
  EXPECT_EQ(s1.response->content_size, 123456789012ULL);
  EXPECT_EQ(s1.response->interim.size(), 1u);
  EXPECT_EQ(s1.response->interim[0].reason, s0.response->interim[0].reason);
  EXPECT_EQ(s1.response->trailers.size(), 1u);
  EXPECT_EQ(s1.response->diagnostics[0].offset, 13u);
  EXPECT_EQ(s1.response->framing, core::Framing::kChunked);
  EXPECT_TRUE(s1.connection_closed);
  EXPECT_TRUE(s1.response_before_content);
  EXPECT_EQ(back.results[1].title, run.results[1].title);  // Valid UTF-8 text: exact.
  EXPECT_EQ(back.results[1].spec.level, core::Level::kShould);
  EXPECT_EQ(back.results[1].outcome, core::Outcome::kFail);
  EXPECT_EQ(back.results[3].outcome, core::Outcome::kError);
  EXPECT_FALSE(back.results[3].steps[0].response.has_value());
  EXPECT_EQ(back.results[4].findings[1].rfc_section, run.results[4].findings[1].rfc_section);
  // A rule stated in two sections keeps both.
  EXPECT_EQ(back.results[4].findings[0].also_sections, std::vector<std::string>{"RFC 9110 \xc2\xa7"
                                                                                "15.5.6"});
  EXPECT_EQ(back.results[4].findings[0].Sections(),
            "RFC 9110 \xc2\xa7"
            "10.2.1, \xc2\xa7"
            "15.5.6");
  EXPECT_EQ(back.results[0].duration_ms, 1.25);
  EXPECT_EQ(back.duration_ms, 42.5);
  ASSERT_EQ(back.notes.size(), 2u);
  EXPECT_EQ(back.notes[0], run.notes[0]);
  EXPECT_EQ(back.started_at, run.started_at);
  // Dependencies and MAY choices (docs/verdicts.md) survive the round trip.
  EXPECT_EQ(back.results[1].pulled_in_by, std::vector<std::string>{"framing.bad-reason.refined"});
  EXPECT_TRUE(back.results[2].optional_not_taken);
  const core::CaseResult& blocked = back.results[5];
  EXPECT_EQ(blocked.after, std::vector<std::string>{"framing.bad-reason"});
  ASSERT_TRUE(blocked.blocked_by.has_value());
  EXPECT_EQ(blocked.blocked_by->id, "framing.bad-reason");
  EXPECT_EQ(blocked.blocked_by->outcome, "fail");
  EXPECT_FALSE(back.results[0].blocked_by.has_value());
  EXPECT_FALSE(back.results[0].optional_not_taken);
}

TEST(ParseJsonReport, RoundTripsSettingsVariablesAndDigests) {
  core::RunResult run = MakeSampleRunForTesting();
  run.settings.http = "2";
  run.settings.transport = "curl";
  run.settings.tls_verify = false;
  run.settings.tls_ca_file = "/etc/ca.pem";
  run.settings.case_paths = {"/home/me/my-api.json"};
  run.stop_reason = "stopped early: the target stopped answering";
  const auto parsed = ParseJsonReport(RenderJson(run));
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  const core::RunSettings& s = parsed->settings;
  EXPECT_TRUE(s.recorded);
  EXPECT_EQ(s.http, "2");
  EXPECT_EQ(s.transport, "curl");
  EXPECT_EQ(s.timeout_ms, 10000);
  EXPECT_FALSE(s.tls_verify);
  EXPECT_EQ(s.tls_ca_file, "/etc/ca.pem");
  EXPECT_EQ(s.case_paths, run.settings.case_paths);
  EXPECT_TRUE(s.discovery);
  ASSERT_EQ(s.discovered.size(), 1u);
  EXPECT_EQ(s.discovered[0].name, "resource");
  EXPECT_EQ(s.discovered[0].default_value, "/static/hello.txt");
  EXPECT_EQ(s.discovered[0].value, "/");
  EXPECT_EQ(s.discovery_notes, run.settings.discovery_notes);
  EXPECT_EQ(parsed->stop_reason, run.stop_reason);
  EXPECT_EQ(parsed->results[0].vars.at("resource"), "/");
  EXPECT_EQ(parsed->results[0].vars.size(), 2u);
  // The digest covers the content, not the 1024-byte preview the file keeps,
  // and survives a second rendering of the parsed report.
  const core::Response& original = *run.results[1].steps[0].response;
  const core::Response& back = *parsed->results[1].steps[0].response;
  EXPECT_EQ(back.content_sha256, ContentSha256(original.content));
  EXPECT_EQ(ContentSha256(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  const auto again = ParseJsonReport(RenderJson(*parsed));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->results[1].steps[0].response->content_sha256, back.content_sha256);
}

TEST(ParseJsonReport, ReadsVersion1WithoutSettings) {
  Json doc = Json::parse(RenderJson(MakeSampleRunForTesting()));
  doc["schema"] = "httpconform-report/1";
  doc.erase("settings");
  for (Json& r : doc["results"]) {
    r.erase("vars");
    for (Json& f : r["findings"]) f.erase("sections");
    for (Json& step : r["steps"]) {
      if (step["response"].is_object()) step["response"].erase("body_sha256");
    }
  }
  const auto parsed = ParseJsonReport(doc.dump());
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_FALSE(parsed->settings.recorded);
  EXPECT_TRUE(parsed->results[0].vars.empty());
  // A finding written before "sections": its one section.
  EXPECT_TRUE(parsed->results[4].findings[0].also_sections.empty());
  EXPECT_EQ(parsed->results[4].findings[0].Sections(),
            "RFC 9110 \xc2\xa7"
            "10.2.1");
}

// A finished step keeps only its first field lines (runner); the count of
// the others is part of the contract, written only when not 0.
TEST(ParseJsonReport, RoundTripsTheFieldsOmitted) {
  core::RunResult run = MakeSampleRunForTesting();
  core::Response& response = *run.results[1].steps[0].response;
  ASSERT_EQ(RenderJson(run).find("fields_omitted"), std::string::npos);
  response.fields_omitted = 17;
  const std::string text = RenderJson(run);
  EXPECT_NE(text.find("\"fields_omitted\": 17"), std::string::npos);
  const auto parsed = ParseJsonReport(text);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->results[1].steps[0].response->fields_omitted, 17u);
  EXPECT_EQ(RenderJson(*parsed), text);
  EXPECT_NE(RenderHtml(run).find("17 more field line(s) not kept"), std::string::npos);
}

TEST(ParseJsonReport, RoundTripsAnEmptyIncompleteRun) {
  core::RunResult run;
  run.incomplete = true;
  const auto parsed = ParseJsonReport(RenderJson(run));
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_TRUE(parsed->incomplete);
  EXPECT_TRUE(parsed->results.empty());
  EXPECT_EQ(parsed->tool_name, "httpconform");
}

std::string ErrorOf(const std::string& text) {
  const auto parsed = ParseJsonReport(text);
  if (parsed.has_value()) return "(parsed)";
  EXPECT_EQ(parsed.error().code, "report");
  return parsed.error().message;
}

// Nesting is ours (server bytes are strings inside): a file nested deeper
// than any report is refused at the first level too deep, before it costs
// memory, whatever follows; the deepest real report still reads.
TEST(ParseJsonReport, RefusesDeepNesting) {
  const std::string deep = std::string(1 << 22, '[') + std::string(1 << 22, ']');
  EXPECT_EQ(ErrorOf(deep), "arrays and objects nested deeper than 64 levels");
  EXPECT_EQ(ErrorOf("{\"results\": " + std::string(65, '[') + std::string(65, ']') + "}"),
            "arrays and objects nested deeper than 64 levels");
  EXPECT_EQ(ErrorOf("{\"a\": \"" + std::string(1000, '[') + "\"}")
                .rfind("not an httpconform JSON report", 0),
            0u);
  EXPECT_TRUE(ParseJsonReport(RenderJson(MakeSampleRunForTesting())).has_value());
}

TEST(ParseJsonReport, NamesWhatIsWrongByJsonPointer) {
  EXPECT_EQ(ErrorOf("{").rfind("not valid JSON: ", 0), 0u);
  // In the tool's words, not the JSON library's.
  EXPECT_EQ(ErrorOf("{"),
            "not valid JSON: line 1, column 2: unexpected end of input; "
            "expected string literal");
  EXPECT_EQ(ErrorOf("[]"),
            "not an httpconform JSON report (no \"schema\" member; write one with run --report "
            "json:PATH)");
  EXPECT_EQ(ErrorOf(R"({"schema": "httpconform-baseline/1", "failures": []})"),
            "this is a baseline file, not a JSON report (a report is what run --report json:PATH "
            "writes)");
  EXPECT_EQ(ErrorOf(R"({"schema":"httpconform-report/5"})"),
            "/schema: unsupported schema \"httpconform-report/5\" (expected "
            "\"httpconform-report/4\", \"httpconform-report/3\", \"httpconform-report/2\" or "
            "\"httpconform-report/1\")");

  Json doc = Json::parse(RenderJson(MakeSampleRunForTesting()));
  Json bad = doc;
  bad["results"][2].erase("outcome");
  EXPECT_EQ(ErrorOf(bad.dump()), "/results/2: missing member \"outcome\"");
  bad = doc;
  bad["results"][0]["outcome"] = "passed";
  EXPECT_EQ(ErrorOf(bad.dump()), "/results/0/outcome: expected pass, fail, skip or error");
  bad = doc;
  bad["results"][1]["steps"][0]["request"]["bytes"] = "\xE2\x82\xAC";
  EXPECT_EQ(ErrorOf(bad.dump()),
            "/results/1/steps/0/request/bytes: byte string has a character above U+00FF");
  bad = doc;
  bad["results"][1]["steps"][0]["response"]["headers"][0] = Json::array({"only-name"});
  EXPECT_EQ(ErrorOf(bad.dump()),
            "/results/1/steps/0/response/headers/0: expected [name, value] strings");
  bad = doc;
  bad["results"][4]["findings"][0]["level"] = "OUGHT";
  EXPECT_EQ(ErrorOf(bad.dump()), "/results/4/findings/0/level: expected MUST, SHOULD or MAY");
  bad = doc;
  bad["results"][1]["steps"][0]["response"]["body_size"] = -1;
  EXPECT_EQ(ErrorOf(bad.dump()),
            "/results/1/steps/0/response/body_size: expected a non-negative integer");
  bad = doc;
  bad["results"][3]["steps"][0]["interim"] = Json::array({Json::object()});
  EXPECT_EQ(ErrorOf(bad.dump()),
            "/results/3/steps/0/interim: interim responses without a final response");
}

TEST(ParseJsonReport, IgnoresUnknownMembers) {
  Json doc = Json::parse(RenderJson(MakeSampleRunForTesting()));
  doc["future"] = 1;
  doc["results"][0]["future"] = "x";
  const auto parsed = ParseJsonReport(doc.dump());
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->results.size(), 6u);
}

// The case's file and line survive the JSON report and its reading back.
TEST(JsonReport, CaseSourceRoundTrips) {
  core::RunResult run = MakeSampleRunForTesting();
  run.results[0].file = "cases/methods.json";
  run.results[0].line = 10;
  const std::string text = RenderJson(run);
  EXPECT_NE(text.find("\"source\""), std::string::npos);
  const auto parsed = ParseJsonReport(text);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->results[0].file, "cases/methods.json");
  EXPECT_EQ(parsed->results[0].line, 10);
  EXPECT_EQ(parsed->results[1].file, "");
}

}  // namespace
}  // namespace httpconform::reports
