// Table-driven tests of ResponseParser: each row (response_rows_for_testing.h)
// is raw response bytes, the request context (HEAD, CONNECT), whether the
// stream ends there (eof) and limits, and the expected Dump() text. Every row
// is checked one-shot (via ParseResponse), fed byte by byte, and split in two
// at every point: all must give the identical Dump().
#include "harness/wire/response_parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "harness/wire/diagnostics.h"
#include "harness/wire/response_rows_for_testing.h"

namespace httpconform::wire {
namespace {

using namespace response_rows;
using namespace std::string_literals;

// Feeds `pieces` as a transport would: stop at done(), then at the end of the
// stream FinishEof() and report the bytes left over.
std::string FeedPieces(const std::vector<std::string_view>& pieces, const Options& options) {
  ResponseParser parser(options.context, options.limits);
  std::size_t leftover = 0;
  for (std::string_view piece : pieces) {
    const std::size_t used = parser.done() ? 0 : parser.Feed(piece);
    leftover += piece.size() - used;
  }
  if (options.eof) {
    parser.FinishEof();
    parser.RecordTrailingBytes(leftover);
  }
  return Dump(parser.response());
}

class ResponseTableTest : public ::testing::TestWithParam<Row> {};

TEST_P(ResponseTableTest, OneShot) {
  const Row& row = GetParam();
  const std::string actual =
      Dump(ParseResponse(row.input, row.options.context, row.options.eof, row.options.limits));
  if (const char* path = std::getenv("WIRE_PRINT")) {
    std::ofstream(path, std::ios::app) << row.name << '\0' << actual << '\0';
  }
  EXPECT_EQ(actual, row.expected);
}

TEST_P(ResponseTableTest, ByteByByte) {
  const Row& row = GetParam();
  std::vector<std::string_view> pieces;
  for (std::size_t i = 0; i < row.input.size(); ++i) {
    pieces.push_back(std::string_view(row.input).substr(i, 1));
  }
  EXPECT_EQ(FeedPieces(pieces, row.options), row.expected);
}

TEST_P(ResponseTableTest, EverySplitInTwo) {
  const Row& row = GetParam();
  const std::string_view input = row.input;
  for (std::size_t i = 0; i <= input.size(); ++i) {
    ASSERT_EQ(FeedPieces({input.substr(0, i), input.substr(i)}, row.options), row.expected)
        << "split at " << i;
  }
}

TEST_P(ResponseTableTest, DiagnosticsAreCatalogued) {
  const Row& row = GetParam();
  const core::Response response =
      ParseResponse(row.input, row.options.context, row.options.eof, row.options.limits);
  for (const core::Diagnostic& diag : response.diagnostics) {
    EXPECT_NE(FindDiagnosticInfo(diag.id), nullptr) << diag.id;
    EXPECT_LE(diag.offset, row.input.size()) << diag.id;
  }
}

INSTANTIATE_TEST_SUITE_P(Rows, ResponseTableTest, ::testing::ValuesIn(AllRows()),
                         [](const ::testing::TestParamInfo<Row>& info) {
                           std::string name = info.param.name;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// Mutations of every row (flipped, inserted and deleted bytes from a fixed
// seed) must parse without crashing and give the same Dump() whether fed
// one-shot or byte by byte: a cheap, deterministic stand-in for the fuzzer.
TEST(ResponseParserTest, MutatedRowsAreSplitInvariant) {
  std::mt19937 rng(9112);
  const char kAlphabet[] = "\r\n :;0aF\t\x00\x7f\xff\"-+xHTP/1.";
  for (const Row& row : AllRows()) {
    for (int round = 0; round < 20; ++round) {
      std::string input = row.input;
      for (int edits = 1 + static_cast<int>(rng() % 3); edits > 0; --edits) {
        const std::size_t at = input.empty() ? 0 : rng() % (input.size() + 1);
        const char c = kAlphabet[rng() % (sizeof kAlphabet - 1)];
        switch (rng() % 3) {
          case 0:
            if (at < input.size()) input[at] = c;
            break;
          case 1:
            input.insert(input.begin() + static_cast<std::ptrdiff_t>(at), c);
            break;
          default:
            if (at < input.size()) input.erase(at, 1);
            break;
        }
      }
      const std::string whole =
          Dump(ParseResponse(input, row.options.context, row.options.eof, row.options.limits));
      std::vector<std::string_view> bytes;
      for (std::size_t i = 0; i < input.size(); ++i) {
        bytes.push_back(std::string_view(input).substr(i, 1));
      }
      ASSERT_EQ(FeedPieces(bytes, row.options), whole) << row.name << " mutated: " << input;
    }
  }
}

// One parser reused through Reset() for every row in turn, as a long-lived
// client would, and left each time mid-line or mid-content from another row:
// each result must equal the row's expected text, so nothing of a previous
// response (fields, diagnostics, content, a buffered partial line, the arena)
// leaks into the next, while the buffers keep the largest capacity seen.
TEST(ResponseParserTest, ResetParserGivesFreshResults) {
  ResponseParser parser;
  std::mt19937 rng(6);
  std::size_t checked = 0;
  for (int pass = 0; pass < 2; ++pass) {
    for (const Row& row : AllRows()) {
      if (row.options.limits.max_line_bytes != ParserLimits{}.max_line_bytes) continue;
      const std::string& other = AllRows()[rng() % AllRows().size()].input;
      parser.Reset();
      parser.Feed(std::string_view(other).substr(0, other.size() / 2));
      parser.Reset(row.options.context);
      const std::size_t used = parser.Feed(row.input);
      if (row.options.eof) {
        parser.FinishEof();
        parser.RecordTrailingBytes(row.input.size() - used);
      }
      ASSERT_EQ(Dump(parser.response()), row.expected) << row.name << " pass " << pass;
      ++checked;
    }
  }
  EXPECT_GT(checked, 200u);
}

// The cheap views agree with the built response for every row.
TEST(ResponseParserTest, ViewsAgreeWithResponse) {
  for (const Row& row : AllRows()) {
    ResponseParser parser(row.options.context, row.options.limits);
    const std::size_t used = parser.Feed(row.input);
    if (row.options.eof) {
      parser.FinishEof();
      parser.RecordTrailingBytes(row.input.size() - used);
    }
    const core::Response& r = parser.response();
    EXPECT_EQ(parser.status(), r.head.status) << row.name;
    EXPECT_EQ(parser.field_count(), r.head.fields.size()) << row.name;
    ASSERT_EQ(parser.interim_count(), r.interim.size()) << row.name;
    for (std::size_t i = 0; i < r.interim.size(); ++i) {
      EXPECT_EQ(parser.interim_status(i), r.interim[i].status) << row.name;
    }
    EXPECT_EQ(parser.content(), r.content) << row.name;
    EXPECT_EQ(parser.content_size(), r.content_size) << row.name;
    EXPECT_EQ(parser.complete(), r.complete) << row.name;
    ASSERT_EQ(parser.diagnostic_count(), r.diagnostics.size()) << row.name;
    for (std::size_t i = 0; i < r.diagnostics.size(); ++i) {
      EXPECT_EQ(parser.diagnostic(i).id, r.diagnostics[i].id) << row.name;
    }
  }
}

// response() is rebuilt after more bytes arrive, not served stale.
TEST(ResponseParserTest, ResponseFollowsLaterFeeds) {
  ResponseParser parser;
  parser.Feed("HTTP/1.1 100 Continue\r\n\r\n");
  EXPECT_EQ(parser.response().interim.size(), 1u);
  EXPECT_EQ(parser.response().head.status, 0);
  parser.Feed("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
  EXPECT_EQ(parser.response().head.status, 200);
  EXPECT_EQ(parser.response().content, "hi");
  EXPECT_TRUE(parser.response().complete);
}

TEST(ResponseParserTest, TenMegabyteStatusLineIsBounded) {
  ResponseParser parser;
  parser.Feed("HTTP/1.1 200 ");
  const std::string chunk(1024 * 1024, 'a');
  std::size_t used = 0;
  for (int i = 0; i < 10 && !parser.done(); ++i) used += parser.Feed(chunk);
  EXPECT_EQ(parser.state(), ResponseParser::State::kError);
  ASSERT_NE(core::FindDiagnostic(parser.response().diagnostics, "line.too-long"), nullptr);
  EXPECT_LE(used, ParserLimits{}.max_line_bytes + 1);
}

TEST(ResponseParserTest, HundredThousandFieldLinesHitTheCap) {
  std::string stream = "HTTP/1.1 200 OK\r\n";
  for (int i = 0; i < 100000; ++i) stream += "X-F: 1\r\n";
  stream += "\r\n";
  const core::Response response = ParseResponse(stream);
  EXPECT_EQ(response.head.fields.size(), ParserLimits{}.max_fields);
  const core::Diagnostic* diag = core::FindDiagnostic(response.diagnostics, "head.too-many-fields");
  ASSERT_NE(diag, nullptr);
  EXPECT_TRUE(diag->fatal);
}

TEST(ResponseParserTest, EndlessChunkedStreamKeepsOnlyTheCap) {
  ParserLimits limits;
  limits.max_content_bytes = 1000;
  ResponseParser parser({}, limits);
  parser.Feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
  const std::string chunk = "400\r\n" + std::string(0x400, 'z') + "\r\n";
  for (int i = 0; i < 10000; ++i) ASSERT_EQ(parser.Feed(chunk), chunk.size());
  EXPECT_FALSE(parser.done());
  EXPECT_EQ(parser.response().content_size, 10000u * 0x400);
  EXPECT_EQ(parser.response().content.size(), 1000u);
  EXPECT_TRUE(parser.response().content_truncated);
  parser.FinishEof();
  EXPECT_FALSE(parser.response().complete);
}

TEST(ResponseParserTest, EndlessInterimResponsesStop) {
  std::string stream;
  for (int i = 0; i < 1000; ++i) stream += "HTTP/1.1 100 Continue\r\n\r\n";
  const core::Response response = ParseResponse(stream);
  EXPECT_EQ(response.interim.size(), ParserLimits{}.max_interim + 1);
  EXPECT_NE(core::FindDiagnostic(response.diagnostics, "interim.too-many"), nullptr);
}

TEST(ResponseParserTest, EndlessEmptyLinesHitTheHeadCap) {
  const std::string stream(4 * 1024 * 1024, '\n');
  const core::Response response = ParseResponse(stream);
  EXPECT_NE(core::FindDiagnostic(response.diagnostics, "head.too-large"), nullptr);
  EXPECT_FALSE(response.complete);
}

TEST(ResponseParserTest, ResponseStartedOnFirstByte) {
  ResponseParser parser;
  EXPECT_FALSE(parser.response_started());
  parser.Feed("H");
  EXPECT_TRUE(parser.response_started());
}

TEST(ResponseParserTest, TrailingByteCountInDetail) {
  const core::Response response = ParseResponse("HTTP/1.1 204 No Content\r\n\r\nabc");
  const core::Diagnostic* diag =
      core::FindDiagnostic(response.diagnostics, "message.trailing-bytes");
  ASSERT_NE(diag, nullptr);
  EXPECT_EQ(diag->detail, "3 bytes after the end of the response");
}

TEST(DiagnosticsTest, CatalogueIsSortedUniqueAndDocumented) {
  const std::vector<DiagnosticInfo>& all = AllDiagnostics();
  ASSERT_GT(all.size(), 40u);
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].id, all[i].id);
  std::ifstream doc(std::string(HTTPCONFORM_WIRE_DIR) + "/diagnostics.md");
  ASSERT_TRUE(doc.good());
  const std::string text((std::istreambuf_iterator<char>(doc)), std::istreambuf_iterator<char>());
  for (const DiagnosticInfo& info : all) {
    EXPECT_NE(text.find("`" + std::string(info.id) + "`"), std::string::npos) << info.id;
    EXPECT_FALSE(info.section.empty());
  }
}

}  // namespace
}  // namespace httpconform::wire
