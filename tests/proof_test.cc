// The proof behind every verdict: each case passes against the clean
// reference server, and fails (not errors) against every fault listed in its
// killed_by, each fault breaking exactly one rule. A case no fault can kill
// must say why in `unkillable`. The clean server must also draw no passive
// finding: it is the model of a conforming server.
//
// Two refinements of "fails": a MAY case never fails (docs/verdicts.md), so
// its killing fault must turn its pass into the skip that reports the
// server's choice; and a case that refines others ("after") runs with its
// bases, which the fault must leave passing -- otherwise the case would be
// skipped, not failed. And the converse: a server lacking a base behaviour
// (the fault that kills a base case) gets exactly one FAIL from the whole
// library, the base case's, while every refinement of it is skipped naming
// it.
//
// Over HTTP/2 (h2c to the same server): every case passes or is skipped
// with a reason (raw HTTP/1.1 bytes, a question HTTP/2 has no form of),
// none errors, and the faults about HTTP/2 (h2-*) are proven over HTTP/2,
// where alone they change anything. The cases about HTTP/2 (they judge h2.*
// diagnostics) are skipped over HTTP/1.1.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "cases/embedded_cases.h"
#include "harness/loader/dependencies.h"
#include "harness/loader/loader.h"
#include "harness/runner/h2_applicability.h"
#include "harness/runner/runner.h"
#include "harness/server/reference_server.h"
#include "harness/transport/h2_session.h"
#include "harness/transport/raw_transport.h"

namespace httpconform {
namespace {

std::vector<core::Case> Library() {
  std::vector<loader::SourceFile> files;
  for (const cases::EmbeddedFile& f : cases::EmbeddedCaseFiles())
    files.push_back({f.path, f.text, /*library=*/true});
  core::Expected<std::vector<core::Case>> cases = loader::LoadLibrary(files, {});
  EXPECT_TRUE(cases) << (cases ? "" : cases.error().message);
  std::vector<core::Case> origin_cases;
  // Proxy cases have their own proof, against the reference gateway
  // (proxy_proof_test.cc).
  for (core::Case& c : cases ? *cases : std::vector<core::Case>{}) {
    if (!c.IsProxyCase()) origin_cases.push_back(std::move(c));
  }
  return origin_cases;
}

bool IsH2Fault(const std::string& fault) { return fault.rfind("h2-", 0) == 0; }

core::RunResult RunAgainst(const std::vector<std::string>& faults,
                           const std::vector<core::Case>& cases, bool early_hints = false,
                           bool http2 = false) {
  server::ServerOptions options;
  options.faults = faults;
  options.early_hints = early_hints;
  auto srv = server::ReferenceServer::Start(options);
  EXPECT_TRUE(srv) << (srv ? "" : srv.error().message);
  if (!srv) return {};
  core::Expected<transport::Target> target = transport::ParseTarget((*srv)->url() + "/");
  EXPECT_TRUE(target);
  transport::TransportOptions topts;
  std::unique_ptr<transport::Transport> raw = transport::MakeRawTransport(*target, topts);
  topts.http_version = 2;
  std::unique_ptr<transport::Transport> h2 = transport::MakeH2Transport(*target, topts);
  runner::RunOptions ro;
  ro.jobs = 4;
  ro.timeout_ms = 3000;
  ro.http = http2 ? "2" : "1.1";  // Cases declare the versions they apply to.
  runner::Transports transports{raw.get(), raw.get(), ""};
  if (http2) transports = {nullptr, h2.get(), "raw request bytes are HTTP/1.1"};
  core::RunResult run = runner::RunCases(cases, *target, transports, ro);
  (*srv)->Stop();
  return run;
}

TEST(ProofTest, LibraryIsNotEmpty) { EXPECT_GE(Library().size(), 10u); }

TEST(ProofTest, CleanReferenceServerPassesEveryCase) {
  std::vector<core::Case> cases = Library();
  core::RunResult run = RunAgainst({}, cases);
  ASSERT_EQ(run.results.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const core::CaseResult& r = run.results[i];
    // A case about HTTP/2 is skipped over HTTP/1.1, and proven below.
    EXPECT_EQ(r.outcome,
              runner::IsHttp2Case(cases[i]) ? core::Outcome::kSkip : core::Outcome::kPass)
        << r.id << ": " << core::OutcomeName(r.outcome) << ": " << r.reason;
    for (const core::PassiveFinding& f : r.findings) {
      ADD_FAILURE() << r.id << ": passive finding on the clean server: " << f.rule << ": "
                    << f.message;
    }
  }
}

TEST(ProofTest, CleanReferenceServerPassesOrSkipsEveryCaseOverHttp2) {
  std::vector<core::Case> cases = Library();
  core::RunResult run = RunAgainst({}, cases, false, /*http2=*/true);
  ASSERT_EQ(run.results.size(), cases.size());
  int passed = 0, http2_cases = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const core::CaseResult& r = run.results[i];
    if (runner::IsHttp2Case(cases[i])) {
      ++http2_cases;
      EXPECT_EQ(r.outcome, core::Outcome::kPass) << r.id << ": " << r.reason;
    }
    EXPECT_TRUE(r.outcome == core::Outcome::kPass || r.outcome == core::Outcome::kSkip)
        << r.id << ": " << core::OutcomeName(r.outcome) << ": " << r.reason;
    if (r.outcome == core::Outcome::kSkip) EXPECT_FALSE(r.reason.empty()) << r.id;
    if (r.outcome == core::Outcome::kPass) ++passed;
    for (const core::PassiveFinding& f : r.findings) {
      ADD_FAILURE() << r.id << ": passive finding over HTTP/2: " << f.rule << ": " << f.message;
    }
  }
  EXPECT_GE(http2_cases, 7);
  // Most semantic cases are structured requests, which HTTP/2 carries.
  EXPECT_GE(passed, static_cast<int>(cases.size()) / 2);
}

// A 103 (Early Hints) may precede any final response (RFC 9110 §15.2): a
// server that sends one before every response, later ones on a connection
// included, breaks no rule, so no case may fail or error on it.
TEST(ProofTest, EarlyHintsBeforeEveryResponseFailNoCase) {
  std::vector<core::Case> cases = Library();
  core::RunResult run = RunAgainst({}, cases, /*early_hints=*/true);
  ASSERT_EQ(run.results.size(), cases.size());
  for (const core::CaseResult& r : run.results) {
    EXPECT_TRUE(r.outcome == core::Outcome::kPass || r.outcome == core::Outcome::kSkip)
        << r.id << ": " << core::OutcomeName(r.outcome) << ": " << r.reason;
    for (const core::PassiveFinding& f : r.findings) {
      ADD_FAILURE() << r.id << ": passive finding with early hints: " << f.rule << ": "
                    << f.message;
    }
  }
}

TEST(ProofTest, EveryCaseIsKilledOrSaysWhyNot) {
  std::set<std::string> known;
  for (const server::FaultInfo& f : server::AllFaults()) known.insert(f.name);
  for (const core::Case& c : Library()) {
    EXPECT_TRUE(!c.killed_by.empty() || !c.unkillable.empty()) << c.id;
    for (const std::string& f : c.killed_by) {
      EXPECT_TRUE(known.count(f)) << c.id << " names unknown fault " << f;
    }
  }
}

// The converse of killed_by: every fault of the reference server breaks a rule
// some case judges, so a fault that no case names is either a rule judged
// elsewhere (listed here with where) or a behaviour the library no longer
// calls a violation, which must not stay a fault.
TEST(ProofTest, EveryFaultIsKilledByACaseOrSaysWhereItIsJudged) {
  const std::map<std::string, std::string> kJudgedElsewhere = {
      {"two-digit-status",
       "not an HTTP response at all: every case that reads one reports an error "
       "(status-line.code-not-3-digits), which fails the run"},
      {"500-for-obs-fold", "the network fuzzer's finding (harness/netfuzz, netfuzz_faults_test)"},
      {"hang-on-cl-conflict",
       "the network fuzzer's finding (harness/netfuzz, netfuzz_faults_test)"},
      {"last-modified-after-date",
       "the passive rule last-modified.not-after-date, which compares two dates as no case "
       "expectation can (PassiveRuleFaultDrawsItsFinding below)"},
      {"h2-malformed-request-accepted",
       "the HTTP/2 client sends well-formed requests only (it lowercases names and refuses "
       "connection-specific fields); h2_serve_test sends malformed ones itself"},
  };
  std::set<std::string> killed;
  for (const core::Case& c : Library()) killed.insert(c.killed_by.begin(), c.killed_by.end());
  for (const server::FaultInfo& f : server::AllFaults()) {
    const bool elsewhere = kJudgedElsewhere.count(f.name) > 0;
    EXPECT_TRUE(killed.count(f.name) || elsewhere) << f.name << " is killed by no case";
    EXPECT_FALSE(killed.count(f.name) && elsewhere) << f.name << " is killed by a case now";
  }
}

// A fault judged by a passive rule (no case can compare two dates) draws
// that rule's finding, on the responses that carry both fields only.
TEST(ProofTest, PassiveRuleFaultDrawsItsFinding) {
  std::vector<core::Case> cases;
  for (core::Case& c : Library()) {
    if (c.id == "conditional.if-none-match.304" || c.id == "methods.options.allow") {
      cases.push_back(std::move(c));
    }
  }
  ASSERT_EQ(cases.size(), 2u);
  core::RunResult run = RunAgainst({"last-modified-after-date"}, cases);
  std::set<std::string> with_finding;
  for (const core::CaseResult& r : run.results) {
    for (const core::PassiveFinding& f : r.findings) {
      EXPECT_EQ(f.rule, "last-modified.not-after-date") << r.id << ": " << f.message;
      with_finding.insert(r.id);
    }
  }
  // The 200 of the GET carries Last-Modified; OPTIONS's 204 does not.
  EXPECT_EQ(with_finding, std::set<std::string>{"conditional.if-none-match.304"});
}

TEST(ProofTest, EveryKillingFaultMakesItsCasesFail) {
  std::vector<core::Case> cases = Library();
  std::map<std::string, std::vector<bool>> by_fault;  // Fault -> which cases it must kill.
  for (std::size_t i = 0; i < cases.size(); ++i) {
    for (const std::string& f : cases[i].killed_by) {
      by_fault[f].resize(cases.size(), false);
      by_fault[f][i] = true;
    }
  }
  for (const auto& [fault, killed] : by_fault) {
    // The killed cases, and the bases they refine (which must still pass).
    std::vector<core::Case> run_cases = loader::WithBases(cases, killed);
    core::RunResult run = RunAgainst({fault}, run_cases, false, IsH2Fault(fault));
    ASSERT_EQ(run.results.size(), run_cases.size()) << fault;
    for (std::size_t i = 0; i < run_cases.size(); ++i) {
      const core::CaseResult& r = run.results[i];
      if (!run_cases[i].pulled_in_by.empty()) {
        EXPECT_EQ(r.outcome, core::Outcome::kPass)
            << "fault " << fault << " breaks " << r.id << ", a base of "
            << run_cases[i].pulled_in_by.front() << ", not only the rule it is for: " << r.reason;
        continue;
      }
      if (r.spec.level == core::Level::kMay) {
        EXPECT_TRUE(r.outcome == core::Outcome::kSkip && r.optional_not_taken)
            << "fault " << fault << " should make the MAY case " << r.id
            << " report the option as not taken, but it was " << core::OutcomeName(r.outcome)
            << ": " << r.reason;
        continue;
      }
      EXPECT_EQ(r.outcome, core::Outcome::kFail)
          << "fault " << fault << " should make " << r.id << " fail, but it was "
          << core::OutcomeName(r.outcome) << ": " << r.reason;
    }
  }
}

// The bases of the library (cases some other case names in "after") and,
// for each, the cases that depend on it, directly or not.
std::map<std::string, std::set<std::string>> Refinements(const std::vector<core::Case>& cases) {
  std::map<std::string, std::set<std::string>> direct;
  for (const core::Case& c : cases) {
    for (const core::Dependency& d : c.after) direct[d.id].insert(c.id);
  }
  std::map<std::string, std::set<std::string>> all;
  for (const auto& [base, children] : direct) {
    std::vector<std::string> stack(children.begin(), children.end());
    while (!stack.empty()) {
      const std::string id = stack.back();
      stack.pop_back();
      if (!all[base].insert(id).second) continue;
      auto more = direct.find(id);
      if (more != direct.end()) stack.insert(stack.end(), more->second.begin(), more->second.end());
    }
  }
  return all;
}

TEST(ProofTest, ServerLackingABaseBehaviourGetsOneFailTheBaseCase) {
  const std::vector<core::Case> cases = Library();
  const auto refinements = Refinements(cases);
  // The library's families: each base names the behaviour its refinements need.
  for (const char* base :
       {"conditional.if-none-match.304", "conditional.if-match.412",
        "conditional.if-unmodified-since.412", "conditional.if-modified-since.304",
        "range.if-range.mismatch.200", "expect.100-continue.immediate-response",
        "persistence.connection-close.server-closes"}) {
    EXPECT_TRUE(refinements.count(base)) << base << " has no refinements";
  }
  int checked = 0;
  for (const auto& [base, dependents] : refinements) {
    const core::Case* base_case = nullptr;
    for (const core::Case& c : cases) {
      if (c.id == base) base_case = &c;
    }
    ASSERT_NE(base_case, nullptr) << base;
    for (const std::string& fault : base_case->killed_by) {
      SCOPED_TRACE("fault " + fault + " (lacks what " + base + " checks)");
      core::RunResult run = RunAgainst({fault}, cases);
      ASSERT_EQ(run.results.size(), cases.size());
      std::vector<std::string> failed;
      for (const core::CaseResult& r : run.results) {
        if (r.outcome == core::Outcome::kFail) failed.push_back(r.id);
        if (!dependents.count(r.id)) continue;
        // Every refinement, however deep, is skipped because of the base
        // (directly, or through a refinement skipped because of it).
        EXPECT_EQ(r.outcome, core::Outcome::kSkip) << r.id << ": " << r.reason;
        ASSERT_TRUE(r.blocked_by) << r.id << ": " << r.reason;
        EXPECT_TRUE(r.blocked_by->id == base || dependents.count(r.blocked_by->id)) << r.id;
        EXPECT_NE(r.reason.find("depends on " + r.blocked_by->id + ", which "), std::string::npos)
            << r.reason;
      }
      EXPECT_EQ(failed, std::vector<std::string>{base});
      ++checked;
    }
  }
  EXPECT_GE(checked, 7);
}

}  // namespace
}  // namespace httpconform
