// The proof behind every proxy verdict (the sibling of proof_test.cc for the
// proxy library, cases/proxy/): each proxy case passes through the clean
// reference gateway to the scripted origin, with no passive finding, and
// fails (a MAY case: reports the option not taken) through the gateway with
// each fault of its killed_by, the bases it refines still passing. Every
// gateway fault is named by some case. The same library also passes when the
// gateway is addressed as a forward proxy (absolute-form requests).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "cases/embedded_cases.h"
#include "harness/loader/dependencies.h"
#include "harness/loader/loader.h"
#include "harness/proxy/gateway.h"
#include "harness/proxy/origin.h"
#include "harness/runner/runner.h"
#include "harness/transport/raw_transport.h"

namespace httpconform {
namespace {

std::vector<core::Case> ProxyLibrary() {
  std::vector<loader::SourceFile> files;
  for (const cases::EmbeddedFile& f : cases::EmbeddedCaseFiles())
    files.push_back({f.path, f.text, /*library=*/true});
  core::Expected<std::vector<core::Case>> cases = loader::LoadLibrary(files, {});
  EXPECT_TRUE(cases) << (cases ? "" : cases.error().message);
  std::vector<core::Case> out;
  for (core::Case& c : cases ? *cases : std::vector<core::Case>{}) {
    if (c.IsProxyCase()) out.push_back(std::move(c));
  }
  return out;
}

core::RunResult RunThroughGateway(const std::vector<std::string>& faults,
                                  const std::vector<core::Case>& cases, bool forward = false,
                                  bool cache = true) {
  auto origin = proxy::ScriptedOrigin::Start("127.0.0.1", 0);
  EXPECT_TRUE(origin) << (origin ? "" : origin.error().message);
  if (!origin) return {};
  proxy::GatewayOptions options;
  std::string host;
  proxy::SplitHostPort((*origin)->authority(), &host, &options.upstream_port);
  options.faults = faults;
  options.cache = cache;
  options.upstream_timeout_ms = 2000;
  auto gateway = proxy::ReferenceGateway::Start(options);
  EXPECT_TRUE(gateway) << (gateway ? "" : gateway.error().message);
  if (!gateway) return {};
  core::Expected<transport::Target> target = transport::ParseTarget((*gateway)->url());
  EXPECT_TRUE(target);
  transport::TransportOptions topts;
  std::unique_ptr<transport::Transport> raw = transport::MakeRawTransport(*target, topts);
  runner::RunOptions ro;
  ro.jobs = 4;
  ro.timeout_ms = 3000;
  ro.origin = origin->get();
  ro.forward = forward;
  core::RunResult run = runner::RunCases(cases, *target, {raw.get(), raw.get()}, ro);
  (*gateway)->Stop();
  (*origin)->Stop();
  return run;
}

void ExpectAllPass(const core::RunResult& run, const std::vector<core::Case>& cases) {
  ASSERT_EQ(run.results.size(), cases.size());
  for (const core::CaseResult& r : run.results) {
    EXPECT_EQ(r.outcome, core::Outcome::kPass)
        << r.id << ": " << core::OutcomeName(r.outcome) << ": " << r.reason;
    for (const core::PassiveFinding& f : r.findings) {
      ADD_FAILURE() << r.id << ": passive finding through the clean gateway: " << f.rule << ": "
                    << f.message;
    }
  }
}

TEST(ProxyProofTest, LibraryHasItsFirstSlice) { EXPECT_GE(ProxyLibrary().size(), 20u); }

TEST(ProxyProofTest, CleanGatewayPassesEveryProxyCase) {
  const std::vector<core::Case> cases = ProxyLibrary();
  ExpectAllPass(RunThroughGateway({}, cases), cases);
}

TEST(ProxyProofTest, CleanGatewayAsForwardProxyPassesEveryProxyCase) {
  const std::vector<core::Case> cases = ProxyLibrary();
  ExpectAllPass(RunThroughGateway({}, cases, /*forward=*/true), cases);
}

// A cache MAY store nothing (RFC 9111 §2): through the gateway without its
// cache no case fails; the cases about what a cache must not store or reuse
// pass, the base case of caching reports its option not taken, and the cases
// that refine it are skipped.
TEST(ProxyProofTest, GatewayWithoutCacheFailsNoCase) {
  const std::vector<core::Case> cases = ProxyLibrary();
  const core::RunResult run = RunThroughGateway({}, cases, false, /*cache=*/false);
  ASSERT_EQ(run.results.size(), cases.size());
  std::size_t cache_passes = 0;
  for (const core::CaseResult& r : run.results) {
    EXPECT_TRUE(r.outcome == core::Outcome::kPass || r.outcome == core::Outcome::kSkip)
        << r.id << ": " << core::OutcomeName(r.outcome) << ": " << r.reason;
    if (r.id == "proxy.cache.stores-fresh-response") {
      EXPECT_TRUE(r.outcome == core::Outcome::kSkip && r.optional_not_taken) << r.reason;
    }
    if (r.id.rfind("proxy.cache.", 0) == 0 && r.outcome == core::Outcome::kPass) ++cache_passes;
  }
  EXPECT_GE(cache_passes, 20u);
}

TEST(ProxyProofTest, CacheCasesNumberForty) {
  std::size_t n = 0;
  for (const core::Case& c : ProxyLibrary())
    n += c.id.rfind("proxy.cache.", 0) == 0 && c.spec.rfc == 9111;
  EXPECT_GE(n, 40u);
}

TEST(ProxyProofTest, EveryGatewayFaultIsKilledByACase) {
  std::set<std::string> killed;
  for (const core::Case& c : ProxyLibrary()) {
    EXPECT_FALSE(c.killed_by.empty()) << c.id << " names no gateway fault";
    killed.insert(c.killed_by.begin(), c.killed_by.end());
  }
  std::set<std::string> known;
  for (const proxy::GatewayFaultInfo& f : proxy::AllGatewayFaults()) {
    known.insert(f.name);
    EXPECT_TRUE(killed.count(f.name)) << f.name << " is killed by no proxy case";
  }
  for (const std::string& f : killed) EXPECT_TRUE(known.count(f)) << f << " is no gateway fault";
}

TEST(ProxyProofTest, EveryKillingGatewayFaultMakesItsCasesFail) {
  const std::vector<core::Case> cases = ProxyLibrary();
  std::map<std::string, std::vector<bool>> by_fault;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    for (const std::string& f : cases[i].killed_by) {
      by_fault[f].resize(cases.size(), false);
      by_fault[f][i] = true;
    }
  }
  for (const auto& [fault, killed] : by_fault) {
    const std::vector<core::Case> run_cases = loader::WithBases(cases, killed);
    const core::RunResult run = RunThroughGateway({fault}, run_cases);
    ASSERT_EQ(run.results.size(), run_cases.size()) << fault;
    for (std::size_t i = 0; i < run_cases.size(); ++i) {
      const core::CaseResult& r = run.results[i];
      if (!run_cases[i].pulled_in_by.empty()) {
        EXPECT_EQ(r.outcome, core::Outcome::kPass)
            << "fault " << fault << " breaks " << r.id << ", a base, too: " << r.reason;
      } else if (r.spec.level == core::Level::kMay) {
        EXPECT_TRUE(r.outcome == core::Outcome::kSkip && r.optional_not_taken)
            << "fault " << fault << ": " << r.id << ": " << r.reason;
      } else {
        EXPECT_EQ(r.outcome, core::Outcome::kFail)
            << "fault " << fault << " should make " << r.id << " fail, but it was "
            << core::OutcomeName(r.outcome) << ": " << r.reason;
      }
    }
  }
}

}  // namespace
}  // namespace httpconform
