// One name per rule where modules meet: a wire diagnostic id
// ("request.host-missing"), the reference server's fault for the same rule
// ("accept-host-missing") and the network fuzzer's operator ("host-missing")
// say the rule in the same words, in the same order. The check: whenever all
// the words of a diagnostic's name (after its group) appear in a fault's or
// an operator's name, they appear there as that name, in one piece; and an
// operator that declares the diagnostic confirming its verdict carries that
// diagnostic's name. Earlier names stay accepted as aliases.
#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "harness/netfuzz/mutators.h"
#include "harness/server/faults.h"
#include "harness/wire/diagnostics.h"

namespace httpconform::netfuzz {
namespace {

std::set<std::string> Words(const std::string& name) {
  std::set<std::string> words;
  std::stringstream ss(name);
  std::string word;
  while (std::getline(ss, word, '-')) words.insert(word);
  return words;
}

// "framing.cl-and-te" -> "cl-and-te".
std::string RuleName(std::string_view diagnostic_id) {
  return std::string(diagnostic_id.substr(diagnostic_id.find('.') + 1));
}

// The names that say `rule` in other words or another order.
std::vector<std::string> Mismatches(const std::string& rule,
                                    const std::vector<std::string>& names) {
  const std::set<std::string> rule_words = Words(rule);
  std::vector<std::string> out;
  for (const std::string& name : names) {
    const std::set<std::string> words = Words(name);
    bool all = true;
    for (const std::string& w : rule_words) all = all && words.count(w) > 0;
    if (all && name.find(rule) == std::string::npos) out.push_back(name);
  }
  return out;
}

std::vector<std::string> OperatorNames() {
  std::vector<std::string> names;
  for (const OperatorInfo& op : AllOperators()) names.push_back(op.name);
  return names;
}

std::vector<std::string> FaultNames() {
  std::vector<std::string> names;
  for (const server::FaultInfo& f : server::AllFaults()) names.push_back(f.name);
  return names;
}

TEST(NamesTest, FaultsAndOperatorsSayEachDiagnosticsRuleInItsWords) {
  for (const wire::DiagnosticInfo& d : wire::AllDiagnostics()) {
    const std::string rule = RuleName(d.id);
    for (const std::string& name : Mismatches(rule, FaultNames())) {
      ADD_FAILURE() << "fault \"" << name << "\" names the rule of " << d.id << " as other than \""
                    << rule << "\"";
    }
    for (const std::string& name : Mismatches(rule, OperatorNames())) {
      ADD_FAILURE() << "operator \"" << name << "\" names the rule of " << d.id
                    << " as other than \"" << rule << "\"";
    }
  }
}

TEST(NamesTest, AnOperatorNamesTheDiagnosticItDeclaresInItsWords) {
  for (const OperatorInfo& op : AllOperators()) {
    if (op.diagnostic.empty()) continue;
    ASSERT_NE(wire::FindDiagnosticInfo(op.diagnostic), nullptr) << op.name << ": " << op.diagnostic;
    const std::string rule = RuleName(op.diagnostic);
    // Several operators may confirm one diagnostic (a control character or
    // a NUL in a field name are both field.invalid-name); each that uses the
    // rule's words uses them as the rule does.
    EXPECT_TRUE(Mismatches(rule, {op.name}).empty())
        << "operator \"" << op.name << "\" declares " << op.diagnostic;
  }
  const int both = FindOperator("cl-and-te");
  ASSERT_GE(both, 0);
  EXPECT_EQ(AllOperators()[both].diagnostic, "framing.cl-and-te");
}

TEST(NamesTest, TheCheckFindsARuleSaidInAnotherOrder) {
  EXPECT_EQ(Mismatches("cl-and-te", {"te-and-cl", "cl-and-te", "cl-te-keep-open"}),
            std::vector<std::string>{"te-and-cl"});
  EXPECT_EQ(Mismatches("host-missing", {"accept-missing-host", "accept-host-missing"}),
            std::vector<std::string>{"accept-missing-host"});
}

TEST(NamesTest, EarlierNamesStillWork) {
  EXPECT_EQ(FindOperator("te-and-cl"), FindOperator("cl-and-te"));
  EXPECT_EQ(FindOperator("missing-host"), FindOperator("host-missing"));
  EXPECT_EQ(FindOperator("no-such-operator"), -1);
  for (const OperatorInfo& op : AllOperators()) EXPECT_EQ(CurrentOperatorName(op.name), nullptr);
  ASSERT_TRUE(server::FaultSet::Parse({"accept-missing-host"}));
  EXPECT_TRUE(
      server::FaultSet::Parse({"accept-missing-host"})->Has(server::Fault::kAcceptMissingHost));
  for (const server::FaultInfo& f : server::AllFaults()) {
    EXPECT_EQ(server::CurrentFaultName(f.name), nullptr) << f.name;
  }
}

}  // namespace
}  // namespace httpconform::netfuzz
