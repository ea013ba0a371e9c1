#include "harness/runner/expectations.h"

#include <gtest/gtest.h>

namespace httpconform::runner {
namespace {

using core::Expectation;
using core::HeaderCheck;

core::StepResult StepWith(int status, core::Fields fields, std::string content = "") {
  core::StepResult s;
  core::Response r;
  r.head.version = "HTTP/1.1";
  r.head.status = status;
  r.head.fields = std::move(fields);
  r.content = content;
  r.content_size = content.size();
  r.complete = true;
  s.response = r;
  return s;
}

const std::string* NoVars(const std::string&) { return nullptr; }

bool Met(const Expectation& e, const core::StepResult& s) {
  std::vector<core::StepResult> earlier;
  return Evaluate(e, {&s, &earlier}, NoVars, "expect").met;
}

TEST(ExpectationsTest, HeaderOps) {
  core::StepResult s = StepWith(200, {{"Allow", "GET, HEAD"},
                                      {"Vary", "Accept"},
                                      {"vary", "Origin"},
                                      {"Content-Range", "bytes 0-9/100"}});
  Expectation e;
  e.headers = {{"allow", HeaderCheck::Op::kListContains, "head", 0}};
  EXPECT_TRUE(Met(e, s));
  e.headers = {{"Allow", HeaderCheck::Op::kListContains, "POST", 0}};
  EXPECT_FALSE(Met(e, s));
  e.headers = {{"Allow", HeaderCheck::Op::kListExcludes, "POST", 0}};
  EXPECT_TRUE(Met(e, s));
  e.headers = {{"Vary", HeaderCheck::Op::kEquals, "Accept, Origin", 0}};
  EXPECT_TRUE(Met(e, s));
  e.headers = {{"Vary", HeaderCheck::Op::kCount, "", 2}};
  EXPECT_TRUE(Met(e, s));
  e.headers = {{"Content-Range", HeaderCheck::Op::kMatches, "^bytes \\d+-\\d+/\\d+$", 0}};
  EXPECT_TRUE(Met(e, s));
  e.headers = {{"Content-Range", HeaderCheck::Op::kMatches, "^bytes \\*/", 0}};
  EXPECT_FALSE(Met(e, s));
  // not_matches: no field line has a match; an absent field passes.
  e.headers = {{"Vary", HeaderCheck::Op::kNotMatches, "^Orig", 0}};
  EXPECT_FALSE(Met(e, s));
  e.headers = {{"Vary", HeaderCheck::Op::kNotMatches, "^Host", 0}};
  EXPECT_TRUE(Met(e, s));
  e.headers = {{"Content-Type", HeaderCheck::Op::kNotMatches, "^multipart/", 0}};
  EXPECT_TRUE(Met(e, s));
  e.headers = {{"ETag", HeaderCheck::Op::kAbsent, "", 0}};
  EXPECT_TRUE(Met(e, s));
  e.headers = {{"ETag", HeaderCheck::Op::kPresent, "", 0}};
  EXPECT_FALSE(Met(e, s));
}

// What a header check says it saw stays short whatever the server repeats.
TEST(ExpectationsTest, ObservedValuesAreCapped) {
  core::Fields fields;
  for (int i = 0; i < 10000; ++i) fields.push_back({"Set-Cookie", std::string(500, 'c')});
  core::StepResult s = StepWith(200, fields);
  Expectation e;
  e.headers = {{"Set-Cookie", HeaderCheck::Op::kCount, "", 1}};
  std::vector<core::StepResult> earlier;
  Evaluation ev = Evaluate(e, {&s, &earlier}, NoVars, "expect");
  ASSERT_EQ(ev.checks.size(), 1u);
  EXPECT_EQ(ev.checks[0].actual, "Set-Cookie appears 10000 time(s)");
  e.headers = {{"Set-Cookie", HeaderCheck::Op::kMatches, "^x", 0}};
  ev = Evaluate(e, {&s, &earlier}, NoVars, "expect");
  ASSERT_EQ(ev.checks.size(), 1u);
  EXPECT_LT(ev.checks[0].actual.size(), 1200u);
  EXPECT_NE(ev.checks[0].actual.find(", ... (10000 field lines)"), std::string::npos);
}

TEST(ExpectationsTest, StatusInterimAndContent) {
  core::StepResult s = StepWith(200, {}, "hello");
  core::ResponseHead interim;
  interim.status = 100;
  s.response->interim.push_back(interim);
  Expectation e;
  e.status = {200, 204};
  e.interim = std::vector<int>{100};
  e.content = {{core::ContentCheck::Kind::kEquals, "hello"}};
  EXPECT_TRUE(Met(e, s));
  e.interim = std::vector<int>{};
  EXPECT_FALSE(Met(e, s));
  e.interim.reset();
  e.content = {{core::ContentCheck::Kind::kEmpty}};
  EXPECT_FALSE(Met(e, s));
  core::ContentCheck size;
  size.kind = core::ContentCheck::Kind::kSize;
  size.size = 5;
  e.content = {size};
  EXPECT_TRUE(Met(e, s));
}

core::ContentCheck Content(core::ContentCheck::Kind kind, std::string value) {
  core::ContentCheck cc;
  cc.kind = kind;
  cc.value = std::move(value);
  return cc;
}

// Several content checks must all hold; not_matches never passes on content
// cut short at the transport's cap (the rest was not seen), nor fails: it is
// undecided, which the runner reports as an error.
TEST(ExpectationsTest, ContentMatchesAndNotMatches) {
  core::StepResult s = StepWith(200, {}, "--b\r\nContent-Range: bytes 0-9/30\r\n");
  Expectation e;
  e.content = {Content(core::ContentCheck::Kind::kMatches, "bytes 0-9/"),
               Content(core::ContentCheck::Kind::kNotMatches, "bytes 20-29/")};
  EXPECT_TRUE(Met(e, s));
  e.content = {Content(core::ContentCheck::Kind::kMatches, "bytes 0-9/"),
               Content(core::ContentCheck::Kind::kMatches, "bytes 20-29/")};
  EXPECT_FALSE(Met(e, s));
  e.content = {Content(core::ContentCheck::Kind::kNotMatches, "bytes 0-9/")};
  EXPECT_FALSE(Met(e, s));
  e.content = {Content(core::ContentCheck::Kind::kNotMatches, "secret")};
  EXPECT_TRUE(Met(e, s));
  s.response->content_truncated = true;
  std::vector<core::StepResult> earlier;
  Evaluation ev = Evaluate(e, {&s, &earlier}, NoVars, "expect");
  EXPECT_FALSE(ev.met);
  ASSERT_EQ(ev.checks.size(), 1u);
  EXPECT_NE(ev.checks[0].actual.find("cannot tell"), std::string::npos) << ev.checks[0].actual;
  EXPECT_NE(ev.undecided.find("cannot check content does not match /secret/"), std::string::npos)
      << ev.undecided;
  EXPECT_EQ(Describe(e, NoVars), "content does not match /secret/");
}

TEST(ExpectationsTest, DiagnosticsAndConnection) {
  core::StepResult s = StepWith(200, {});
  s.response->diagnostics.push_back({"line.bare-lf", 15, "", false});
  s.connection_closed = true;
  Expectation e;
  e.diagnostics_absent = {"*"};
  EXPECT_FALSE(Met(e, s));
  e.diagnostics_absent = {"field.obs-fold"};
  EXPECT_TRUE(Met(e, s));
  e.diagnostics_present = {"line.bare-lf"};
  e.connection_closed = true;
  EXPECT_TRUE(Met(e, s));
  e.connection_closed = false;
  EXPECT_FALSE(Met(e, s));
}

TEST(ExpectationsTest, NoResponseFailsResponseChecksWithReason) {
  core::StepResult s;
  Expectation e;
  e.status = {200};
  std::vector<core::StepResult> earlier;
  Evaluation ev = Evaluate(e, {&s, &earlier}, NoVars, "expect");
  EXPECT_FALSE(ev.met);
  ASSERT_EQ(ev.checks.size(), 1u);
  EXPECT_EQ(ev.checks[0].actual, "no response");
}

TEST(ExpectationsTest, ContentMatchesItsContentRange) {
  std::vector<core::StepResult> earlier = {StepWith(200, {}, "0123456789")};
  core::ContentCheck cc;
  cc.kind = core::ContentCheck::Kind::kMatchesContentRange;
  cc.step = 0;
  Expectation e;
  e.content = {cc};
  auto met = [&](const std::string& range, const std::string& content) {
    core::StepResult s = StepWith(206, {{"Content-Range", range}}, content);
    return Evaluate(e, {&s, &earlier}, NoVars, "expect").met;
  };
  EXPECT_TRUE(met("bytes 2-4/10", "234"));
  EXPECT_TRUE(met("bytes 0-9/*", "0123456789"));
  EXPECT_FALSE(met("bytes 2-4/10", "345"));  // off by one
  EXPECT_FALSE(met("bytes 2-4/11", "234"));  // wrong complete length
  EXPECT_FALSE(met("bytes 4-2/10", ""));     // inverted
  EXPECT_FALSE(met("bytes 8-10/10", "89"));  // past the end
  EXPECT_FALSE(met("bytes */10", ""));       // unsatisfied-range in a 206
  EXPECT_FALSE(met("items 2-4/10", "234"));  // not bytes
}

TEST(ExpectationsTest, DescribeIsReadable) {
  Expectation e;
  e.status = {206};
  e.headers = {{"Content-Range", HeaderCheck::Op::kPresent, "", 0}};
  e.content = {{core::ContentCheck::Kind::kNonEmpty}};
  EXPECT_EQ(Describe(e, NoVars), "status 206; Content-Range present; content non-empty");
  EXPECT_EQ(Describe(Expectation{}, NoVars), "any response");
  core::StepResult s = StepWith(416, {}, "");
  s.response->head.reason = "Range Not Satisfiable\x01";
  EXPECT_EQ(DescribeObserved(s), "status 416 Range Not Satisfiable\\x01; 0 bytes of content");
}

}  // namespace
}  // namespace httpconform::runner
