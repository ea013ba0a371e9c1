// Every status code users ask about is checked somewhere: either a case of
// the library lists it in `codes` (an active check against a live server), or
// the status registry gives it a rule of its own or of its class (a passive
// check on every response), beyond the rules that hold for every response
// (status range, well-formed message) or for three classes at once (Date).
// Two codes are reserved and unused (306, 418): RFC 9110 states nothing a
// response with them could break, so `explain` is their only coverage. The
// class and framing rules added for this coverage are tested here as well.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "cases/embedded_cases.h"
#include "harness/core/status_registry.h"
#include "harness/loader/loader.h"
#include "harness/runner/passive_rules.h"
#include "harness/runner/passive_rules_for_testing.h"

namespace httpconform {
namespace {

const int kCodes[] = {100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208,
                      226, 300, 301, 302, 303, 304, 305, 306, 307, 308, 400, 401, 402,
                      403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415,
                      416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451,
                      500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511};

// Reserved codes with no requirement to check (RFC 9110 §15.4.7, §15.5.19).
const std::set<int> kExplainOnly = {306, 418};

std::set<int> CodesOfCases() {
  std::vector<loader::SourceFile> files;
  for (const cases::EmbeddedFile& f : cases::EmbeddedCaseFiles()) {
    files.push_back({f.path, f.text, /*library=*/true});
  }
  core::Expected<std::vector<core::Case>> loaded = loader::LoadCases(files);
  EXPECT_TRUE(loaded) << (loaded ? "" : loaded.error().message);
  std::set<int> codes;
  if (!loaded) return codes;
  for (const core::Case& c : *loaded) codes.insert(c.codes.begin(), c.codes.end());
  return codes;
}

bool HasSpecificRule(int code) {
  static const std::set<std::string> kGeneric = {"status.range", "wire.well-formed", "date.origin",
                                                 "last-modified.not-after-date"};
  const core::StatusInfo* info = core::FindStatus(code);
  if (info == nullptr) return false;
  for (const std::string& rule : info->rules) {
    if (!kGeneric.count(rule)) return true;
  }
  return false;
}

TEST(StatusCoverageTest, EveryCodeHasACaseOrARule) {
  const std::set<int> active = CodesOfCases();
  ASSERT_FALSE(active.empty());
  for (int code : kCodes) {
    if (kExplainOnly.count(code)) continue;
    EXPECT_TRUE(active.count(code) || HasSpecificRule(code))
        << code << " is in no case's codes and has no rule of its own in the status registry";
  }
}

TEST(StatusCoverageTest, ExplainKnowsEveryCode) {
  for (int code : kCodes) {
    const core::StatusInfo* info = core::FindStatus(code);
    ASSERT_NE(info, nullptr) << code;
    EXPECT_FALSE(info->reason.empty()) << code;
    EXPECT_FALSE(info->reference.empty()) << code;
    EXPECT_FALSE(info->meaning.empty()) << code;
  }
  ASSERT_NE(core::FindStatus(444), nullptr);
  EXPECT_FALSE(core::FindStatus(444)->registered);
  for (int code : kExplainOnly) EXPECT_EQ(core::FindStatus(code)->reason, "(Unused)") << code;
}

TEST(StatusCoverageTest, CodesOnlyExplainedAreReallyUncheckedElsewhere) {
  // If a case starts checking 306 or 418, it should leave kExplainOnly.
  const std::set<int> active = CodesOfCases();
  for (int code : kExplainOnly) EXPECT_FALSE(active.count(code)) << code;
}

// ---- The class rules added for coverage ----

core::Response Final(int status, std::uint64_t content_size) {
  return runner::FinalResponseForTesting(status, content_size);
}

std::vector<std::string> RulesBroken(const core::Response& r, bool head = false) {
  runner::RequestFacts facts;
  facts.head = head;
  std::vector<std::string> ids;
  for (const core::PassiveFinding& f : runner::CheckPassiveRules(r, facts, 0)) {
    ids.push_back(f.rule);
  }
  return ids;
}

using Rules = std::vector<std::string>;

TEST(StatusCoverageTest, ErrorWithoutExplanationIsAShouldFinding) {
  EXPECT_EQ(RulesBroken(Final(404, 0)), Rules{"4xx.explanation"});
  EXPECT_EQ(RulesBroken(Final(500, 0)), Rules{"5xx.explanation"});
  EXPECT_EQ(RulesBroken(Final(404, 10)), Rules{});
  EXPECT_EQ(RulesBroken(Final(404, 0), /*head=*/true), Rules{});
  core::Response cut = Final(500, 0);
  cut.complete = false;
  EXPECT_EQ(RulesBroken(cut), Rules{});
  EXPECT_EQ(core::FindStatusRule("4xx.explanation")->level, core::Level::kShould);
}

TEST(StatusCoverageTest, FramingFieldsOn204AndInterimAreMustFindings) {
  core::Response r = Final(204, 0);
  r.head.fields.push_back({"Content-Length", "0"});
  EXPECT_EQ(RulesBroken(r), Rules{"content-length.1xx-204"});
  r = Final(204, 0);
  r.head.fields.push_back({"Transfer-Encoding", "chunked"});
  EXPECT_EQ(RulesBroken(r), Rules{"transfer-encoding.1xx-204"});
  r = Final(200, 3);
  r.head.fields.push_back({"Content-Length", "3"});
  core::ResponseHead hint;
  hint.version = "HTTP/1.1";
  hint.status = 103;
  hint.fields = {{"Content-Length", "0"}};
  r.interim.push_back(hint);
  EXPECT_EQ(RulesBroken(r), Rules{"content-length.1xx-204"});
  EXPECT_EQ(core::FindStatusRule("content-length.1xx-204")->level, core::Level::kMust);
}

}  // namespace
}  // namespace httpconform
