// ContentBudget: one cap on the response content a whole run holds at once.
//
// Design: every response's content is kept in memory while its case runs
// (the checks compare it, later steps refer to it), up to a per-response cap
// (TransportOptions::max_content_bytes). That cap alone lets N parallel
// exchanges hold N times it, so the transports also draw the content's memory
// from one budget shared by all of a run's sessions and workers. An exchange
// takes a ContentLease when it starts reading and grows it as its content
// grows; the lease is returned when the content is dropped (the runner keeps
// it with the step until the case is over and its results are trimmed), so
// the bytes held by every live exchange together never exceed the total.
//
// Fairness: a lease may grow to at most the total divided by the leases open
// at that moment (its fair share), and never past what is left; so N
// exchanges reading at once each get about 1/N of the total, and one alone
// may use all of it (up to its per-response cap). A grant is never taken
// back: a lease that grew while alone keeps its bytes until it is returned,
// and one that asks later gets what is left. Nothing waits: a refused grant
// only means the content is kept in part; the parser goes on counting it,
// the response stays complete, and the checks that need the whole content
// say they could not be decided (runner/expectations.h) rather than pass or
// fail on a prefix.
//
// Memory accounting: AppendLeased keeps a string's capacity equal to what its
// lease holds, so the lease counts the bytes really allocated. It grows a
// buffer by allocating a bigger one (of the size announced by Content-Length
// when there is one, else double) and copying: for that moment both are
// alive, and the lease holds both (it takes the new size before, and gives
// the old one back after), so even the copies stay within the total. Under
// contention a lease therefore fills between a half and two thirds of its
// fair share when it has to double, all of it when the size was announced.
#ifndef HTTPCONFORM_CORE_CONTENT_BUDGET_H_
#define HTTPCONFORM_CORE_CONTENT_BUDGET_H_

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace httpconform::core {

class ContentLease;

/// The shared cap; create with Make() (leases keep it alive).
class ContentBudget : public std::enable_shared_from_this<ContentBudget> {
 public:
  static std::shared_ptr<ContentBudget> Make(std::size_t total_bytes);

  /// A lease holding nothing yet, counted for fair shares until returned.
  ContentLease Open();

  std::size_t total() const { return total_; }
  /// Bytes held by all leases now.
  std::size_t used() const;
  /// Leases open now.
  std::size_t open_leases() const;

 private:
  friend class ContentLease;
  explicit ContentBudget(std::size_t total_bytes) : total_(total_bytes) {}
  // Grants up to `more` bytes to a lease holding `held`; returns the grant.
  std::size_t Grant(std::size_t held, std::size_t more);
  void GiveBack(std::size_t bytes);
  void Return(std::size_t held);

  const std::size_t total_;
  mutable std::mutex mu_;
  std::size_t used_ = 0;
  std::size_t leases_ = 0;
};

/// One exchange's share of a ContentBudget. Move-only; returns what it holds
/// when destroyed or Release()d. A default-constructed lease has no budget:
/// every Grow() is granted in full (one-shot parses, tests, tools).
class ContentLease {
 public:
  ContentLease() = default;
  ~ContentLease() { Release(); }
  ContentLease(ContentLease&& other) noexcept { *this = std::move(other); }
  ContentLease& operator=(ContentLease&& other) noexcept;
  ContentLease(const ContentLease&) = delete;
  ContentLease& operator=(const ContentLease&) = delete;

  /// Asks for `more` bytes; returns how many were granted (0..more).
  std::size_t Grow(std::size_t more);
  /// Gives back `less` (at most what it holds) and keeps the rest.
  void Shrink(std::size_t less);
  /// Returns everything to the budget; the lease is then unbudgeted and empty.
  void Release();

  bool budgeted() const { return budget_ != nullptr; }
  std::size_t held() const { return held_; }
  /// True once a Grow() was granted less than it asked for.
  bool refused() const { return refused_; }
  /// The budget's total (0 when unbudgeted), for messages.
  std::size_t budget_total() const { return budget_ ? budget_->total() : 0; }

 private:
  friend class ContentBudget;
  explicit ContentLease(std::shared_ptr<ContentBudget> budget) : budget_(std::move(budget)) {}

  std::shared_ptr<ContentBudget> budget_;
  std::size_t held_ = 0;
  bool refused_ = false;
};

/// Appends to `content` as much of `bytes` as `cap` (content's size limit) and
/// `lease` allow, and returns how many bytes it appended. With a budgeted
/// lease, `content` (which must start empty and be grown only through here)
/// is reallocated to exactly what the lease holds as it grows: to
/// `expected_size` (the size the peer announced, 0 if unknown) when that is
/// larger, else at least double.
std::size_t AppendLeased(std::string* content, std::string_view bytes, std::size_t cap,
                         ContentLease* lease, std::size_t expected_size = 0);

}  // namespace httpconform::core

#endif  // HTTPCONFORM_CORE_CONTENT_BUDGET_H_
