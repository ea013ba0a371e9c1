// Regular expressions: RE2 in the one configuration every user of a pattern
// shares (the case loader's lint, the runner's checks and captures, the
// fuzz targets).
//
// Why RE2: a response is arbitrary bytes of any size, and a backtracking or
// recursive matcher over it costs stack or time per byte (libstdc++'s regex
// took one stack frame per byte and crashed on a 4.7 MB page). RE2 matches in
// time linear in the text, never recurses over it, and caps its own memory.
//
// The configuration: patterns match bytes (RE2's Latin-1 mode: each byte is
// one character), so content that is not UTF-8 is searched like any other
// and a match never fails on an invalid sequence; a non-ASCII character
// written in a pattern stands for its UTF-8 bytes. Each compiled pattern may
// use at most kMaxMemBytes (program and DFA cache; past it RE2 falls back to
// its slower, still linear, NFA). Errors are returned, never logged.
//
// Compiling costs far more than a search, so Shared() compiles each distinct
// pattern once per process and hands the same immutable object to every
// thread (RE2's matching is thread-safe); the cache holds at most
// kMaxCachedPatterns entries, past which patterns are compiled per use. So
// compiled patterns hold at most kMaxCachedPatterns x kMaxMemBytes (64 MiB),
// and far less in practice: a pattern's DFA has as many states as its
// structure allows, however long the text (tens of KiB for the library's).
#ifndef HTTPCONFORM_PATTERN_PATTERN_H_
#define HTTPCONFORM_PATTERN_PATTERN_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "harness/core/expected.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace httpconform::pattern {

/// Longest pattern a case file may hold: case patterns are one-liners, and
/// the cap bounds compile time and program size together with kMaxMemBytes.
inline constexpr std::size_t kMaxPatternBytes = 1000;
/// RE2's memory budget per compiled pattern.
inline constexpr std::int64_t kMaxMemBytes = 1 << 20;
/// Distinct patterns kept compiled (the library has 26).
inline constexpr std::size_t kMaxCachedPatterns = 64;

/// A compiled pattern; immutable, so one object serves every thread.
class Pattern {
 public:
  /// Compiles `text`; the error's message is RE2's ("missing ): (a").
  static core::Expected<std::shared_ptr<const Pattern>> Compile(std::string_view text);
  ~Pattern();
  Pattern(const Pattern&) = delete;
  Pattern& operator=(const Pattern&) = delete;

  /// True when the pattern matches somewhere in `subject` (unanchored).
  bool Search(std::string_view subject) const;
  /// The first match's group 1 when the pattern has a group, else the whole
  /// match; nullopt when there is no match (or group 1 took no part in it).
  /// The view points into `subject`.
  std::optional<std::string_view> Capture(std::string_view subject) const;

  /// Capturing groups in the pattern.
  int groups() const;
  const std::string& text() const { return text_; }

 private:
  Pattern(std::string text, std::unique_ptr<re2::RE2> re);
  std::string text_;
  std::unique_ptr<re2::RE2> re_;
};

/// The compiled form of `text`, compiled at most once per process while the
/// cache has room; the error of Compile() when it is not a valid pattern.
core::Expected<std::shared_ptr<const Pattern>> Shared(const std::string& text);

}  // namespace httpconform::pattern

#endif  // HTTPCONFORM_PATTERN_PATTERN_H_
