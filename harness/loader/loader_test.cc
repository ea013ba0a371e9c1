#include "harness/loader/loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "harness/loader/dependencies.h"

namespace httpconform::loader {
namespace {

namespace fs = std::filesystem;
using core::Case;
using core::ContentCheck;
using core::HeaderCheck;

const std::string kSourceDir = HTTPCONFORM_SOURCE_DIR;

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

// A minimal valid case file with `step` as its only step.
std::string OneStep(const std::string& step) {
  return "{\"cases\": [{\"id\": \"a.b\", \"title\": \"t\",\n"
         "\"spec\": {\"rfc\": 9110, \"section\": \"1\", \"level\": \"MUST\", \"quote\": \"A server "
         "MUST answer.\"},\n"
         "\"codes\": [], \"unkillable\": \"u\", \"steps\": [\n" +
         step + "\n]}]}";
}

TEST(LoaderTest, FullCaseRoundTrips) {
  auto files = ReadCasePaths({kSourceDir + "/harness/loader/testdata/full_case.json"});
  ASSERT_TRUE(files.has_value()) << files.error().message;
  ASSERT_EQ(files->size(), 1u);
  auto loaded = LoadCases(*files);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  ASSERT_EQ(loaded->size(), 2u);
  const Case& c = (*loaded)[0];
  EXPECT_EQ(c.id, "conditional.if-none-match.304");
  EXPECT_EQ(c.title, "GET with a matching If-None-Match yields 304 Not Modified");
  EXPECT_EQ(c.spec.rfc, 9110);
  EXPECT_EQ(c.spec.section, "13.1.2");
  EXPECT_EQ(c.spec.level, core::Level::kMust);
  EXPECT_EQ(c.spec.quote.rfind("the origin server MUST NOT", 0), 0u);
  EXPECT_EQ(c.codes, (std::vector<int>{304, 200}));
  EXPECT_EQ(c.tags, (std::vector<std::string>{"conditional", "etag"}));
  ASSERT_EQ(c.vars.size(), 2u);
  EXPECT_EQ(c.vars.at("resource"), std::optional<std::string>("/"));
  EXPECT_FALSE(c.vars.at("secret").has_value());
  EXPECT_EQ(c.killed_by, (std::vector<std::string>{"ignore-if-none-match", "weak-if-match"}));
  EXPECT_EQ(c.unkillable, "");
  EXPECT_EQ(c.timeout_ms, 5000);
  EXPECT_TRUE(c.http11_only);
  EXPECT_EQ(c.attempts, 3);
  EXPECT_EQ(c.file, kSourceDir + "/harness/loader/testdata/full_case.json");
  EXPECT_EQ(c.line, 5);
  ASSERT_EQ(c.steps.size(), 4u);

  // Step 0: structured GET, a require, four captures, a note.
  const core::Step& s0 = c.steps[0];
  EXPECT_FALSE(s0.request.raw);
  EXPECT_EQ(s0.request.method, "GET");
  EXPECT_EQ(s0.request.target, "${resource}");
  ASSERT_EQ(s0.require.size(), 1u);
  EXPECT_EQ(s0.require[0].status, (std::vector<int>{200}));
  ASSERT_EQ(s0.require[0].headers.size(), 1u);
  EXPECT_EQ(s0.require[0].headers[0].name, "ETag");
  EXPECT_EQ(s0.require[0].headers[0].op, HeaderCheck::Op::kPresent);
  EXPECT_EQ(s0.require[0].because, "needs an ETag");
  EXPECT_TRUE(s0.expect.empty());
  ASSERT_EQ(s0.captures.size(), 4u);
  EXPECT_EQ(s0.captures[0].var, "etag");
  EXPECT_EQ(s0.captures[0].source, core::Capture::Source::kHeader);
  EXPECT_EQ(s0.captures[0].header, "ETag");
  EXPECT_EQ(s0.captures[1].var, "code");
  EXPECT_EQ(s0.captures[1].source, core::Capture::Source::kStatus);
  EXPECT_EQ(s0.captures[2].source, core::Capture::Source::kHeaderRegex);
  EXPECT_EQ(s0.captures[2].header, "Content-Range");
  EXPECT_EQ(s0.captures[2].regex, "/(\\d+)$");
  EXPECT_EQ(s0.captures[3].source, core::Capture::Source::kContentRegex);
  EXPECT_EQ(s0.captures[3].regex, "token=(\\w+)");
  EXPECT_EQ(s0.note, "first fetch");

  // Step 1: every structured request option; two alternatives.
  const core::Step& s1 = c.steps[1];
  EXPECT_EQ(s1.request.method, "POST");
  EXPECT_EQ(s1.request.target, "${resource}?t=${tok}");
  ASSERT_EQ(s1.request.headers.size(), 3u);
  EXPECT_EQ(s1.request.headers[0].name, "If-None-Match");
  EXPECT_EQ(s1.request.headers[0].value, "${etag}");
  EXPECT_EQ(s1.request.headers[2].name, "X-Dup");
  EXPECT_EQ(s1.request.headers[2].value, "b");
  EXPECT_EQ(s1.request.body, std::optional<std::string>("hello $$ ${secret}"));
  EXPECT_FALSE(s1.request.default_headers);
  EXPECT_EQ(s1.request.continue_wait_ms, 1000);
  EXPECT_TRUE(s1.request.reuse_connection);
  EXPECT_TRUE(s1.request.half_close);
  ASSERT_EQ(s1.expect.size(), 2u);
  const core::Expectation& e = s1.expect[0];
  EXPECT_EQ(e.status, (std::vector<int>{304}));
  // "headers" keeps the file's order, then "header" adds presence checks.
  ASSERT_EQ(e.headers.size(), 11u);
  std::vector<std::pair<std::string, HeaderCheck::Op>> ops;
  for (const auto& h : e.headers) ops.emplace_back(h.name, h.op);
  EXPECT_EQ(ops, (std::vector<std::pair<std::string, HeaderCheck::Op>>{
                     {"ETag", HeaderCheck::Op::kEquals},
                     {"Content-Length", HeaderCheck::Op::kAbsent},
                     {"Date", HeaderCheck::Op::kPresent},
                     {"Vary", HeaderCheck::Op::kListContains},
                     {"Allow", HeaderCheck::Op::kListExcludes},
                     {"Cache-Control", HeaderCheck::Op::kMatches},
                     {"Set-Cookie", HeaderCheck::Op::kCount},
                     {"Content-Type", HeaderCheck::Op::kEquals},
                     {"Content-Encoding", HeaderCheck::Op::kNotMatches},
                     {"Date", HeaderCheck::Op::kPresent},
                     {"ETag", HeaderCheck::Op::kPresent}}));
  EXPECT_EQ(e.headers[0].value, "${etag}");
  EXPECT_EQ(e.headers[3].value, "accept-encoding");
  EXPECT_EQ(e.headers[5].value, "max-age=\\d+");
  EXPECT_EQ(e.headers[6].count, 0);
  EXPECT_EQ(e.headers[8].value, "^gzip$");
  ASSERT_EQ(e.content.size(), 1u);
  EXPECT_EQ(e.content[0].kind, ContentCheck::Kind::kEmpty);
  EXPECT_EQ(e.interim, std::optional<std::vector<int>>(std::vector<int>{100}));
  EXPECT_EQ(e.connection_closed, std::optional<bool>(false));
  EXPECT_EQ(e.diagnostics_present, (std::vector<std::string>{"status-line.missing-sp"}));
  EXPECT_EQ(e.diagnostics_absent, (std::vector<std::string>{"*"}));
  EXPECT_EQ(e.response_before_content, std::optional<bool>(true));
  EXPECT_FALSE(e.no_response.has_value());
  EXPECT_EQ(e.because, "a matching tag means not modified");
  const core::Expectation& e2 = s1.expect[1];
  EXPECT_EQ(e2.status, (std::vector<int>{412, 200}));
  EXPECT_EQ(e2.content[0].kind, ContentCheck::Kind::kNonEmpty);
  EXPECT_EQ(e2.no_response, std::optional<bool>(false));
  EXPECT_FALSE(e2.interim.has_value());

  // Step 2: raw lines joined with CRLF, escapes decoded; every content check.
  const core::Step& s2 = c.steps[2];
  EXPECT_TRUE(s2.request.raw);
  EXPECT_FALSE(s2.request.reuse_connection);
  ASSERT_EQ(s2.request.segments.size(), 1u);
  EXPECT_EQ(s2.request.segments[0].bytes, "GET ${path} HTTP/1.1\r\nHost: ${authority}A\t\r\n\r\n");
  ASSERT_EQ(s2.expect.size(), 7u);
  EXPECT_EQ(s2.expect[0].content[0].kind, ContentCheck::Kind::kEquals);
  EXPECT_EQ(s2.expect[0].content[0].value, "${code}");
  EXPECT_EQ(s2.expect[1].content[0].kind, ContentCheck::Kind::kMatches);
  EXPECT_EQ(s2.expect[1].content[0].value, "^h.*o$");
  EXPECT_EQ(s2.expect[2].content[0].kind, ContentCheck::Kind::kSize);
  EXPECT_EQ(s2.expect[2].content[0].size, 5u);
  const ContentCheck& range = s2.expect[3].content[0];
  EXPECT_EQ(range.kind, ContentCheck::Kind::kRangeOf);
  EXPECT_EQ(range.step, 0);
  EXPECT_EQ(range.first, "${len}");
  EXPECT_EQ(range.last, "4");
  EXPECT_EQ(s2.expect[4].content[0].kind, ContentCheck::Kind::kSameAs);
  EXPECT_EQ(s2.expect[4].content[0].step, 1);
  EXPECT_EQ(s2.expect[4].connection_closed, std::optional<bool>(true));
  EXPECT_EQ(s2.expect[5].content[0].kind, ContentCheck::Kind::kMatchesContentRange);
  EXPECT_EQ(s2.expect[5].content[0].step, 0);
  // "content" as an array: every check must hold.
  ASSERT_EQ(s2.expect[6].content.size(), 2u);
  EXPECT_EQ(s2.expect[6].content[0].kind, ContentCheck::Kind::kMatches);
  EXPECT_EQ(s2.expect[6].content[1].kind, ContentCheck::Kind::kNotMatches);
  EXPECT_EQ(s2.expect[6].content[1].value, "x");

  // Step 3: raw segments with timing.
  const core::Step& s3 = c.steps[3];
  ASSERT_EQ(s3.request.segments.size(), 2u);
  EXPECT_EQ(s3.request.segments[0].bytes, "POST / HTTP/1.1\r\nHost: ${host}:${port}\r\n\r\n");
  EXPECT_EQ(s3.request.segments[0].wait_for_response_ms, 250);
  EXPECT_EQ(s3.request.segments[0].delay_ms, 0);
  EXPECT_EQ(s3.request.segments[1].bytes, std::string("a\\b\0\n", 5));
  EXPECT_EQ(s3.request.segments[1].delay_ms, 10);
  EXPECT_TRUE(s3.request.half_close);
  EXPECT_EQ(s3.expect[0].status, (std::vector<int>{100}));

  // The minimal case gets the documented defaults.
  const Case& m = (*loaded)[1];
  EXPECT_EQ(m.id, "wire.minimal");
  EXPECT_EQ(m.spec.level, core::Level::kMay);
  EXPECT_TRUE(m.codes.empty());
  EXPECT_EQ(m.unkillable, "nothing a server does can fail it");
  EXPECT_EQ(m.timeout_ms, 0);
  EXPECT_FALSE(m.http11_only);
  EXPECT_EQ(m.attempts, 1);
  ASSERT_EQ(m.steps.size(), 1u);
  EXPECT_EQ(m.steps[0].request.method, "GET");
  EXPECT_EQ(m.steps[0].request.target, "${path}");
  EXPECT_TRUE(m.steps[0].request.default_headers);
  EXPECT_FALSE(m.steps[0].request.body.has_value());
}

// Every tests/malformed/NAME.json fails to load with the first line of its
// error starting with tests/malformed/NAME.expected (a whole line, or a
// prefix where the text comes from the standard library, as for regexes).
TEST(LoaderTest, MalformedTable) {
  auto files = ReadCasePaths({kSourceDir + "/tests/malformed"});
  ASSERT_TRUE(files.has_value()) << files.error().message;
  int checked = 0;
  for (const auto& file : *files) {
    std::string name = fs::path(file.path).stem().string();
    SCOPED_TRACE(name);
    std::string expected_path = kSourceDir + "/tests/malformed/" + name + ".expected";
    ASSERT_TRUE(fs::exists(expected_path));
    std::string expected = FirstLine(ReadText(expected_path));
    ASSERT_FALSE(expected.empty());
    // Messages name the file as the CLI would when run from the source tree.
    SourceFile relative{"tests/malformed/" + name + ".json", file.text};
    // As `run --no-builtin --cases FILE` loads it (dependencies included).
    auto loaded = LoadLibrary({}, {relative});
    ASSERT_FALSE(loaded.has_value());
    EXPECT_EQ(loaded.error().code, "case-file");
    std::string first = FirstLine(loaded.error().message);
    EXPECT_EQ(first.substr(0, expected.size()), expected) << "full: " << first;
    auto lint = LintLibrary({}, {relative});
    ASSERT_FALSE(lint.empty());
    EXPECT_EQ(lint[0].Format(), loaded.error().message);
    ++checked;
  }
  EXPECT_GE(checked, 30);
}

TEST(LoaderTest, FormatShowsLineAndCaretKeepingTabs) {
  LoadError e;
  e.file = "cases/x.json";
  e.line = 12;
  e.column = 5;
  e.pointer = "/cases/0/steps/0/expect/status";
  e.message = "expected an integer or an array of integers, got a string";
  e.source_line = "\t\t\"status\": \"200\"";
  EXPECT_EQ(e.Format(),
            "cases/x.json:12:5: /cases/0/steps/0/expect/status: expected an integer or an array "
            "of integers, got a string\n"
            "\t\t\"status\": \"200\"\n"
            "\t\t  ^");
  LoadError bare;
  bare.file = "f.json";
  bare.message = "m";
  EXPECT_EQ(bare.Format(), "f.json: m");
}

TEST(LoaderTest, CaretCountsUtf8CharactersOnce) {
  SourceFile f{"u.json", OneStep("{\"note\": \"\xC3\xA9\xC3\xA9\", \"request\": {\"x\": 1}}")};
  auto errors = LintCaseFile(f);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 4);
  EXPECT_EQ(errors[0].column, 30);  // Bytes: each é is two.
  std::string caret = errors[0].Format().substr(errors[0].Format().rfind('\n') + 1);
  EXPECT_EQ(caret, std::string(27, ' ') + "^");  // But one caret column.
}

TEST(LoaderTest, LintReportsEveryErrorInTextOrder) {
  SourceFile f{"m.json", OneStep("{\"request\": {\"methd\": \"GET\", \"target\": \"${nope}\"},\n"
                                 " \"expect\": {\"status\": \"x\", \"content\": \"full\"}}")};
  auto errors = LintCaseFile(f);
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0].message, "unknown field \"methd\" (did you mean \"method\"?)");
  EXPECT_EQ(errors[0].line, 4);
  EXPECT_EQ(errors[0].column, 14);
  EXPECT_EQ(errors[1].pointer, "/cases/0/steps/0/request/target");
  EXPECT_EQ(errors[1].column, 41);  // The "$".
  EXPECT_EQ(errors[2].line, 5);
  EXPECT_EQ(errors[2].column, 23);
  EXPECT_EQ(errors[3].message.rfind("invalid content check \"full\"", 0), 0u);
}

TEST(LoaderTest, VariablesFromVarsAndEarlierCapturesAreKnown) {
  std::string text =
      "{\"cases\": [{\"id\": \"a.b\", \"title\": \"t\",\n"
      "\"spec\": {\"rfc\": 9110, \"section\": \"1\", \"level\": \"SHOULD\", \"quote\": \"A server "
      "SHOULD answer.\"},\n"
      "\"codes\": [200], \"killed_by\": [\"body-on-304\"], \"vars\": {\"r\": \"/\", \"user\": "
      "null},\n"
      "\"steps\": [\n"
      "{\"request\": {\"target\": \"${r}?u=${user}&h=${host}$x$$\"}, \"capture\": {\"e\": "
      "{\"header\": \"ETag\"}}},\n"
      "{\"request\": {\"headers\": {\"If-Match\": \"${e}\"}}, \"expect\": {\"headers\": {\"ETag\": "
      "\"${e}\"}}}\n"
      "]}]}";
  auto loaded = LoadCaseFile({"v.json", text});
  ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
  EXPECT_EQ((*loaded)[0].spec.level, core::Level::kShould);
}

TEST(LoaderTest, CaptureIsNotVisibleInItsOwnStep) {
  auto errors = LintCaseFile(
      {"c.json", OneStep("{\"request\": {\"target\": \"/${e}\"}, \"capture\": {\"e\": {\"status\": "
                         "true}}}")});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message.rfind("unknown variable ${e}: not a built-in", 0), 0u);
  EXPECT_NE(errors[0].message.find("(step 0 captures it"), std::string::npos);
  EXPECT_EQ(errors[0].column, 26);
}

TEST(LoaderTest, DuplicateIdsAcrossFiles) {
  std::string a = OneStep("{\"request\": {}}");
  std::string b = "// second file\n" + a;
  auto loaded = LoadCases({{"cases/a.json", a}, {"cases/b.json", b}});
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().code, "case-file");
  EXPECT_EQ(FirstLine(loaded.error().message),
            "cases/b.json:2:19: /cases/0/id: duplicate case id \"a.b\" (first defined at "
            "cases/a.json:1)");
  auto lint = LintCases({{"cases/a.json", a}, {"cases/b.json", b}, {"cases/c.json", a}});
  ASSERT_EQ(lint.size(), 2u);
  EXPECT_EQ(lint[1].file, "cases/c.json");
  auto ok = LoadCases({{"cases/a.json", a}});
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->size(), 1u);
}

TEST(LoaderTest, RepeatedHeaderKeyPointsToTheArrayForm) {
  auto errors = LintCaseFile(
      {"d.json", OneStep("{\"request\": {\"headers\": {\"A\": \"1\", \"A\": \"2\"}}}")});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].pointer, "/cases/0/steps/0/request/headers/A");
  EXPECT_EQ(errors[0].column, 36);  // The second "A".
  EXPECT_EQ(errors[0].message,
            "duplicate field \"A\" (repeat a header field with the array form: [[\"name\", "
            "\"value\"], ...])");
}

TEST(LoaderTest, OnlyLibraryCasesMustNameTheirFaults) {
  // Only the built-in library proves itself against the reference server's
  // faults; a user's own case loads without killed_by or unkillable.
  struct Row {
    const char* file;
    const char* library_error;
  } rows[] = {
      {"library_missing_killed_by.json",
       "case \"x.y\" has neither \"killed_by\" nor \"unkillable\": name the faults that must "
       "make it fail, or say why none can"},
      {"library_empty_killed_by.json",
       "case \"x.y\" has an empty \"killed_by\" and no \"unkillable\": name a fault, or "
       "replace it with \"unkillable\" saying why none can"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.file);
    auto files = ReadCasePaths({kSourceDir + "/harness/loader/testdata/" + row.file});
    ASSERT_TRUE(files.has_value()) << files.error().message;
    SourceFile file = (*files)[0];
    auto user = LoadCaseFile(file);
    ASSERT_TRUE(user.has_value()) << user.error().message;
    EXPECT_EQ(user->size(), 1u);
    file.library = true;
    auto errors = LintCaseFile(file);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].message, row.library_error);
  }
}

TEST(LoaderTest, BothKilledByAndUnkillableIsAnErrorEverywhere) {
  const std::string text = OneStep("{\"request\": {}}");
  std::string both = text;
  both.replace(both.find("\"unkillable\""), 0, "\"killed_by\": [\"body-on-304\"], ");
  EXPECT_EQ(LintCaseFile({"u.json", both}).size(), 1u);
  EXPECT_EQ(LintCaseFile({"u.json", both, /*library=*/true}).size(), 1u);
}

TEST(LoaderTest, MissingCommaIsNamedWhereItBelongs) {
  struct Row {
    const char* text;
    int line, column;
    bool missing_comma;
  } rows[] = {
      {"{\"cases\": [ {\"id\": \"a\"\n  \"title\": \"t\"} ]}", 1, 23, true},
      {"{\"cases\": [ {\"id\": 5 \"title\": \"t\"} ]}", 1, 21, true},
      {"{\"cases\": [ {\"id\": \"a\"} {\"id\": \"b\"} ]}", 1, 24, true},
      {"{\"cases\": [ {\"a\": [1, 2] \"b\": true} ]}", 1, 25, true},
      {"{\"cases\": [ {\"a\": true [1]} ]}", 1, 23, true},
      // A key without its colon is not a missing comma.
      {"{\"cases\": [ {\"id\" \"a\"} ]}", 0, 0, false},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.text);
    auto errors = LintCaseFile({"c.json", row.text});
    ASSERT_EQ(errors.size(), 1u);
    const bool named = errors[0].message.rfind("missing comma?", 0) == 0;
    EXPECT_EQ(named, row.missing_comma) << errors[0].message;
    if (!row.missing_comma) continue;
    EXPECT_EQ(errors[0].line, row.line);
    EXPECT_EQ(errors[0].column, row.column);
  }
}

TEST(LoaderTest, ADirectoryWithoutCaseFilesIsAnError) {
  const fs::path dir = fs::path(::testing::TempDir()) / "no_case_files";
  fs::create_directories(dir / "schema");
  std::ofstream(dir / "notes.txt") << "not a case file";
  auto files = ReadCasePaths({dir.string()});
  ASSERT_FALSE(files.has_value());
  EXPECT_EQ(files.error().code, "case-file");
  EXPECT_EQ(files.error().message, dir.string() + ": no case files (*.json) in this directory");
  fs::remove_all(dir);
}

TEST(LoaderTest, SyntaxErrorStopsLinting) {
  auto errors = LintCaseFile({"s.json", "{\"cases\": [ {\"id\": 5}, ]\n"});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "trailing comma before ']' (JSON allows none)");
  EXPECT_EQ(errors[0].column, 22);
  EXPECT_EQ(errors[0].pointer, "");
}

TEST(LoaderTest, NumberOverflowIsASyntaxError) {
  auto errors = LintCaseFile({"n.json", "{\"cases\": [\n  {\"id\": 1e999999}]}"});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 2);
  EXPECT_EQ(errors[0].column, 10);
  EXPECT_EQ(errors[0].message, "number overflow parsing '1e999999'");
}

TEST(LoaderTest, IntegersTooLargeForInt64AreOutOfRange) {
  std::string text = OneStep("{\"request\": {\"continue_wait_ms\": 1e30}}");
  auto errors = LintCaseFile({"i.json", text});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "continue_wait_ms 1e+30 out of range 0..600000");
  errors = LintCaseFile({"i.json", OneStep("{\"request\": {\"continue_wait_ms\": 10.0}}")});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "expected an integer, got a number");
}

TEST(LoaderTest, HostileInputNeverThrows) {
  std::vector<std::string> inputs = {
      std::string(5000, '['),
      "{\"cases\": [" + std::string(3000, '[') + std::string(3000, ']') + "]}",
      "{\"cases\": \"\xff\xfe\"}",
      std::string("{\"cases\"\0: []}", 14),
      "{\"cases\": [{\"id\": 1e999999}]}",
      "{\"cases\": [{\"timeout_ms\": 99999999999999999999}]}",
      OneStep("{\"request\": {\"raw\": [\"\\\\\"]}}"),
      OneStep("{\"request\": {}, \"expect\": {\"content\": {\"matches\": \"((((((((((a\"}}}"),
  };
  inputs.push_back(OneStep("{\"request\": {}, \"capture\": {\"x\": {\"content_regex\": \"" +
                           std::string(20000, '(') + std::string(20000, ')') + "\"}}}"));
  for (const auto& text : inputs) {
    auto errors = LintCaseFile({"h.json", text});
    EXPECT_FALSE(errors.empty()) << text.substr(0, 60);
    EXPECT_FALSE(LoadCaseFile({"h.json", text}).has_value());
  }
}

// Patterns are RE2's: a pattern RE2 refuses is reported inside the string,
// at the token, with the construct named when RE2 leaves it out on purpose.
TEST(LoaderTest, RegexErrorsPointInsideThePattern) {
  const struct {
    std::string pattern_json;  // As written in the file (JSON escapes).
    std::size_t index;         // Byte of the decoded pattern the error names.
    std::string message;
  } rows[] = {
      {"^(?!x)", 1,
       "invalid regex: negative lookahead (?! is not supported by RE2: use "
       "\"not_matches\""},
      {"(\\\\w)\\\\1", 4,
       "invalid regex: backreferences (\\1 \\g{1} \\k<name>) are not "
       "supported by RE2"},
      {"\\u00e9(?<=a)", 2, "invalid regex: lookbehind (?<= is not supported by RE2"},
      {"a\\\\Z", 1, "invalid regex: \\Z is not supported by RE2: use \\z (end of text) or $"},
      {"ok(a", 2, "invalid regex: \"(\" is never closed"},
      {std::string(40, '(') + "a" + std::string(40, ')'), 0, ""},  // Nesting is fine now.
      {std::string(1001, 'a'), 1000,
       "invalid regex: longer than 1000 bytes (case patterns are one-liners)"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.pattern_json);
    const std::string prefix =
        "{\"request\": {}, \"expect\": {\"headers\": {\"A\": {\"matches\": \"";
    const std::string text = OneStep(prefix + row.pattern_json + "\"}}}}");
    auto errors = LintCaseFile({"r.json", text});
    if (row.message.empty()) {
      EXPECT_TRUE(errors.empty()) << errors.front().Format();
      continue;
    }
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].message, row.message);
    EXPECT_EQ(errors[0].pointer, "/cases/0/steps/0/expect/headers/A/matches");
    // The column is that of the offending byte in the file: after the
    // opening quote, with each JSON escape counted as it is written.
    const std::size_t quote = text.find(prefix) + prefix.size() - 1;
    std::size_t source = quote + 1;
    for (std::size_t decoded = 0; decoded < row.index; ++decoded) {
      if (text.compare(source, 6, "\\u00e9") == 0) {
        source += 6;  // Two decoded bytes.
        ++decoded;
      } else {
        source += text[source] == '\\' ? 2 : 1;
      }
    }
    const std::size_t line_start = text.rfind('\n', source) + 1;
    EXPECT_EQ(errors[0].column, static_cast<int>(source - line_start + 1));
  }
}

TEST(LoaderTest, ReadCasePathsScansDirectoriesDeterministically) {
  fs::path root =
      fs::temp_directory_path() / ("httpconform_loader_test_" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "b");
  fs::create_directories(root / "schema");
  std::ofstream(root / "z.json") << "{}";
  std::ofstream(root / "a.json") << "{}";
  std::ofstream(root / "b" / "c.json") << "{}";
  std::ofstream(root / "notes.txt") << "x";
  std::ofstream(root / "schema" / "case.schema.json") << "{}";
  auto files = ReadCasePaths({root.string(), (root / "notes.txt").string()});
  ASSERT_TRUE(files.has_value()) << files.error().message;
  std::vector<std::string> names;
  for (const auto& f : *files) names.push_back(fs::path(f.path).lexically_relative(root).string());
  EXPECT_EQ(names, (std::vector<std::string>{"a.json", "b/c.json", "z.json", "notes.txt"}));
  EXPECT_EQ((*files)[3].text, "x");
  auto missing = ReadCasePaths({(root / "nope.json").string()});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, "io");
  EXPECT_NE(missing.error().message.find("nope.json"), std::string::npos);
  fs::remove_all(root);
}

// Hostile input (tests/hostile): a huge file is refused unread, and 50 MB of
// nesting is refused at the first bracket past the limit, not parsed.
TEST(LoaderTest, RefusesHugeFilesAndDeepNesting) {
  fs::path big = fs::temp_directory_path() /
                 ("httpconform_loader_big_" + std::to_string(::getpid()) + ".json");
  std::ofstream(big) << std::string((4 << 20) + 1, ' ');
  auto files = ReadCasePaths({big.string()});
  fs::remove(big);
  ASSERT_FALSE(files.has_value());
  EXPECT_EQ(files.error().code, "case-file");
  EXPECT_NE(files.error().message.find("case file too large: 4194305 bytes"), std::string::npos);

  SourceFile deep{"deep.json", "{\"cases\": " + std::string(1 << 20, '[')};
  auto loaded = LoadCaseFile(deep);
  ASSERT_FALSE(loaded.has_value());
  EXPECT_EQ(loaded.error().message.substr(0, loaded.error().message.find('\n')),
            "deep.json:1:74: arrays and objects nested deeper than 64 levels");
  // Brackets inside strings and comments do not count.
  SourceFile quoted{"q.json", "// [[[[\n{\"cases\": \"" + std::string(100, '[') + "\"}"};
  auto lint = LintCaseFile(quoted);
  ASSERT_FALSE(lint.empty());
  EXPECT_EQ(lint[0].message.find("nested deeper"), std::string::npos) << lint[0].message;
}

// A message shows a window of a long line, control bytes as '?'.
TEST(LoaderTest, FormatClipsLongLinesAndHidesControlBytes) {
  LoadError e;
  e.file = "f.json";
  e.line = 1;
  e.column = 1001;
  e.message = "m";
  e.source_line = std::string(1000, 'a') + '\0' + std::string(1000, 'b');
  const std::string text = e.Format();
  EXPECT_LT(text.size(), 600u);
  EXPECT_EQ(text.find('\0'), std::string::npos);
  const std::string shown =
      text.substr(text.find('\n') + 1, text.rfind('\n') - text.find('\n') - 1);
  const std::string caret = text.substr(text.rfind('\n') + 1);
  EXPECT_EQ(shown[caret.size() - 1], '?');  // The caret points at the NUL, shown as '?'.
}

// Names other modules define are checked where they are written, in a
// user's files as in the library's, with the closest name offered.
TEST(LoaderTest, DiagnosticIdsAndFaultNamesMustExist) {
  struct Row {
    std::string diagnostics;  // The value of expect.diagnostics.
    std::string killed_by;    // Replaces "unkillable": "u" when not empty.
    std::string error;        // "" when the file is valid.
  };
  const Row rows[] = {
      {R"({"present": ["field.obs-fold"]})", "", ""},
      {R"({"absent": ["*", "framing.cl-and-te"]})", "", ""},
      {R"({"present": ["field.obs-fald"]})", "",
       "unknown wire diagnostic id \"field.obs-fald\" (did you mean \"field.obs-fold\"?)"},
      {R"({"absent": ["framing.cl-and-tee"]})", "",
       "unknown wire diagnostic id \"framing.cl-and-tee\" (did you mean \"framing.cl-and-te\"?)"},
      // "*" means "any diagnostic" only where absence is asked for.
      {R"({"present": ["*"]})", "", "unknown wire diagnostic id \"*\""},
      {R"({"absent": ["no.such-thing-at-all"]})", "",
       "unknown wire diagnostic id \"no.such-thing-at-all\""},
      {"{}", R"("killed_by": ["cl-and-te"])", ""},
      {"{}", R"("killed_by": ["cl-and-te", "body-on-340"])",
       "unknown fault name \"body-on-340\" (did you mean \"body-on-304\"?)"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.diagnostics + " " + row.killed_by);
    std::string text =
        OneStep("{\"request\": {}, \"expect\": {\"diagnostics\": " + row.diagnostics + "}}");
    if (!row.killed_by.empty()) {
      text.replace(text.find("\"unkillable\": \"u\""), std::string("\"unkillable\": \"u\"").size(),
                   row.killed_by);
    }
    for (bool library : {false, true}) {
      std::vector<LoadError> errors = LintCaseFile({"n.json", text, library});
      if (row.error.empty()) {
        EXPECT_TRUE(errors.empty()) << errors[0].Format();
        continue;
      }
      ASSERT_EQ(errors.size(), 1u);
      EXPECT_EQ(errors[0].message, row.error);
      EXPECT_GT(errors[0].line, 0);
      EXPECT_GT(errors[0].column, 0);
    }
  }
}

// A fault renamed to say its rule as the wire diagnostic does keeps its
// earlier name in users' files; the case carries the current name.
TEST(LoaderTest, AnEarlierFaultNameIsTheRenamedFault) {
  std::string text = OneStep("{\"request\": {}, \"expect\": {\"status\": 200}}");
  text.replace(text.find("\"unkillable\": \"u\""), std::string("\"unkillable\": \"u\"").size(),
               R"("killed_by": ["accept-missing-host", "cl-and-te"])");
  EXPECT_TRUE(LintCaseFile({"n.json", text, true}).empty());
  core::Expected<std::vector<core::Case>> cases = LoadCaseFile({"n.json", text, true});
  ASSERT_TRUE(cases) << cases.error().message;
  EXPECT_EQ(cases->at(0).killed_by, (std::vector<std::string>{"accept-host-missing", "cl-and-te"}));
}

}  // namespace
}  // namespace httpconform::loader

namespace httpconform::loader {
namespace {

// One case of RFC `rfc`, with `http` ("" for none) and `request` as its step.
std::string VersionCase(int rfc, const std::string& http, const std::string& request) {
  return "{\"cases\": [{\"id\": \"a.b\", \"title\": \"t\",\n\"spec\": {\"rfc\": " +
         std::to_string(rfc) +
         ", \"section\": \"1\", \"level\": \"MUST\", \"quote\": \"A server MUST answer.\"},\n"
         "\"codes\": [], \"unkillable\": \"u\"," +
         (http.empty() ? "" : "\"http\": " + http + ",") + " \"steps\": [{\"request\": " + request +
         "}]}]}";
}

TEST(LoaderTest, HttpVersionsDeclaredOrInferred) {
  const std::string structured = "{\"target\": \"/\"}";
  const std::string raw = "{\"raw\": [\"GET / HTTP/1.1\", \"Host: x\", \"\", \"\"]}";
  struct Row {
    int rfc;
    std::string http;
    std::string request;
    std::vector<std::string> versions;  // Case::http: empty for both.
    std::string reason;                 // A part of Case::http_reason.
  } rows[] = {
      {9110, "", structured, {}, ""},
      {9110, "[\"1.1\"]", structured, {"1.1"}, "its \"http\" member"},
      {9110, "[\"2\"]", structured, {"2"}, "HTTP/2 only"},
      {9110, "[\"2\", \"1.1\"]", structured, {}, ""},
      {9110, "", raw, {"1.1"}, "raw request bytes"},
      {9110, "[\"1.1\"]", raw, {"1.1"}, "raw request bytes"},
      {9112, "", structured, {"1.1"}, "RFC 9112"},
      {9112, "[\"1.1\", \"2\"]", structured, {}, ""},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.http + " " + row.request);
    auto loaded =
        LoadLibrary({}, {SourceFile{"v.json", VersionCase(row.rfc, row.http, row.request)}});
    ASSERT_TRUE(loaded.has_value()) << loaded.error().message;
    const Case& c = loaded->front();
    EXPECT_EQ(c.http, row.versions);
    EXPECT_NE(c.http_reason.find(row.reason), std::string::npos) << c.http_reason;
    for (const char* v : {"1.1", "2"}) {
      const bool listed =
          std::find(row.versions.begin(), row.versions.end(), v) != row.versions.end();
      EXPECT_EQ(c.AppliesToHttp(v), row.versions.empty() || listed) << v;
    }
  }
}

}  // namespace
}  // namespace httpconform::loader
