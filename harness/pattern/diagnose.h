// Why a case file's pattern cannot be used, and where: the case loader's
// lint reports it at file:line:column inside the pattern's string.
//
// RE2 says what is wrong ("invalid perl operator: (?=") but not where, and a
// pattern written for another dialect (ECMAScript, PCRE) most often fails on
// a construct RE2 leaves out on purpose because it needs backtracking:
// backreferences, lookaround, possessive and atomic groups, recursion. So
// the pattern is compiled first; only when RE2 refuses it does a scan of the
// pattern (one pass, linear, no recursion: escapes, classes and \Q...\E
// understood, groups kept on an explicit stack) find the offending token by
// RE2's error fragment, and name the construct when it is one of those.
#ifndef HTTPCONFORM_PATTERN_DIAGNOSE_H_
#define HTTPCONFORM_PATTERN_DIAGNOSE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace httpconform::pattern {

/// A pattern's problem: where (a byte index into the pattern) and what.
struct Problem {
  std::size_t offset = 0;
  std::string message;  ///< e.g. "lookahead (?= is not supported by RE2; ...".
};

/// Nullopt when `text` compiles and is within kMaxPatternBytes.
std::optional<Problem> Diagnose(std::string_view text);

}  // namespace httpconform::pattern

#endif  // HTTPCONFORM_PATTERN_DIAGNOSE_H_
