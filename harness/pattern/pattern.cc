#include "harness/pattern/pattern.h"

#include <re2/re2.h>

#include <mutex>
#include <unordered_map>
#include <utility>

#include "harness/pattern/options.h"

namespace httpconform::pattern {
namespace {

re2::StringPiece Piece(std::string_view s) { return re2::StringPiece(s.data(), s.size()); }

}  // namespace

Pattern::Pattern(std::string text, std::unique_ptr<re2::RE2> re)
    : text_(std::move(text)), re_(std::move(re)) {}

Pattern::~Pattern() = default;

core::Expected<std::shared_ptr<const Pattern>> Pattern::Compile(std::string_view text) {
  auto re = std::make_unique<re2::RE2>(Piece(text), Re2Options());
  if (!re->ok()) return core::MakeError("regex", re->error());
  return std::shared_ptr<const Pattern>(new Pattern(std::string(text), std::move(re)));
}

bool Pattern::Search(std::string_view subject) const {
  // No submatches asked for: RE2 answers with its DFA alone.
  return re_->Match(Piece(subject), 0, subject.size(), RE2::UNANCHORED, nullptr, 0);
}

std::optional<std::string_view> Pattern::Capture(std::string_view subject) const {
  re2::StringPiece found[2];
  const int group = re_->NumberOfCapturingGroups() > 0 ? 1 : 0;
  if (!re_->Match(Piece(subject), 0, subject.size(), RE2::UNANCHORED, found, group + 1)) {
    return std::nullopt;
  }
  // A group that took no part in the match captures the empty string.
  return std::string_view(found[group].data() == nullptr ? "" : found[group].data(),
                          found[group].size());
}

int Pattern::groups() const { return re_->NumberOfCapturingGroups(); }

core::Expected<std::shared_ptr<const Pattern>> Shared(const std::string& text) {
  static std::mutex mu;
  static auto* cache =
      new std::unordered_map<std::string, core::Expected<std::shared_ptr<const Pattern>>>();
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache->find(text);
    if (it != cache->end()) return it->second;
  }
  // Compiled outside the lock: two threads may both compile a new pattern
  // once; the first to store it wins and both results are equivalent.
  core::Expected<std::shared_ptr<const Pattern>> compiled = Pattern::Compile(text);
  std::lock_guard<std::mutex> lock(mu);
  if (cache->size() < kMaxCachedPatterns) return cache->emplace(text, compiled).first->second;
  return compiled;
}

}  // namespace httpconform::pattern
