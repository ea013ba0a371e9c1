#include "harness/core/status_registry.h"

#include <gtest/gtest.h>

#include <iterator>
#include <set>

#include "harness/core/bcp14.h"
#include "harness/core/status_rule_ids.h"

namespace httpconform::core {
namespace {

TEST(StatusRegistryTest, CoversEveryCodeUsersAskAbout) {
  const int kCodes[] = {100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208,
                        226, 300, 301, 302, 303, 304, 305, 306, 307, 308, 400, 401, 402,
                        403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415,
                        416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 444,
                        451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511};
  for (int code : kCodes) {
    const StatusInfo* info = FindStatus(code);
    ASSERT_NE(info, nullptr) << code;
    EXPECT_FALSE(info->reason.empty()) << code;
    EXPECT_FALSE(info->meaning_ko.empty()) << code;
  }
  EXPECT_FALSE(FindStatus(444)->registered);
  EXPECT_EQ(FindStatus(599), nullptr);
}

TEST(StatusRegistryTest, EveryRuleIdResolvesAndIsUnique) {
  std::set<std::string> ids;
  for (const StatusRule& r : AllStatusRules()) EXPECT_TRUE(ids.insert(r.id).second) << r.id;
  for (const StatusInfo& s : AllStatuses()) {
    for (const std::string& id : s.rules) EXPECT_NE(FindStatusRule(id), nullptr) << id;
  }
  EXPECT_EQ(FindStatus(405)->rules.back(), "405.allow");
}

// The registry states exactly the rules the constants name: a constant
// without its rule, or a rule without its constant, is refused.
TEST(StatusRegistryTest, RuleIdConstantsAreTheRegistrysRules) {
  std::set<std::string> constants(std::begin(rule_ids::kAll), std::end(rule_ids::kAll));
  EXPECT_EQ(constants.size(), std::size(rule_ids::kAll)) << "a constant is listed twice";
  std::set<std::string> stated;
  for (const StatusRule& r : AllStatusRules()) stated.insert(r.id);
  EXPECT_EQ(constants, stated);
  for (int status : {100, 103, 204, 205, 304}) {
    ASSERT_NE(rule_ids::NoContentRule(status), nullptr) << status;
    EXPECT_NE(FindStatusRule(rule_ids::NoContentRule(status)), nullptr) << status;
  }
  EXPECT_EQ(rule_ids::NoContentRule(200), nullptr);
}

// A rule stated in several sections lists them all, its own first; each
// further statement is another sentence at the rule's level.
TEST(StatusRegistryTest, RulesListEverySectionThatStatesThem) {
  EXPECT_EQ(RuleSections(*FindStatusRule(rule_ids::k405Allow)),
            (std::vector<std::string>{"RFC 9110 \xC2\xA7"
                                      "10.2.1",
                                      "RFC 9110 \xC2\xA7"
                                      "15.5.6"}));
  EXPECT_EQ(RuleSections(*FindStatusRule(rule_ids::kDateOrigin)),
            (std::vector<std::string>{"RFC 9110 \xC2\xA7"
                                      "6.6.1"}));
  int stated_twice = 0;
  for (const StatusRule& r : AllStatusRules()) {
    std::set<std::string> sections;
    for (const std::string& s : RuleSections(r)) {
      EXPECT_TRUE(sections.insert(s).second) << r.id << " lists " << s << " twice";
    }
    for (const RuleStatement& also : r.also_stated) {
      ++stated_twice;
      EXPECT_NE(also.quote, r.quote) << r.id;
      EXPECT_FALSE(CheckQuoteLevel(also.quote, r.level).has_value()) << r.id << " " << also.section;
    }
  }
  EXPECT_EQ(stated_twice, 6);  // 101, 401, 405, 407, 416, 426.
}

TEST(StatusRegistryTest, ClassNames) {
  EXPECT_STREQ(StatusClassName(103), "Informational");
  EXPECT_STREQ(StatusClassName(599), "Server Error");
  EXPECT_STREQ(StatusClassName(600), "Invalid");
  EXPECT_STREQ(StatusClassName(99), "Invalid");
}

}  // namespace
}  // namespace httpconform::core
