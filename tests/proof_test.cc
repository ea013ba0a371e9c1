// The proof behind every verdict: each case passes against the clean
// reference server, and fails (not errors) against every fault listed in its
// killed_by, each fault breaking exactly one rule. A case no fault can kill
// must say why in `unkillable`. The clean server must also draw no passive
// finding: it is the model of a conforming server.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "cases/embedded_cases.h"
#include "harness/loader/loader.h"
#include "harness/runner/runner.h"
#include "harness/server/reference_server.h"
#include "harness/transport/raw_transport.h"

namespace httpconform {
namespace {

std::vector<core::Case> Library() {
  std::vector<loader::SourceFile> files;
  for (const cases::EmbeddedFile& f : cases::EmbeddedCaseFiles()) files.push_back({f.path, f.text});
  core::Expected<std::vector<core::Case>> cases = loader::LoadCases(files);
  EXPECT_TRUE(cases) << (cases ? "" : cases.error().message);
  return cases ? *cases : std::vector<core::Case>{};
}

core::RunResult RunAgainst(const std::vector<std::string>& faults,
                           const std::vector<core::Case>& cases, bool early_hints = false) {
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
  runner::RunOptions ro;
  ro.jobs = 4;
  ro.timeout_ms = 3000;
  core::RunResult run = runner::RunCases(cases, *target, {raw.get(), raw.get()}, ro);
  (*srv)->Stop();
  return run;
}

TEST(ProofTest, LibraryIsNotEmpty) { EXPECT_GE(Library().size(), 10u); }

TEST(ProofTest, CleanReferenceServerPassesEveryCase) {
  std::vector<core::Case> cases = Library();
  core::RunResult run = RunAgainst({}, cases);
  ASSERT_EQ(run.results.size(), cases.size());
  for (const core::CaseResult& r : run.results) {
    EXPECT_EQ(r.outcome, core::Outcome::kPass)
        << r.id << ": " << core::OutcomeName(r.outcome) << ": " << r.reason;
    for (const core::PassiveFinding& f : r.findings) {
      ADD_FAILURE() << r.id << ": passive finding on the clean server: " << f.rule << ": "
                    << f.message;
    }
  }
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

TEST(ProofTest, EveryKillingFaultMakesItsCasesFail) {
  std::vector<core::Case> cases = Library();
  std::map<std::string, std::vector<core::Case>> by_fault;
  for (const core::Case& c : cases) {
    for (const std::string& f : c.killed_by) by_fault[f].push_back(c);
  }
  for (const auto& [fault, killed] : by_fault) {
    core::RunResult run = RunAgainst({fault}, killed);
    ASSERT_EQ(run.results.size(), killed.size()) << fault;
    for (const core::CaseResult& r : run.results) {
      EXPECT_EQ(r.outcome, core::Outcome::kFail)
          << "fault " << fault << " should make " << r.id << " fail, but it was "
          << core::OutcomeName(r.outcome) << ": " << r.reason;
    }
  }
}

}  // namespace
}  // namespace httpconform
