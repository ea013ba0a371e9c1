// Tests of the shared lexical helpers: chunk-size lines, Content-Length lists
// and the line reader's bounds.
#include "harness/wire/syntax.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace httpconform::wire
