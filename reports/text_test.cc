#include "reports/text.h"

#include <gtest/gtest.h>

#include <string>

#include "reports/sha256.h"

namespace httpconform::reports {
namespace {

using std::string_literals::operator""s;

TEST(DecodeUtf8, AcceptsValidAndRejectsInvalidSequences) {
  const struct {
    std::string in;
    std::size_t len;
    char32_t cp;
  } rows[] = {
      {"A", 1, 0x41},
      {"\xC3\xBC", 2, 0xFC},
      {"\xE2\x80\xA8", 3, 0x2028},
      {"\xF0\x9F\x98\x80", 4, 0x1F600},
      {"\xF4\x8F\xBF\xBF", 4, 0x10FFFF},
      {"\x80", 0, 0},              // Lone continuation.
      {"\xC0\xAF", 0, 0},          // Overlong '/'.
      {"\xE0\x80\xAF", 0, 0},      // Overlong '/'.
      {"\xED\xA0\x80", 0, 0},      // UTF-16 surrogate D800.
      {"\xF4\x90\x80\x80", 0, 0},  // Above U+10FFFF.
      {"\xC3", 0, 0},              // Truncated.
      {"\xE2\x80", 0, 0},          // Truncated.
      {"\xC3(", 0, 0},             // Bad continuation.
      {"\xFF", 0, 0},
  };
  for (const auto& row : rows) {
    char32_t cp = 0;
    EXPECT_EQ(DecodeUtf8(row.in, 0, &cp), row.len) << testing::PrintToString(row.in);
    if (row.len != 0) {
      EXPECT_EQ(cp, row.cp);
    }
  }
}

TEST(SanitizeUtf8, KeepsValidTextAndMapsInvalidBytesToLatin1) {
  EXPECT_EQ(SanitizeUtf8("plain"), "plain");
  EXPECT_EQ(SanitizeUtf8("gr\xC3\xBC\xC3\x9F"), "gr\xC3\xBC\xC3\x9F");
  EXPECT_EQ(SanitizeUtf8("a\x80z"), "a\xC2\x80z");
  EXPECT_EQ(SanitizeUtf8("\xFF\xC3("), "\xC3\xBF\xC3\x83(");
  EXPECT_EQ(SanitizeUtf8("\xED\xA0\x80"), "\xC3\xAD\xC2\xA0\xC2\x80");
  EXPECT_EQ(SanitizeUtf8("a\0b"s), "a\0b"s);
}

TEST(Latin1, RoundTripsEveryByte) {
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  const std::string text = BytesToLatin1Utf8(all);
  EXPECT_EQ(text.size(), 128u + 2 * 128u);
  const auto back = Latin1Utf8ToBytes(text);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, all);
  EXPECT_FALSE(Latin1Utf8ToBytes("\xE2\x82\xAC").has_value());  // U+20AC is above U+00FF.
  EXPECT_FALSE(Latin1Utf8ToBytes("\xFF").has_value());          // Not UTF-8 at all.
}

TEST(HtmlEscape, EscapesMarkupQuotesAndNul) {
  EXPECT_EQ(HtmlEscape("<script>a&b</script>"), "&lt;script&gt;a&amp;b&lt;/script&gt;");
  EXPECT_EQ(HtmlEscape("\"'><img onerror=x>"), "&quot;&#39;&gt;&lt;img onerror=x&gt;");
  EXPECT_EQ(HtmlEscape("a\0b"s), "a&#xFFFD;b");
  EXPECT_EQ(HtmlEscape("\xFF"), "\xC3\xBF");
}

TEST(XmlEscape, EscapesAndDropsForbiddenCharacters) {
  EXPECT_EQ(XmlEscape("<a b=\"c\">&'"), "&lt;a b=&quot;c&quot;&gt;&amp;&apos;");
  EXPECT_EQ(XmlEscape("a\0b\x01\x1F\tc\r\n"s), "ab\tc\r\n");
  EXPECT_EQ(XmlEscape("x\xEF\xBF\xBEy"), "xy");  // U+FFFE is not an XML Char.
  EXPECT_EQ(XmlEscape("\x80"), "\xC2\x80");
}

TEST(MarkdownEscape, NeutralizesTablesEmphasisAndHtml) {
  EXPECT_EQ(MarkdownEscape("a|b*c_\n<b>`x`"), "a\\|b\\*c\\_ &lt;b&gt;\\`x\\`");
  EXPECT_EQ(MarkdownEscape("[l](u)"), "\\[l\\](u)");
}

TEST(ShowBytes, MakesWireBytesVisible) {
  EXPECT_EQ(ShowBytes("GET / HTTP/1.1\r\nA:\tb\r\n"), "GET / HTTP/1.1\\r\\n\nA:\\tb\\r\\n\n");
  EXPECT_EQ(ShowBytes("\0\x7F\xFF"s), "\\x00\\x7F\\xFF");
  EXPECT_EQ(ShowBytes("\\x41"), "\\\\x41");
  EXPECT_EQ(ShowBytes("a\xE2\x80\xAE"
                      "b"),
            "a\\u{202E}b");
  EXPECT_EQ(ShowBytes("\xE2\x80\xA8"), "\\u{2028}");
  EXPECT_EQ(ShowBytes("gr\xC3\xBC\xC3\x9F"), "gr\xC3\xBC\xC3\x9F");
}

TEST(ShowText, KeepsLinesTabsAndBackslashes) {
  EXPECT_EQ(ShowText("a\\b\tc\nd\r"), "a\\b\tc\nd\\r");
  EXPECT_EQ(ShowText("x\x80\xE2\x80\xAEy"), "x\\x80\\u{202E}y");
}

std::string Hex(const std::array<std::uint8_t, 32>& d) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : d) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

TEST(Sha256, MatchesFips180Examples) {
  EXPECT_EQ(Hex(Sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Hex(Sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Hex(Sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Base64, MatchesRfc4648Vectors) {
  EXPECT_EQ(Base64(""), "");
  EXPECT_EQ(Base64("f"), "Zg==");
  EXPECT_EQ(Base64("fo"), "Zm8=");
  EXPECT_EQ(Base64("foo"), "Zm9v");
  EXPECT_EQ(Base64("foob"), "Zm9vYg==");
  EXPECT_EQ(Base64("foobar"), "Zm9vYmFy");
}

}  // namespace
}  // namespace httpconform::reports
