#include "harness/pattern/diagnose.h"

#include <re2/re2.h>

#include <vector>

#include "harness/pattern/options.h"
#include "harness/pattern/pattern.h"

namespace httpconform::pattern {
namespace {

constexpr std::size_t kNone = std::string_view::npos;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool StartsWith(std::string_view s, std::size_t at, std::string_view prefix) {
  return s.size() >= at && s.substr(at, prefix.size()) == prefix;
}

// One pass over a pattern: where each token starts, which parentheses do not
// pair up, the first repetition with nothing to repeat, the first non-ASCII
// byte inside a class. Tokens inside \Q...\E are literal bytes, not tokens.
class Scan {
 public:
  struct Token {
    std::size_t offset;
    bool in_class;
  };

  explicit Scan(std::string_view s) : s_(s) {
    std::size_t i = 0;
    while (i < s_.size()) i = in_class_ ? ClassToken(i) : OuterToken(i);
  }

  const std::vector<Token>& tokens() const { return tokens_; }
  std::size_t innermost_unclosed() const { return open_.empty() ? kNone : open_.back(); }
  std::size_t first_unmatched_close() const { return unmatched_close_; }
  std::size_t first_bare_repeat() const { return bare_repeat_; }
  std::size_t first_non_ascii_in_class() const { return non_ascii_in_class_; }

 private:
  // Past an escape at `i` (a backslash): \x{...} and \p{...} run to their "}".
  std::size_t Escape(std::size_t i) {
    if (i + 1 >= s_.size()) return s_.size();
    const char e = s_[i + 1];
    if ((e == 'x' || e == 'p' || e == 'P') && i + 2 < s_.size() && s_[i + 2] == '{') {
      const std::size_t close = s_.find('}', i + 3);
      return close == kNone ? s_.size() : close + 1;
    }
    return i + 2;
  }

  // A counted repetition {n}, {n,} or {n,m} at `i`: its end, or kNone.
  std::size_t Counted(std::size_t i) const {
    std::size_t j = i + 1;
    const std::size_t digits = j;
    while (j < s_.size() && IsDigit(s_[j])) ++j;
    if (j == digits) return kNone;
    if (j < s_.size() && s_[j] == ',') {
      ++j;
      while (j < s_.size() && IsDigit(s_[j])) ++j;
    }
    return j < s_.size() && s_[j] == '}' ? j + 1 : kNone;
  }

  void Repeat(std::size_t i) {
    if (!atom_before_ && bare_repeat_ == kNone) bare_repeat_ = i;
    atom_before_ = true;
  }

  std::size_t OuterToken(std::size_t i) {
    tokens_.push_back({i, false});
    const char c = s_[i];
    if (c == '\\') {
      atom_before_ = true;
      if (i + 1 < s_.size() && s_[i + 1] == 'Q') {
        const std::size_t end = s_.find("\\E", i + 2);
        return end == kNone ? s_.size() : end + 2;
      }
      return Escape(i);
    }
    if (c == '[') {
      in_class_ = true;
      atom_before_ = true;
      std::size_t j = i + 1;
      if (j < s_.size() && s_[j] == '^') ++j;
      if (j < s_.size() && s_[j] == ']') ++j;  // A leading "]" is a literal.
      return j;
    }
    if (c == '(') {
      open_.push_back(i);
      atom_before_ = false;
      std::size_t j = i + 1;
      if (j >= s_.size() || s_[j] != '?') return j;
      ++j;
      if (StartsWith(s_, j, "P<")) {
        const std::size_t close = s_.find('>', j);
        return close == kNone ? s_.size() : close + 1;
      }
      while (j < s_.size() &&
             (s_[j] == 'i' || s_[j] == 'm' || s_[j] == 's' || s_[j] == 'U' || s_[j] == '-')) {
        ++j;
      }
      return j < s_.size() && s_[j] == ':' ? j + 1 : j;
    }
    if (c == ')') {
      if (open_.empty()) {
        if (unmatched_close_ == kNone) unmatched_close_ = i;
      } else {
        open_.pop_back();
      }
      atom_before_ = true;
      return i + 1;
    }
    if (c == '|') {
      atom_before_ = false;
      return i + 1;
    }
    if (c == '*' || c == '+' || c == '?') {
      Repeat(i);
      return i + 1;
    }
    if (c == '{') {
      if (const std::size_t end = Counted(i); end != kNone) {
        Repeat(i);
        return end;
      }
    }
    atom_before_ = true;
    return i + 1;
  }

  std::size_t ClassToken(std::size_t i) {
    tokens_.push_back({i, true});
    const char c = s_[i];
    if (c == '\\') return Escape(i);
    if (c == ']') {
      in_class_ = false;
      return i + 1;
    }
    if (StartsWith(s_, i, "[:")) {
      const std::size_t close = s_.find(":]", i + 2);
      if (close != kNone) return close + 2;
    }
    if (static_cast<unsigned char>(c) >= 0x80 && non_ascii_in_class_ == kNone) {
      non_ascii_in_class_ = i;
    }
    return i + 1;
  }

  std::string_view s_;
  std::vector<Token> tokens_;
  std::vector<std::size_t> open_;
  bool in_class_ = false;
  bool atom_before_ = false;
  std::size_t unmatched_close_ = kNone;
  std::size_t bare_repeat_ = kNone;
  std::size_t non_ascii_in_class_ = kNone;
};

// Where RE2's error lies: the token its fragment (`arg`) starts at.
std::size_t Locate(std::string_view s, const Scan& scan, RE2::ErrorCode code,
                   const std::string& arg) {
  std::size_t at = kNone;
  switch (code) {
    case RE2::ErrorMissingParen:
      at = scan.innermost_unclosed();
      break;
    case RE2::ErrorUnexpectedParen:
      at = scan.first_unmatched_close();
      break;
    case RE2::ErrorTrailingBackslash:
      at = s.empty() ? 0 : s.size() - 1;
      break;
    case RE2::ErrorRepeatArgument:
      at = scan.first_bare_repeat();
      break;
    default:
      break;
  }
  if (at != kNone || arg.empty()) return at == kNone ? 0 : at;
  // A bad range ("z-a") lies inside a class; other fragments start a token.
  const bool class_only = code == RE2::ErrorBadCharRange && arg[0] != '\\';
  // "(?P" is RE2's fragment for "(?P=name)" and "(?P>name)", not for the
  // named groups "(?P<name>" it accepts.
  const bool named_ok = code == RE2::ErrorBadPerlOp;
  for (const Scan::Token& t : scan.tokens()) {
    if (named_ok && StartsWith(s, t.offset, "(?P<")) continue;
    if ((!class_only || t.in_class) && StartsWith(s, t.offset, arg)) return t.offset;
  }
  return 0;
}

// A construct RE2 leaves out (it needs backtracking, or is another dialect's
// spelling), named, for the token at `at`; "" when it is none of those.
std::string Unsupported(std::string_view s, std::size_t at, RE2::ErrorCode code,
                        const std::string& arg) {
  auto at_is = [&](std::string_view prefix) { return StartsWith(s, at, prefix); };
  const std::string tail = " is not supported by RE2";
  const std::string are = " are not supported by RE2";
  if (code == RE2::ErrorBadPerlOp) {
    if (at_is("(?="))
      return "lookahead (?=" + tail +
             ": split the conditions into separate checks (\"content\" "
             "takes an array of them)";
    if (at_is("(?!")) return "negative lookahead (?!" + tail + ": use \"not_matches\"";
    if (at_is("(?<=")) return "lookbehind (?<=" + tail;
    if (at_is("(?<!")) return "negative lookbehind (?<!" + tail;
    if (at_is("(?<") || at_is("(?'")) return "named groups are written (?P<name>...) in RE2";
    if (at_is("(?>")) return "atomic groups (?>" + are;
    if (at_is("(?#")) return "comments (?#" + are;
    if (at_is("(?(")) return "conditionals (?(" + are;
    if (at_is("(?|")) return "branch reset groups (?|" + are;
    if (at_is("(?P=")) return "backreferences (?P=name)" + are;
    if (at_is("(?R") || at_is("(?&") || at_is("(?P>") || at_is("(?+") ||
        (at + 2 < s.size() && IsDigit(s[at + 2]))) {
      return "recursion (?R) (?1) (?&name)" + tail;
    }
    if (at + 2 < s.size() &&
        ((s[at + 2] >= 'a' && s[at + 2] <= 'z') || (s[at + 2] >= 'A' && s[at + 2] <= 'Z'))) {
      const std::string_view flags = "imsU";
      for (std::size_t j = at + 2; j < s.size() && s[j] != ')' && s[j] != ':'; ++j) {
        if (s[j] != '-' && flags.find(s[j]) == kNone) {
          return std::string("flag ") + s[j] + tail + " (its flags are i, m, s and U)";
        }
      }
    }
    return "";
  }
  if (code == RE2::ErrorRepeatOp && arg.size() >= 2 && arg.back() == '+') {
    return "possessive quantifiers (*+ ++ ?+ {n}+)" + are;
  }
  if (code != RE2::ErrorBadEscape || at + 1 >= s.size() || s[at] != '\\') return "";
  const char e = s[at + 1];
  if ((e >= '1' && e <= '9') || e == 'g' || e == 'k') {
    return "backreferences (\\1 \\g{1} \\k<name>)" + are;
  }
  if (e == 'Z') return "\\Z" + tail + ": use \\z (end of text) or $";
  if (e == 'u') {
    return "\\u escapes are not supported by RE2: patterns match bytes, so write the "
           "character's UTF-8 bytes as \\xHH";
  }
  if (e == 'x' && at_is("\\x{")) {
    std::size_t j = at + 3;
    while (j < s.size() && IsHex(s[j])) ++j;
    if (j > at + 3 && j < s.size() && s[j] == '}') {
      return "\\x{...} above \\xFF: patterns match bytes, so write the character's UTF-8 "
             "bytes as \\xHH";
    }
    return "";
  }
  if (e == 'c') return "control escapes (\\cX)" + are + ": write \\xHH";
  if (e == 'e') return "\\e" + tail + ": write \\x1b";
  for (char other : {'G', 'K', 'R', 'X', 'h', 'H', 'N', 'o', 'V'}) {
    if (e == other) return std::string("\\") + e + tail;
  }
  return "";
}

std::string Described(RE2::ErrorCode code, const RE2& re) {
  switch (code) {
    case RE2::ErrorMissingParen:
      return "\"(\" is never closed";
    case RE2::ErrorUnexpectedParen:
      return "\")\" closes no group";
    case RE2::ErrorMissingBracket:
      return "\"[\" is never closed";
    case RE2::ErrorTrailingBackslash:
      return "a trailing \\ escapes nothing";
    case RE2::ErrorPatternTooLarge:
      return "too large once compiled: RE2 gives a pattern " + std::to_string(kMaxMemBytes >> 20) +
             " MiB (counted repetitions such as {1000} multiply what they repeat)";
    default:
      return re.error();
  }
}

}  // namespace

std::optional<Problem> Diagnose(std::string_view text) {
  if (text.size() > kMaxPatternBytes) {
    return Problem{kMaxPatternBytes, "longer than " + std::to_string(kMaxPatternBytes) +
                                         " bytes (case patterns are one-liners)"};
  }
  const Scan scan(text);
  const RE2 re(re2::StringPiece(text.data(), text.size()), Re2Options());
  if (re.ok()) {
    if (const std::size_t at = scan.first_non_ascii_in_class(); at != kNone) {
      // It compiles, but as bytes: "[é]" would be "[\xC3\xA9]", either byte.
      return Problem{at,
                     "a non-ASCII character in a class [...] stands for each of its UTF-8 "
                     "bytes (patterns match bytes): write alternatives instead, (?:é|è)"};
    }
    return std::nullopt;
  }
  const std::size_t at = Locate(text, scan, re.error_code(), re.error_arg());
  std::string named = Unsupported(text, at, re.error_code(), re.error_arg());
  return Problem{at, named.empty() ? Described(re.error_code(), re) : std::move(named)};
}

}  // namespace httpconform::pattern
