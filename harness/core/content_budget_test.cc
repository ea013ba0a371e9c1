#include "harness/core/content_budget.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace httpconform::core {
namespace {

TEST(ContentBudgetTest, GrantsUpToTheFairShareAndWhatIsLeft) {
  auto budget = ContentBudget::Make(100);
  ContentLease a = budget->Open();
  EXPECT_EQ(a.Grow(60), 60u);  // Alone: all of it is its share.
  EXPECT_FALSE(a.refused());
  ContentLease b = budget->Open();
  EXPECT_EQ(budget->open_leases(), 2u);
  EXPECT_EQ(b.Grow(60), 40u);  // Share 50, but only 40 left.
  EXPECT_TRUE(b.refused());
  EXPECT_EQ(budget->used(), 100u);
  EXPECT_EQ(a.Grow(1), 0u);  // Over its share already: nothing more.
  EXPECT_TRUE(a.refused());
  a.Release();
  EXPECT_EQ(budget->used(), 40u);
  EXPECT_EQ(budget->open_leases(), 1u);
  EXPECT_EQ(a.held(), 0u);
  EXPECT_EQ(a.Grow(7), 7u);  // Released: unbudgeted from then on.
  EXPECT_EQ(budget->used(), 40u);
  EXPECT_EQ(b.Grow(100), 60u);  // Alone again: the rest.
  EXPECT_EQ(b.held(), 100u);
}

TEST(ContentBudgetTest, ReturnsOnDestructionAndMovesReturnOnce) {
  auto budget = ContentBudget::Make(1000);
  {
    ContentLease a = budget->Open();
    a.Grow(300);
    ContentLease b = std::move(a);
    EXPECT_EQ(b.held(), 300u);
    EXPECT_EQ(a.held(), 0u);
    EXPECT_FALSE(a.budgeted());
    ContentLease c = budget->Open();
    c.Grow(100);
    c = std::move(b);  // c's own 100 go back; b's 300 move in.
    EXPECT_EQ(budget->used(), 300u);
    EXPECT_EQ(budget->open_leases(), 1u);
  }
  EXPECT_EQ(budget->used(), 0u);
  EXPECT_EQ(budget->open_leases(), 0u);
}

TEST(ContentBudgetTest, UnbudgetedLeaseGrantsEverything) {
  ContentLease lease;
  EXPECT_EQ(lease.Grow(1u << 30), 1u << 30);
  EXPECT_FALSE(lease.refused());
  EXPECT_EQ(lease.budget_total(), 0u);
}

// Many threads opening, growing and returning leases at random: the sum held
// never exceeds the total (a watcher samples it all along), and everything
// comes back.
TEST(ContentBudgetTest, NeverExceedsTheTotalUnderConcurrency) {
  constexpr std::size_t kTotal = 1 << 20;
  auto budget = ContentBudget::Make(kTotal);
  std::atomic<bool> done{false};
  std::atomic<std::size_t> worst{0};
  std::thread watcher([&] {
    while (!done.load()) {
      const std::size_t used = budget->used();
      if (used > worst.load()) worst.store(used);
    }
  });
  std::vector<std::thread> threads;
  std::atomic<std::size_t> granted_total{0};
  for (unsigned t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      unsigned x = 2463534242u + t;
      for (int round = 0; round < 2000; ++round) {
        ContentLease lease = budget->Open();
        for (int i = 0; i < 4; ++i) {
          x ^= x << 13;
          x ^= x >> 17;
          x ^= x << 5;
          granted_total += lease.Grow(x % (kTotal / 4));
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  done = true;
  watcher.join();
  EXPECT_LE(worst.load(), kTotal);
  EXPECT_GT(granted_total.load(), kTotal);  // The budget was really contended and reused.
  EXPECT_EQ(budget->used(), 0u);
  EXPECT_EQ(budget->open_leases(), 0u);
}

// N exchanges reading at once, each growing in small steps until refused:
// each ends with its fair share (total / N, to within one step), none starves.
TEST(ContentBudgetTest, SharesFairlyUnderContention) {
  constexpr std::size_t kTotal = 8 << 20;
  constexpr std::size_t kStep = 4096;
  constexpr int kN = 8;
  auto budget = ContentBudget::Make(kTotal);
  std::mutex mu;
  std::condition_variable cv;
  int opened = 0;
  int measured = 0;
  std::vector<std::size_t> held(kN);
  std::vector<std::thread> threads;
  for (int t = 0; t < kN; ++t) {
    threads.emplace_back([&, t] {
      ContentLease lease = budget->Open();
      {
        std::unique_lock<std::mutex> lock(mu);
        ++opened;
        cv.notify_all();
        cv.wait(lock, [&] { return opened == kN; });  // All open before anyone grows.
      }
      while (lease.Grow(kStep) == kStep) {
      }
      held[t] = lease.held();
      std::unique_lock<std::mutex> lock(mu);
      ++measured;  // Keep the lease until every thread has measured.
      cv.notify_all();
      cv.wait(lock, [&] { return measured == kN; });
    });
  }
  for (std::thread& th : threads) th.join();
  std::size_t sum = 0;
  for (std::size_t h : held) {
    EXPECT_GE(h + kStep, kTotal / kN);
    EXPECT_LE(h, kTotal / kN);
    sum += h;
  }
  EXPECT_LE(sum, kTotal);
}

TEST(AppendLeasedTest, KeepsCapacityEqualToTheLease) {
  auto budget = ContentBudget::Make(1 << 20);
  ContentLease lease = budget->Open();
  std::string content;
  const std::string block(1000, 'x');
  std::size_t appended = 0;
  for (int i = 0; i < 300; ++i) {
    appended += AppendLeased(&content, block, 256 * 1024, &lease);
    EXPECT_EQ(content.capacity(), lease.held());
  }
  EXPECT_EQ(appended, 256u * 1024);  // The cap.
  EXPECT_EQ(content.size(), 256u * 1024);
  EXPECT_EQ(budget->used(), lease.held());
  EXPECT_FALSE(lease.refused());
}

TEST(AppendLeasedTest, StopsWhereTheBudgetRunsOut) {
  auto budget = ContentBudget::Make(10000);
  ContentLease other = budget->Open();
  other.Grow(7000);
  ContentLease lease = budget->Open();
  std::string content;
  std::size_t appended = 0;
  for (int i = 0; i < 1000; ++i) appended += AppendLeased(&content, "0123456789", 1 << 20, &lease);
  EXPECT_EQ(appended, 3000u);  // What the other lease left.
  EXPECT_EQ(content.substr(0, 10), "0123456789");
  EXPECT_TRUE(lease.refused());
  EXPECT_LE(content.capacity(), lease.held());
  EXPECT_EQ(budget->used(), 10000u);
}

TEST(AppendLeasedTest, AnnouncedSizeIsReservedOnce) {
  auto budget = ContentBudget::Make(1 << 20);
  ContentLease lease = budget->Open();
  std::string content;
  const std::string block(1000, 'x');
  AppendLeased(&content, block, 256 * 1024, &lease, /*expected_size=*/100000);
  const char* buffer = content.data();
  for (int i = 1; i < 100; ++i) AppendLeased(&content, block, 256 * 1024, &lease, 100000);
  EXPECT_EQ(content.size(), 100000u);
  EXPECT_EQ(content.data(), buffer);  // Never reallocated.
  EXPECT_EQ(lease.held(), 100000u);
  // An announced size past the cap reserves the cap only.
  ContentLease other = budget->Open();
  std::string big;
  AppendLeased(&big, block, 4096, &other, std::size_t{1} << 40);
  EXPECT_EQ(other.held(), 4096u);
}

// Growing copies the content into a bigger buffer: the lease holds both
// while they are alive, so a lease whose doubling would pass its share stops
// short instead, and the budget is never exceeded, copies included.
TEST(AppendLeasedTest, TheCopyWhileGrowingIsWithinTheBudget) {
  auto budget = ContentBudget::Make(3 * 4096);
  ContentLease lease = budget->Open();
  std::string content;
  std::size_t appended = 0;
  for (int i = 0; i < 100; ++i)
    appended += AppendLeased(&content, std::string(512, 'y'), 1 << 20, &lease);
  // 4096, then 8192 while the 4096 are still held (12288 = the total); then
  // 16384 would need 8192 + 16384.
  EXPECT_EQ(appended, 8192u);
  EXPECT_EQ(lease.held(), 8192u);
  EXPECT_EQ(content.capacity(), 8192u);
  EXPECT_TRUE(lease.refused());
  EXPECT_EQ(budget->used(), 8192u);
}

TEST(AppendLeasedTest, WithoutABudgetOnlyTheCapApplies) {
  std::string content;
  ContentLease unbudgeted;
  EXPECT_EQ(AppendLeased(&content, "abcdef", 4, &unbudgeted), 4u);
  EXPECT_EQ(AppendLeased(&content, "gh", 4, nullptr), 0u);
  EXPECT_EQ(content, "abcd");
}

}  // namespace
}  // namespace httpconform::core
