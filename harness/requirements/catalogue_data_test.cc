// The embedded catalogue against the built-in case library: the promises of
// docs/requirements/README.md that need both. Every origin-observable
// requirement no case covers says why (a reason) or how (a plan); a
// requirement a case covers carries neither (its reason would be untrue,
// its plan done); only origin-observable requirements carry them.
#include <gtest/gtest.h>

#include "cases/embedded_cases.h"
#include "harness/loader/loader.h"
#include "harness/requirements/catalogue.h"
#include "harness/requirements/coverage.h"

namespace httpconform::requirements {
namespace {

class CatalogueDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    core::Expected<std::vector<CatalogueFile>> catalogue = EmbeddedCatalogue();
    ASSERT_TRUE(catalogue) << catalogue.error().message;
    catalogue_ = std::move(*catalogue);
    std::vector<loader::SourceFile> files;
    for (const cases::EmbeddedFile& f : cases::EmbeddedCaseFiles()) {
      files.push_back({f.path, f.text});
    }
    core::Expected<std::vector<core::Case>> cases = loader::LoadCases(files);
    ASSERT_TRUE(cases) << cases.error().message;
    std::vector<Quote> quotes = CaseQuotes(*cases);
    for (Quote& q : StatusRuleQuotes()) quotes.push_back(q);
    coverage_ = ComputeCoverage(catalogue_, quotes);
  }

  std::vector<CatalogueFile> catalogue_;
  Coverage coverage_;
};

TEST_F(CatalogueDataTest, EveryUncoveredOriginRequirementSaysWhyOrHow) {
  int uncovered = 0;
  for (const CatalogueFile& f : catalogue_) {
    for (const Requirement& r : f.requirements) {
      if (r.observable != Observable::kOrigin || coverage_.covered_by.count(r.id)) continue;
      ++uncovered;
      EXPECT_FALSE(r.reason.empty() && r.plan.empty())
          << r.id << " is origin-observable and no case covers it: give it a reason or a plan";
    }
  }
  EXPECT_GT(uncovered, 0);
}

TEST_F(CatalogueDataTest, CoveredRequirementsCarryNoReasonOrPlan) {
  for (const CatalogueFile& f : catalogue_) {
    for (const Requirement& r : f.requirements) {
      auto it = coverage_.covered_by.find(r.id);
      if (it == coverage_.covered_by.end()) continue;
      EXPECT_TRUE(r.reason.empty() && r.plan.empty())
          << r.id << " is covered by " << it->second.front()
          << ": remove its reason and plan from docs/requirements";
    }
  }
}

TEST_F(CatalogueDataTest, OnlyOriginObservableRequirementsCarryReasonOrPlan) {
  for (const CatalogueFile& f : catalogue_) {
    for (const Requirement& r : f.requirements) {
      if (r.observable == Observable::kOrigin) continue;
      EXPECT_TRUE(r.reason.empty() && r.plan.empty())
          << r.id << " is " << ObservableName(r.observable) << ": use a note";
    }
  }
}

TEST_F(CatalogueDataTest, TheTwoIdenticalTearDownSentencesAreToldApart) {
  // RFC 9112 §9.6 says "The server MUST NOT process any further requests
  // received on that connection." twice; the case that tests the first
  // (after a request with close) quotes that paragraph's opening, the case
  // that tests the second (after a response with close) quotes its own.
  auto first = coverage_.covered_by.find("9112-9.6-528b81ec");
  ASSERT_NE(first, coverage_.covered_by.end());
  EXPECT_EQ(first->second,
            std::vector<std::string>{"persistence.connection-close.later-requests-ignored"});
  auto second = coverage_.covered_by.find("9112-9.6-528b81ec-2");
  ASSERT_NE(second, coverage_.covered_by.end());
  EXPECT_EQ(second->second,
            std::vector<std::string>{"persistence.sent-close.later-requests-ignored"});
}

}  // namespace
}  // namespace httpconform::requirements
