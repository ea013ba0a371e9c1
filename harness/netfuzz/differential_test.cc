// Differential network fuzzing: what a client sees of an exchange is
// summarised alike for alike outcomes; a difference planted in one of two
// reference servers (fault 500-for-obs-fold) is found with a fixed seed
// within 60 s and minimized to the operator that causes it; two clean
// reference servers never disagree.
#include "harness/netfuzz/differential.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "harness/server/reference_server.h"

namespace httpconform::netfuzz {
namespace {

TEST(Differential, InterpretationSummary) {
  struct Row {
    std::vector<int> statuses;
    bool closed, reset, timed_out, quiet_end;
    const char* want;
  };
  const Row rows[] = {
      {{400}, true, false, false, false, "[4xx] closed"},
      {{200, 404}, false, false, false, false, "[2xx 4xx] open"},
      {{}, false, false, true, false, "[] timeout"},
      {{}, false, false, true, true, "[] open"},  // An incomplete request met silence.
      {{200}, true, true, false, false, "[2xx] reset"},
      {{503}, false, false, true, false, "[5xx] open"},
  };
  for (const Row& row : rows) {
    Outcome o;
    o.statuses = row.statuses;
    o.closed = row.closed;
    o.reset = row.reset;
    o.timed_out = row.timed_out;
    o.quiet_end = row.quiet_end;
    EXPECT_EQ(Interpret(o).Summary(), row.want);
  }
}

struct Servers {
  std::vector<std::unique_ptr<server::ReferenceServer>> running;
  std::vector<std::string> urls;
};

Servers Start(const std::vector<std::vector<std::string>>& faults) {
  Servers s;
  for (const auto& f : faults) {
    server::ServerOptions o;
    o.faults = f;
    auto server = server::ReferenceServer::Start(o);
    EXPECT_TRUE(server) << server.error().message;
    if (!server) continue;
    s.urls.push_back((*server)->url() + "/");
    s.running.push_back(std::move(*server));
  }
  return s;
}

DifferentialOptions Options(const std::vector<std::string>& urls, std::uint64_t seed) {
  DifferentialOptions o;
  o.urls = urls;
  o.seed = seed;
  o.duration_s = 60;
  o.timeout_ms = 1000;
  o.out_dir = "";
  return o;
}

TEST(Differential, FindsAPlantedDifferenceWithinAMinute) {
  Servers s = Start({{}, {"500-for-obs-fold"}});
  ASSERT_EQ(s.urls.size(), 2u);
  DifferentialOptions o = Options(s.urls, 1);
  const auto start = std::chrono::steady_clock::now();
  // Short runs first (each starts the seed's sequence again): the planted
  // difference comes within the first few hundred plans.
  std::int64_t found_after = -1;
  for (std::int64_t n : {500, 2000, 8000}) {
    o.max_requests = n;
    auto r = RunDifferential(o);
    ASSERT_TRUE(r) << r.error().message;
    if (!r->findings.empty()) {
      found_after = n;
      const DifferentialFinding& f = r->findings.front();
      EXPECT_EQ(f.plan, "GET + obs-fold(0)");  // Minimized to the planted cause.
      ASSERT_EQ(f.interpretations.size(), 2u);
      EXPECT_EQ(f.interpretations[0], "[4xx] closed");
      EXPECT_EQ(f.interpretations[1], "[5xx] closed");
      EXPECT_EQ(f.id.rfind("differential-", 0), 0u);
      break;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GT(found_after, 0) << "no difference found";
  EXPECT_LE(seconds, 60.0);
}

TEST(Differential, CleanServersAgree) {
  Servers s = Start({{}, {}});
  ASSERT_EQ(s.urls.size(), 2u);
  DifferentialOptions o = Options(s.urls, 3);
  o.max_requests = 1500;
  auto r = RunDifferential(o);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->requests, 1500);
  for (const auto& f : r->findings) {
    ADD_FAILURE() << f.plan << ": " << f.interpretations[0] << " vs " << f.interpretations[1];
  }
}

TEST(Differential, NeedsTwoHttpTargets) {
  DifferentialOptions o;
  o.urls = {"http://127.0.0.1:1/"};
  auto r = RunDifferential(o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "usage");
  o.urls = {"http://127.0.0.1:1/", "https://127.0.0.1:2/"};
  r = RunDifferential(o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "usage");
}

}  // namespace
}  // namespace httpconform::netfuzz
