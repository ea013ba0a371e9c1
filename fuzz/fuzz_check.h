// Helpers shared by the fuzz targets: a check that aborts with a message (so
// that libFuzzer, the replay driver and a plain g++ build all treat a broken
// invariant as a crash), and the hex form smoke.sh and the reports print.
#ifndef HTTPCONFORM_FUZZ_FUZZ_CHECK_H_
#define HTTPCONFORM_FUZZ_FUZZ_CHECK_H_

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace httpconform::fuzz {

/// Prints "invariant broken: what" plus up to 4 KiB of `a` and `b`, then aborts.
[[noreturn]] inline void Fail(const char* what, std::string_view a = {}, std::string_view b = {}) {
  std::fprintf(stderr, "invariant broken: %s\n", what);
  if (!a.empty())
    std::fprintf(stderr, "--- a:\n%.*s\n", static_cast<int>(std::min<std::size_t>(a.size(), 4096)),
                 a.data());
  if (!b.empty())
    std::fprintf(stderr, "--- b:\n%.*s\n", static_cast<int>(std::min<std::size_t>(b.size(), 4096)),
                 b.data());
  std::abort();
}

/// Aborts via Fail() unless `condition` holds.
inline void Check(bool condition, const char* what, std::string_view a = {},
                  std::string_view b = {}) {
  if (!condition) Fail(what, a, b);
}

/// Check() whose texts are built only when the check fails: `a` and `b` are
/// callables returning them (a Dump() of the whole response costs far more
/// than the checks, and every run would pay it).
template <typename TextA, typename TextB>
inline void CheckLazy(bool condition, const char* what, TextA&& a, TextB&& b) {
  if (!condition) Fail(what, a(), b());
}
template <typename TextA>
inline void CheckLazy(bool condition, const char* what, TextA&& a) {
  if (!condition) Fail(what, a());
}

/// Small deterministic generator for fuzzer-chosen splits (xorshift32).
class Splitter {
 public:
  explicit Splitter(unsigned seed) : state_(seed * 2654435761u + 1u) {}
  /// Next piece length in [1, max_piece].
  std::size_t Next(std::size_t max_piece) {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return 1 + state_ % max_piece;
  }

 private:
  unsigned state_;
};

}  // namespace httpconform::fuzz

#endif  // HTTPCONFORM_FUZZ_FUZZ_CHECK_H_
