#include "harness/loader/json_locator.h"

#include "gtest/gtest.h"

namespace httpconform::loader {
namespace {

// Offset of the first occurrence of `needle` in `text`.
std::size_t Find(std::string_view text, std::string_view needle) {
  std::size_t at = text.find(needle);
  EXPECT_NE(at, std::string_view::npos) << needle;
  return at;
}

TEST(JsonLocatorTest, ValuesAndKeys) {
  const std::string text = R"({"a": 1, "b": [true, {"c": "x"}, null], "d": {"e": -2.5e3}})";
  JsonLocator loc(text);
  EXPECT_EQ(loc.ValueOffset(""), 0u);
  EXPECT_EQ(loc.ValueOffset("/a"), Find(text, "1"));
  EXPECT_EQ(loc.KeyOffset("/a"), Find(text, "\"a\""));
  EXPECT_EQ(loc.ValueOffset("/b"), Find(text, "["));
  EXPECT_EQ(loc.ValueOffset("/b/0"), Find(text, "true"));
  EXPECT_EQ(loc.ValueOffset("/b/1"), Find(text, "{\"c\""));
  EXPECT_EQ(loc.ValueOffset("/b/1/c"), Find(text, "\"x\""));
  EXPECT_EQ(loc.KeyOffset("/b/1/c"), Find(text, "\"c\""));
  EXPECT_EQ(loc.ValueOffset("/b/2"), Find(text, "null"));
  EXPECT_EQ(loc.ValueOffset("/d/e"), Find(text, "-2.5e3"));
  EXPECT_FALSE(loc.KeyOffset("/b/0").has_value());
  EXPECT_FALSE(loc.ValueOffset("/b/3").has_value());
  EXPECT_FALSE(loc.ValueOffset("/zz").has_value());
  EXPECT_EQ(loc.NearestValueOffset("/b/1/c/deeper/still"), Find(text, "\"x\""));
  EXPECT_EQ(loc.NearestValueOffset("/nothing"), 0u);
}

TEST(JsonLocatorTest, RecordDepthLimitsWhatIsKept) {
  const std::string text = R"({"a": [{"b": 1, "b": 2}], "c": 3, "c": 4})";
  JsonLocator shallow(text, 2);
  EXPECT_EQ(shallow.ValueOffset("/a/0"), Find(text, "{\"b\""));
  EXPECT_FALSE(shallow.ValueOffset("/a/0/b").has_value());
  EXPECT_EQ(shallow.ValueOffset("/c"), Find(text, "4"));
  // Repeated keys are found at every depth all the same.
  ASSERT_EQ(shallow.duplicate_keys().size(), 2u);
  EXPECT_EQ(shallow.duplicate_keys()[0].pointer, "/a/0/b");
  EXPECT_EQ(shallow.duplicate_keys()[1].pointer, "/c");
}

TEST(JsonLocatorTest, CommentsAreSkipped) {
  const std::string text =
      "// leading { \"a\": 0 }\n{ /* \"a\": 9 */ \"a\" /*x*/ : // c\n 7, \"s\": \"// not a "
      "comment\", \"t\": 8 }";
  JsonLocator loc(text);
  EXPECT_EQ(loc.ValueOffset(""), Find(text, "{ /*"));
  EXPECT_EQ(loc.ValueOffset("/a"), Find(text, "7"));
  EXPECT_EQ(loc.KeyOffset("/a"), Find(text, "\"a\" /*x*/"));
  EXPECT_EQ(loc.ValueOffset("/t"), Find(text, "8"));
}

TEST(JsonLocatorTest, EscapedKeysAndPointerTokens) {
  const std::string text = R"({"a/b": 1, "m~n": 2, "q\"\u00e9\ud83d\ude00": 3, "x\\y": [[4]]})";
  JsonLocator loc(text);
  EXPECT_EQ(loc.ValueOffset("/a~1b"), Find(text, "1"));
  EXPECT_EQ(loc.ValueOffset("/m~0n"), Find(text, "2"));
  EXPECT_EQ(loc.ValueOffset("/q\"\xC3\xA9\xF0\x9F\x98\x80"), Find(text, ": 3") + 2);
  EXPECT_EQ(loc.ValueOffset("/x\\y/0/0"), Find(text, "4"));
  EXPECT_EQ(EscapePointerToken("a/~b"), "a~1~0b");
}

TEST(JsonLocatorTest, DuplicateKeysLastValueWins) {
  const std::string text = "{\"a\": 1,\n \"b\": {\"a\": 2}, \"a\": 3}";
  JsonLocator loc(text);
  ASSERT_EQ(loc.duplicate_keys().size(), 1u);
  EXPECT_EQ(loc.duplicate_keys()[0].pointer, "/a");
  EXPECT_EQ(loc.duplicate_keys()[0].key_offset, text.rfind("\"a\""));
  // nlohmann keeps the last value; so does the locator.
  EXPECT_EQ(loc.ValueOffset("/a"), Find(text, ": 3") + 2);
}

TEST(JsonLocatorTest, SkipsByteOrderMark) {
  const std::string text = "\xEF\xBB\xBF{\"a\": 1}";
  JsonLocator loc(text);
  EXPECT_EQ(loc.ValueOffset(""), 3u);
  EXPECT_EQ(loc.ValueOffset("/a"), 9u);
}

TEST(JsonLocatorTest, StopsQuietlyOnSyntaxErrors) {
  const std::string text = "{\"a\": [1, 2,, 3], \"b\": 4}";
  JsonLocator loc(text);
  EXPECT_EQ(loc.ValueOffset("/a/1"), Find(text, "2"));
  EXPECT_FALSE(loc.ValueOffset("/b").has_value());
  JsonLocator unterminated("{\"a\": \"open");
  EXPECT_EQ(unterminated.ValueOffset("/a"), 6u);
  JsonLocator empty("");
  EXPECT_FALSE(empty.ValueOffset("").has_value());
  JsonLocator comment("/* never closed");
  EXPECT_FALSE(comment.ValueOffset("").has_value());
}

TEST(JsonLocatorTest, DeepNestingIsCapped) {
  std::string text(100000, '[');
  JsonLocator loc(text);  // Must not overflow the stack.
  EXPECT_TRUE(loc.ValueOffset("/0/0").has_value());
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "/0";
  EXPECT_FALSE(loc.ValueOffset(deep).has_value());
}

TEST(LineColumnTest, Conversion) {
  const std::string text = "ab\n\tcd\r\nef";
  EXPECT_EQ(OffsetToLineColumn(text, 0).line, 1);
  EXPECT_EQ(OffsetToLineColumn(text, 0).column, 1);
  EXPECT_EQ(OffsetToLineColumn(text, 2).column, 3);
  EXPECT_EQ(OffsetToLineColumn(text, 3).line, 2);
  EXPECT_EQ(OffsetToLineColumn(text, 3).column, 1);
  EXPECT_EQ(OffsetToLineColumn(text, 5).column, 3);
  EXPECT_EQ(OffsetToLineColumn(text, 8).line, 3);
  EXPECT_EQ(OffsetToLineColumn(text, 999).line, 3);
  EXPECT_EQ(OffsetToLineColumn(text, 999).column, 3);
  EXPECT_EQ(LineAt(text, 0), "ab");
  EXPECT_EQ(LineAt(text, 2), "ab");
  EXPECT_EQ(LineAt(text, 3), "\tcd");
  EXPECT_EQ(LineAt(text, 7), "\tcd");
  EXPECT_EQ(LineAt(text, 9), "ef");
  EXPECT_EQ(LineAt(text, 10), "ef");
  EXPECT_EQ(LineAt("", 0), "");
}

TEST(LineIndexTest, AgreesWithTheLinearFunctions) {
  for (std::string text : {"ab\n\tcd\r\nef", "", "\n\n", "x\n", "one line"}) {
    LineIndex index(text);
    for (std::size_t offset = 0; offset <= text.size() + 2; ++offset) {
      SCOPED_TRACE(testing::Message()
                   << "text " << testing::PrintToString(text) << " offset " << offset);
      EXPECT_EQ(index.At(offset).line, OffsetToLineColumn(text, offset).line);
      EXPECT_EQ(index.At(offset).column, OffsetToLineColumn(text, offset).column);
      EXPECT_EQ(index.Line(offset), LineAt(text, offset));
    }
  }
}

TEST(StringCharOffsetTest, MapsDecodedIndexToSource) {
  //                        0123456789012345678901
  const std::string text = R"(x "a\\b\"c\u00e9d\nz")";
  const std::size_t quote = 2;
  EXPECT_EQ(StringCharOffset(text, quote, 0), 3u);    // a
  EXPECT_EQ(StringCharOffset(text, quote, 1), 4u);    // "\\" -> backslash
  EXPECT_EQ(StringCharOffset(text, quote, 2), 6u);    // b
  EXPECT_EQ(StringCharOffset(text, quote, 3), 7u);    // \"
  EXPECT_EQ(StringCharOffset(text, quote, 4), 9u);    // c
  EXPECT_EQ(StringCharOffset(text, quote, 5), 10u);   // é, first byte
  EXPECT_EQ(StringCharOffset(text, quote, 6), 10u);   // é, second byte
  EXPECT_EQ(StringCharOffset(text, quote, 7), 16u);   // d
  EXPECT_EQ(StringCharOffset(text, quote, 8), 17u);   // \n
  EXPECT_EQ(StringCharOffset(text, quote, 9), 19u);   // z
  EXPECT_EQ(StringCharOffset(text, quote, 10), 20u);  // past the end: closing quote
}

TEST(PreviousTokenOffsetTest, SkipsSpaceCommentsAndStrings) {
  const std::string text = "[1, \"a,]\" , // x,\n /* , */ ]";
  EXPECT_EQ(PreviousTokenOffset(text, text.size() - 1), text.find(" , ") + 1);
  EXPECT_EQ(PreviousTokenOffset(text, 3), 2u);
  EXPECT_EQ(PreviousTokenOffset(text, text.find(" , ")), text.find("\" ,"));
  EXPECT_FALSE(PreviousTokenOffset("  // c\n", 7).has_value());
}

}  // namespace
}  // namespace httpconform::loader
