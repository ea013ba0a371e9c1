#include "harness/pattern/diagnose.h"

#include <gtest/gtest.h>

#include <string>

#include "harness/pattern/pattern.h"

namespace httpconform::pattern {
namespace {

struct Row {
  const char* pattern;
  std::size_t offset;
  const char* message;  // The whole message.
};

template <std::size_t N>
void ExpectRows(const Row (&rows)[N]) {
  for (const Row& row : rows) {
    SCOPED_TRACE(row.pattern);
    auto problem = Diagnose(row.pattern);
    ASSERT_TRUE(problem.has_value());
    EXPECT_EQ(problem->message, row.message);
    EXPECT_EQ(problem->offset, row.offset);
  }
}

// Patterns another dialect accepts and RE2 refuses: the construct is named,
// at the index where it starts.
TEST(DiagnoseTest, NamesUnsupportedConstructs) {
  const Row rows[] = {
      {"^(?=a)b", 1,
       "lookahead (?= is not supported by RE2: split the conditions into separate checks "
       "(\"content\" takes an array of them)"},
      {"^(?![\\s\\S]*secret)", 1,
       "negative lookahead (?! is not supported by RE2: use \"not_matches\""},
      {"x(?<=a)", 1, "lookbehind (?<= is not supported by RE2"},
      {"x(?<!a)", 1, "negative lookbehind (?<! is not supported by RE2"},
      {"(?<year>\\d{4})", 0, "named groups are written (?P<name>...) in RE2"},
      {"(?'year'\\d{4})", 0, "named groups are written (?P<name>...) in RE2"},
      {"a(?>bc|b)c", 1, "atomic groups (?> are not supported by RE2"},
      {"(\")[^\"]*\\1", 8, "backreferences (\\1 \\g{1} \\k<name>) are not supported by RE2"},
      {"(a)\\g{1}", 3, "backreferences (\\1 \\g{1} \\k<name>) are not supported by RE2"},
      {"(?P<q>a)\\k<q>", 8, "backreferences (\\1 \\g{1} \\k<name>) are not supported by RE2"},
      {"(?P<q>a)(?P=q)", 8, "backreferences (?P=name) are not supported by RE2"},
      {"\\\\1\\1", 3, "backreferences (\\1 \\g{1} \\k<name>) are not supported by RE2"},
      {"[\\8]", 1, "backreferences (\\1 \\g{1} \\k<name>) are not supported by RE2"},
      {"ab*+c", 2, "possessive quantifiers (*+ ++ ?+ {n}+) are not supported by RE2"},
      {"a++", 1, "possessive quantifiers (*+ ++ ?+ {n}+) are not supported by RE2"},
      {"x{2}+", 1, "possessive quantifiers (*+ ++ ?+ {n}+) are not supported by RE2"},
      {"end\\Z", 3, "\\Z is not supported by RE2: use \\z (end of text) or $"},
      {"caf\\u00e9", 3,
       "\\u escapes are not supported by RE2: patterns match bytes, so write the character's "
       "UTF-8 bytes as \\xHH"},
      {"\\x{e9}\\x{20ac}", 6,
       "\\x{...} above \\xFF: patterns match bytes, so write the character's UTF-8 bytes as "
       "\\xHH"},
      {"\\cA", 0, "control escapes (\\cX) are not supported by RE2: write \\xHH"},
      {"\\e", 0, "\\e is not supported by RE2: write \\x1b"},
      {"a\\K", 1, "\\K is not supported by RE2"},
      {"\\Ga", 0, "\\G is not supported by RE2"},
      {"a(?#note)", 1, "comments (?# are not supported by RE2"},
      {"(a)(?(1)b|c)", 3, "conditionals (?( are not supported by RE2"},
      {"(?|(a)|(b))", 0, "branch reset groups (?| are not supported by RE2"},
      {"\\((?R)?\\)", 2, "recursion (?R) (?1) (?&name) is not supported by RE2"},
      {"(a)(?1)", 3, "recursion (?R) (?1) (?&name) is not supported by RE2"},
      {"(?x) a b", 0, "flag x is not supported by RE2 (its flags are i, m, s and U)"},
  };
  ExpectRows(rows);
}

// Plain syntax errors: RE2's own words or ours, at the offending token.
TEST(DiagnoseTest, LocatesSyntaxErrors) {
  const Row rows[] = {
      {"x(a(b)", 1, "\"(\" is never closed"},
      {"(a)b)c", 4, "\")\" closes no group"},
      {"x\\)a)", 4, "\")\" closes no group"},
      {"ab[cd", 2, "\"[\" is never closed"},
      {"[a-", 0, "\"[\" is never closed"},
      {"ab\\", 2, "a trailing \\ escapes nothing"},
      {"a*|*b", 3, "no argument for repetition operator: *"},
      {"(?:*)", 3, "no argument for repetition operator: *"},
      {"b-a[b-a]", 4, "invalid character class range: b-a"},
      {"x{1001}", 1, "invalid repetition size: {1001}"},
      {"a**", 1, "bad repetition operator: **"},
      {"[[:word2:]]", 1, "invalid character class range: [:word2:]"},
      {"\\p{Nope}", 0, "invalid character class range: \\p{Nope}"},
  };
  ExpectRows(rows);
}

TEST(DiagnoseTest, AcceptsRe2Syntax) {
  for (const char* ok :
       {"^W/(\".*\")$", "\\d{1,18}", "[\\s\\S]{30}", "(?i)multipart/byteranges", "(?P<n>a)b",
        "\\Qa+b\\E", "[]a]", "[^]a]", "\\p{Greek}", "x{2}?", "(?s:.)", "\\x{ff}", "caf\xc3\xa9",
        "^[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]+$", ""}) {
    SCOPED_TRACE(ok);
    auto problem = Diagnose(ok);
    EXPECT_FALSE(problem.has_value()) << problem->message;
  }
}

TEST(DiagnoseTest, CapsTheSizeAndRefusesNonAsciiInClasses) {
  auto big = Diagnose(std::string(kMaxPatternBytes + 1, 'a'));
  ASSERT_TRUE(big.has_value());
  EXPECT_EQ(big->offset, kMaxPatternBytes);
  EXPECT_EQ(big->message, "longer than 1000 bytes (case patterns are one-liners)");
  EXPECT_FALSE(Diagnose(std::string(kMaxPatternBytes, 'a')).has_value());
  // Deep nesting within the size cap compiles (RE2 keeps its own stack).
  EXPECT_FALSE(Diagnose(std::string(499, '(') + "a" + std::string(499, ')')).has_value());

  auto in_class = Diagnose("[\xc3\xa9\xc3\xa8]");
  ASSERT_TRUE(in_class.has_value());
  EXPECT_EQ(in_class->offset, 1u);
  EXPECT_NE(in_class->message.find("stands for each of its UTF-8 bytes"), std::string::npos);
}

}  // namespace
}  // namespace httpconform::pattern
