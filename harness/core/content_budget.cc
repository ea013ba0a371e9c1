// ContentBudget and ContentLease; the design is in content_budget.h.
#include "harness/core/content_budget.h"

#include <algorithm>

namespace httpconform::core {
namespace {

// The first reservation of a budgeted content string: small responses, most
// of them, then take one allocation.
constexpr std::size_t kFirstGrant = 4 * 1024;

}  // namespace

std::shared_ptr<ContentBudget> ContentBudget::Make(std::size_t total_bytes) {
  return std::shared_ptr<ContentBudget>(new ContentBudget(total_bytes));
}

ContentLease ContentBudget::Open() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++leases_;
  }
  return ContentLease(shared_from_this());
}

std::size_t ContentBudget::used() const {
  std::lock_guard<std::mutex> lock(mu_);
  return used_;
}

std::size_t ContentBudget::open_leases() const {
  std::lock_guard<std::mutex> lock(mu_);
  return leases_;
}

std::size_t ContentBudget::Grant(std::size_t held, std::size_t more) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::size_t share = total_ / std::max<std::size_t>(leases_, 1);
  const std::size_t to_share = share > held ? share - held : 0;
  const std::size_t grant = std::min({more, to_share, total_ - used_});
  used_ += grant;
  return grant;
}

void ContentBudget::GiveBack(std::size_t bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  used_ -= bytes;
}

void ContentBudget::Return(std::size_t held) {
  std::lock_guard<std::mutex> lock(mu_);
  used_ -= held;
  --leases_;
}

ContentLease& ContentLease::operator=(ContentLease&& other) noexcept {
  if (this != &other) {
    Release();
    budget_ = std::move(other.budget_);
    held_ = other.held_;
    refused_ = other.refused_;
    other.budget_ = nullptr;
    other.held_ = 0;
    other.refused_ = false;
  }
  return *this;
}

std::size_t ContentLease::Grow(std::size_t more) {
  const std::size_t grant = budget_ ? budget_->Grant(held_, more) : more;
  held_ += grant;
  if (grant < more) refused_ = true;
  return grant;
}

void ContentLease::Shrink(std::size_t less) {
  less = std::min(less, held_);
  if (budget_) budget_->GiveBack(less);
  held_ -= less;
}

void ContentLease::Release() {
  if (budget_) budget_->Return(held_);
  budget_ = nullptr;
  held_ = 0;
}

std::size_t AppendLeased(std::string* content, std::string_view bytes, std::size_t cap,
                         ContentLease* lease, std::size_t expected_size) {
  const std::size_t room = cap > content->size() ? cap - content->size() : 0;
  const std::size_t want = std::min(room, bytes.size());
  if (want == 0) return 0;
  if (lease == nullptr || !lease->budgeted()) {
    content->append(bytes.data(), want);
    return want;
  }
  const std::size_t need = content->size() + want;
  const std::size_t old_size = lease->held();  // The buffer's capacity.
  if (need > old_size) {
    // The new buffer is taken from the budget while the old one is still
    // held: the copy below has both alive.
    const std::size_t target =
        std::min(cap, std::max({need, std::min(expected_size, cap), 2 * old_size, kFirstGrant}));
    const std::size_t granted = lease->Grow(target);
    if (granted > content->size() && granted > old_size) {
      // reserve() on a non-empty string may round up to twice its capacity;
      // a fresh string's reserve allocates exactly what is asked.
      std::string bigger;
      bigger.reserve(granted);
      bigger.append(*content);
      content->swap(bigger);
      lease->Shrink(old_size);
    } else {
      lease->Shrink(granted);  // No bigger than what is there: keep that.
    }
  }
  const std::size_t left = lease->held() > content->size() ? lease->held() - content->size() : 0;
  const std::size_t fits = std::min(want, left);
  content->append(bytes.data(), fits);
  return fits;
}

}  // namespace httpconform::core
