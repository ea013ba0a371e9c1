// Tests of the shared lexical helpers: chunk-size lines, Content-Length lists,
// the line reader's bounds, and the character-class tables and scans checked
// against the ABNF byte by byte.
#include "harness/wire/syntax.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace httpconform::wire {
namespace {

TEST(ChunkLineTest, SizesAndExtensions) {
  EXPECT_EQ(ParseChunkLine("1f").size, 31u);
  EXPECT_EQ(ParseChunkLine("ffffffffffffffff").size, UINT64_MAX);
  EXPECT_EQ(ParseChunkLine("10000000000000000").status, ChunkLine::Status::kOverflow);
  EXPECT_EQ(ParseChunkLine("0x1").status, ChunkLine::Status::kInvalidSize);
  EXPECT_EQ(ParseChunkLine("").status, ChunkLine::Status::kInvalidSize);
  const ChunkLine ext = ParseChunkLine("5;a=\"x\\\"y\";b");
  EXPECT_EQ(ext.status, ChunkLine::Status::kOk);
  EXPECT_TRUE(ext.has_extension);
  EXPECT_TRUE(ext.extension_valid);
  EXPECT_FALSE(ParseChunkLine("5;a=").extension_valid);
  EXPECT_FALSE(ParseChunkLine("5;a;").extension_valid);
}

TEST(ContentLengthTest, ListsAndConflicts) {
  std::uint64_t n = 0;
  EXPECT_EQ(ParseContentLength({}, &n), ContentLengthStatus::kAbsent);
  EXPECT_EQ(ParseContentLength({{"Content-Length", "42"}}, &n), ContentLengthStatus::kOk);
  EXPECT_EQ(n, 42u);
  EXPECT_EQ(ParseContentLength({{"content-length", "7 , 7"}}, &n), ContentLengthStatus::kDuplicate);
  EXPECT_EQ(n, 7u);
  EXPECT_EQ(ParseContentLength({{"Content-Length", "7"}, {"Content-Length", "8"}}, &n),
            ContentLengthStatus::kConflict);
  EXPECT_EQ(ParseContentLength({{"Content-Length", "7,"}}, &n), ContentLengthStatus::kInvalid);
  EXPECT_EQ(ParseContentLength({{"Content-Length", "18446744073709551616"}}, &n),
            ContentLengthStatus::kInvalid);
}

TEST(LineReaderTest, WholeLineIsAViewAndSplitLineIsBuffered) {
  LineReader reader;
  LineReader::Line line;
  std::size_t pos = 0;
  const std::string_view data = "abc\r\nde";
  ASSERT_EQ(reader.Next(data, &pos, 100, 64, &line), LineReader::Status::kLine);
  EXPECT_EQ(line.raw, "abc\r");
  EXPECT_EQ(line.raw.data(), data.data());  // No copy.
  EXPECT_EQ(line.start, 100u);
  ASSERT_EQ(reader.Next(data, &pos, 100, 64, &line), LineReader::Status::kNeedMore);
  EXPECT_TRUE(reader.pending());
  pos = 0;
  ASSERT_EQ(reader.Next("f\n", &pos, 107, 64, &line), LineReader::Status::kLine);
  EXPECT_EQ(line.raw, "def");
  EXPECT_EQ(line.start, 105u);
}

TEST(LineReaderTest, TooLongKeepsCapPlusOne) {
  LineReader reader;
  LineReader::Line line;
  std::size_t pos = 0;
  const std::string big(1000, 'x');
  ASSERT_EQ(reader.Next(big, &pos, 0, 10, &line), LineReader::Status::kTooLong);
  EXPECT_EQ(line.raw.size(), 11u);
  EXPECT_EQ(pos, 11u);
}

TEST(TextTest, CharClasses) {
  EXPECT_TRUE(IsToken("Content-Length"));
  EXPECT_FALSE(IsToken("a b"));
  EXPECT_FALSE(IsToken(""));
  EXPECT_EQ(TrimOws(" \t a b \t"), "a b");
  EXPECT_EQ(FindInvalidTextChar("ok\tfine \x80"), std::string_view::npos);
  EXPECT_EQ(FindInvalidTextChar(std::string_view("a\0b", 3)), 1u);
  EXPECT_EQ(FindInvalidTextChar("a\x7f"), 1u);
  EXPECT_TRUE(IsHttpVersionShape("hTtP/1.1"));
  EXPECT_FALSE(IsHttpVersionShape("HTTP/1.10"));
}

// The ABNF, written as directly as possible, for the tables to be checked
// against.
bool AbnfTchar(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         (c != 0 &&
          std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos);
}
bool AbnfOws(int c) { return c == ' ' || c == '\t'; }
bool AbnfText(int c) { return c == '\t' || (c >= 0x20 && c != 0x7F); }  // HTAB SP VCHAR obs-text

TEST(TextTest, ClassTablesMatchTheAbnfForEveryByte) {
  for (int c = 0; c < 256; ++c) {
    EXPECT_EQ(kTchar.is[c], AbnfTchar(c)) << c;
    EXPECT_EQ(kOws.is[c], AbnfOws(c)) << c;
    EXPECT_EQ(kText.is[c], AbnfText(c)) << c;
  }
}

TEST(TextTest, ScansStopAtTheFirstByteOutsideTheClassAtEveryPosition) {
  // Lengths around the eight-byte blocks of SkipClass and the words of
  // FindInvalidTextChar, every stop position, and each kind of stop byte.
  for (std::size_t n = 0; n <= 26; ++n) {
    for (std::size_t k = 0; k <= n; ++k) {
      for (const char stop : {':', ' ', '\0', '\r', '\x7f', '\x80'}) {
        std::string text(n, 'a');
        if (k < n) text[k] = stop;
        const char* const end = text.data() + n;
        EXPECT_EQ(SkipClass(kTchar, text.data(), end) - text.data(), static_cast<std::ptrdiff_t>(k))
            << n << " " << k << " " << int(stop);
        std::string ows(n, ' ');
        if (k < n) ows[k] = 'x';
        EXPECT_EQ(SkipClass(kOws, ows.data(), ows.data() + n) - ows.data(),
                  static_cast<std::ptrdiff_t>(k));
        // From the back: the bytes after k are OWS, so the trimmed end is k + 1.
        std::string back(n, '\t');
        if (k < n) back[k] = 'x';
        EXPECT_EQ(TrimClassBack(kOws, back.data(), back.data() + n) - back.data(),
                  static_cast<std::ptrdiff_t>(k < n ? k + 1 : 0));
      }
    }
  }
}

TEST(TextTest, FindInvalidTextCharAgreesWithAByteLoop) {
  // Each byte value at each position of lines of 0-26 bytes, over a
  // background of plain text and of HTABs (a CTL the word scan flags and
  // must step over).
  const auto reference = [](std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (!AbnfText(static_cast<unsigned char>(text[i]))) return i;
    }
    return std::string_view::npos;
  };
  for (const char fill : {'x', '\t'}) {
    for (std::size_t n = 0; n <= 26; ++n) {
      for (std::size_t k = 0; k < n; ++k) {
        for (int c = 0; c < 256; ++c) {
          std::string text(n, fill);
          text[k] = static_cast<char>(c);
          ASSERT_EQ(FindInvalidTextChar(text), reference(text)) << n << " " << k << " " << c;
        }
      }
    }
  }
  EXPECT_EQ(FindInvalidTextChar(std::string_view()), std::string_view::npos);
}

TEST(TextTest, DetailNumbersAreWhatPrintfWrites) {
  for (const std::uint64_t n : {0ULL, 7ULL, 10ULL, 512ULL, 65536ULL, 18446744073709551615ULL}) {
    EXPECT_EQ(std::string_view(DecimalText(n)), std::to_string(n));
  }
  for (int c = 0; c < 256; ++c) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "%02X", c);
    EXPECT_EQ(std::string_view(HexByteText(static_cast<unsigned char>(c))), hex);
  }
}

}  // namespace
}  // namespace httpconform::wire
