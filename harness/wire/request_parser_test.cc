// Table-driven tests of RequestParser: each row (request_rows_for_testing.h) is
// raw request bytes and the expected DumpRequest() text plus the parser's
// final state, error status and the number of bytes consumed. Every row is run
// one-shot, byte by byte, and split in two at every point; all runs must give
// the identical text.
#include "harness/wire/request_parser.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "harness/wire/request_rows_for_testing.h"

namespace httpconform::wire {
namespace {

using namespace request_rows;
using namespace std::string_literals;

const char* StateName(RequestParser::State state) {
  switch (state) {
    case RequestParser::State::kHead:
      return "head";
    case RequestParser::State::kHeadDone:
      return "head-done";
    case RequestParser::State::kContent:
      return "content";
    case RequestParser::State::kDone:
      return "done";
    case RequestParser::State::kError:
      return "error";
  }
  return "?";
}

// Feeds `pieces` in order the way a server would: Continue() at kHeadDone,
// stop at kDone or kError. Returns the dump, state, status and bytes used.
std::string Feed(const std::vector<std::string_view>& pieces, const RequestLimits& limits) {
  RequestParser parser(limits);
  std::size_t consumed = 0;
  bool stopped = false;
  for (std::string_view piece : pieces) {
    while (!stopped) {
      consumed += [&] {
        const std::size_t n = parser.Feed(piece);
        piece.remove_prefix(n);
        return n;
      }();
      if (parser.state() == RequestParser::State::kHeadDone) {
        parser.Continue();
        continue;
      }
      if (parser.state() == RequestParser::State::kDone ||
          parser.state() == RequestParser::State::kError) {
        stopped = true;
      }
      if (piece.empty()) break;
    }
  }
  std::string out = DumpRequest(parser.request());
  out += "state ";
  out += StateName(parser.state());
  if (parser.state() == RequestParser::State::kError) {
    out += ' ' + std::to_string(parser.error_status());
  }
  out += "\nconsumed " + std::to_string(consumed) + "\n";
  return out;
}

std::string RunOneShot(const Row& row) { return Feed({row.input}, row.limits); }

class RequestTableTest : public ::testing::TestWithParam<Row> {};

TEST_P(RequestTableTest, OneShot) {
  const Row& row = GetParam();
  const std::string actual = RunOneShot(row);
  if (const char* path = std::getenv("WIRE_PRINT")) {
    std::ofstream(path, std::ios::app) << row.name << '\0' << actual << '\0';
  }
  EXPECT_EQ(actual, row.expected) << row.name;
}

TEST_P(RequestTableTest, ByteByByte) {
  const Row& row = GetParam();
  std::vector<std::string_view> pieces;
  for (std::size_t i = 0; i < row.input.size(); ++i) {
    pieces.push_back(std::string_view(row.input).substr(i, 1));
  }
  EXPECT_EQ(Feed(pieces, row.limits), RunOneShot(row)) << row.name;
}

TEST_P(RequestTableTest, EverySplitInTwo) {
  const Row& row = GetParam();
  const std::string whole = RunOneShot(row);
  const std::string_view input = row.input;
  for (std::size_t i = 0; i <= input.size(); ++i) {
    ASSERT_EQ(Feed({input.substr(0, i), input.substr(i)}, row.limits), whole)
        << row.name << " split at " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Rows, RequestTableTest, ::testing::ValuesIn(AllRows()),
                         [](const ::testing::TestParamInfo<Row>& info) {
                           std::string name = info.param.name;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// Deterministic mutations of every row: no crash, and byte-by-byte feeding
// gives the same result as one-shot.
TEST(RequestParserTest, MutatedRowsAreSplitInvariant) {
  std::mt19937 rng(9110);
  const char kAlphabet[] = "\r\n :;0aF\t\x00\x7f\xff\"-+xHTP/1.";
  for (const Row& row : AllRows()) {
    for (int round = 0; round < 20; ++round) {
      std::string input = row.input;
      const std::size_t at = rng() % (input.size() + 1);
      const char c = kAlphabet[rng() % (sizeof kAlphabet - 1)];
      if (rng() % 2 == 0 && at < input.size()) {
        input[at] = c;
      } else {
        input.insert(input.begin() + static_cast<std::ptrdiff_t>(at), c);
      }
      std::vector<std::string_view> bytes;
      for (std::size_t i = 0; i < input.size(); ++i) {
        bytes.push_back(std::string_view(input).substr(i, 1));
      }
      ASSERT_EQ(Feed(bytes, row.limits), Feed({input}, row.limits)) << row.name << ": " << input;
    }
  }
}

TEST(RequestParserTest, StopsAtHeadDoneUntilContinue) {
  RequestParser parser;
  const std::string bytes =
      "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n"
      "Content-Length: 3\r\n\r\nabc";
  const std::size_t head = bytes.size() - 3;
  EXPECT_EQ(parser.Feed(bytes), head);
  EXPECT_EQ(parser.state(), RequestParser::State::kHeadDone);
  EXPECT_EQ(parser.Feed(std::string_view(bytes).substr(head)), 0u);  // Waits for Continue().
  parser.Continue();
  EXPECT_EQ(parser.state(), RequestParser::State::kContent);
  EXPECT_EQ(parser.Feed(std::string_view(bytes).substr(head)), 3u);
  EXPECT_EQ(parser.state(), RequestParser::State::kDone);
  EXPECT_EQ(parser.request().content, "abc");
}

TEST(RequestParserTest, ContinueWithoutContentIsDone) {
  RequestParser parser;
  parser.Feed("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
  ASSERT_EQ(parser.state(), RequestParser::State::kHeadDone);
  parser.Continue();
  EXPECT_EQ(parser.state(), RequestParser::State::kDone);
  EXPECT_TRUE(parser.request().content.empty());
}

TEST(RequestParserTest, EndlessFieldLinesHitTheCaps) {
  RequestParser parser;
  std::string head = "GET / HTTP/1.1\r\nHost: a\r\n";
  const std::string line = "X-Filler: 0123456789\r\n";
  for (int i = 0; i < 100000; ++i) head += line;
  const std::size_t used = parser.Feed(head);
  EXPECT_EQ(parser.state(), RequestParser::State::kError);
  EXPECT_EQ(parser.error_status(), 431);
  EXPECT_LT(used, head.size());
  EXPECT_LE(parser.request().fields.size(), RequestLimits{}.max_fields);
}

TEST(RequestParserTest, HugeTargetIs414WithBoundedBuffering) {
  RequestParser parser;
  EXPECT_EQ(parser.Feed("GET /"), 5u);
  const std::string chunk(64 * 1024, 'a');
  std::size_t fed = 0;
  for (int i = 0; i < 160 && parser.state() == RequestParser::State::kHead; ++i) {
    fed += parser.Feed(chunk);
  }
  EXPECT_EQ(parser.state(), RequestParser::State::kError);
  EXPECT_EQ(parser.error_status(), 414);
  EXPECT_LE(fed, RequestLimits{}.max_target_bytes + 1024);
}

TEST(RequestParserTest, EndlessChunkedStreamStopsAt413) {
  RequestParser parser;
  parser.Feed("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n");
  ASSERT_EQ(parser.state(), RequestParser::State::kHeadDone);
  parser.Continue();
  const std::string chunk = "1000\r\n" + std::string(0x1000, 'z') + "\r\n";
  int rounds = 0;
  while (parser.state() == RequestParser::State::kContent && rounds < 10000) {
    parser.Feed(chunk);
    ++rounds;
  }
  EXPECT_EQ(parser.state(), RequestParser::State::kError);
  EXPECT_EQ(parser.error_status(), 413);
  EXPECT_LE(parser.request().content.size(), RequestLimits{}.max_content_bytes);
}

TEST(RequestParserTest, LeftoverBytesBelongToTheCaller) {
  RequestParser parser;
  const std::string two = "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\n";
  const std::size_t used = parser.Feed(two);
  EXPECT_EQ(std::string_view(two).substr(used), "GET /2 HTTP/1.1\r\n");
}

}  // namespace
}  // namespace httpconform::wire
