// Table tests of DecideMessageFraming: each row is a combination of the
// framing fields (HTTP/1.0 or not, Transfer-Encoding lines as sent,
// Content-Length status) with the decision expected under each policy,
// written as "kind: finding/status ...", so one row shows where the request
// and response policies part.
#include "harness/wire/framing_decision.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace httpconform::wire {
namespace {

struct Row {
  const char* name;
  bool http10;
  std::vector<std::string> te_lines;  // Empty: no Transfer-Encoding.
  bool has_cl;
  ContentLengthStatus cl;
  const char* request;
  const char* response;
};

void PrintTo(const Row& row, std::ostream* os) { *os << row.name; }

const char* KindName(FramingDecision::Kind kind) {
  switch (kind) {
    case FramingDecision::Kind::kNone:
      return "none";
    case FramingDecision::Kind::kLength:
      return "length";
    case FramingDecision::Kind::kChunked:
      return "chunked";
    case FramingDecision::Kind::kCloseDelimited:
      return "close";
    case FramingDecision::Kind::kRefused:
      return "refused";
  }
  return "?";
}

std::string Render(const FramingDecision& d) {
  std::string out = KindName(d.kind);
  out += ":";
  for (std::size_t i = 0; i < d.note_count; ++i) {
    out += " ";
    out += FramingFindingId(d.notes[i].finding);
    if (d.notes[i].status != 0) out += "/" + std::to_string(d.notes[i].status);
  }
  return out;
}

using S = ContentLengthStatus;

const Row kRows[] = {
    {"nothing", false, {}, false, S::kAbsent, "none:", "close:"},
    {"content-length", false, {}, true, S::kOk, "length:", "length:"},
    {"duplicate-cl",
     false,
     {},
     true,
     S::kDuplicate,
     "length: framing.duplicate-content-length",
     "length: framing.duplicate-content-length"},
    {"invalid-cl",
     false,
     {},
     true,
     S::kInvalid,
     "refused: framing.invalid-content-length/400",
     "refused: framing.invalid-content-length/-1"},
    {"conflicting-cl",
     false,
     {},
     true,
     S::kConflict,
     "refused: framing.conflicting-content-length/400",
     "refused: framing.conflicting-content-length/-1"},
    {"cl-in-http10", true, {}, true, S::kOk, "length:", "length:"},
    {"chunked", false, {"chunked"}, false, S::kAbsent, "chunked:", "chunked:"},
    {"chunked-any-case", false, {"ChUnKeD"}, false, S::kAbsent, "chunked:", "chunked:"},
    {"chunked-padded", false, {" chunked\t"}, false, S::kAbsent, "chunked:", "chunked:"},
    // Content-Length is not read when Transfer-Encoding is present.
    {"te-and-cl",
     false,
     {"chunked"},
     true,
     S::kInvalid,
     "refused: framing.cl-and-te/400",
     "chunked: framing.cl-and-te"},
    {"te-in-http10",
     true,
     {"chunked"},
     false,
     S::kAbsent,
     "refused: framing.te-in-http10/400",
     "chunked: framing.te-in-http10"},
    // The request refuses HTTP/1.0 first; the response notes the clash first.
    {"te-cl-http10",
     true,
     {"chunked"},
     true,
     S::kOk,
     "refused: framing.te-in-http10/400",
     "chunked: framing.cl-and-te framing.te-in-http10"},
    {"gzip-then-chunked",
     false,
     {"gzip, chunked"},
     false,
     S::kAbsent,
     "refused: framing.unknown-transfer-coding/501",
     "chunked:"},
    {"gzip-line-then-chunked-line",
     false,
     {"gzip", "chunked"},
     false,
     S::kAbsent,
     "refused: framing.unknown-transfer-coding/501",
     "chunked:"},
    {"chunked-not-last",
     false,
     {"chunked, gzip"},
     false,
     S::kAbsent,
     "refused: framing.te-not-chunked-last/400",
     "close: framing.te-not-chunked-last"},
    {"gzip-only",
     false,
     {"gzip"},
     false,
     S::kAbsent,
     "refused: framing.te-not-chunked-last/400",
     "close: framing.te-not-chunked-last"},
    {"chunked-twice",
     false,
     {"chunked, chunked"},
     false,
     S::kAbsent,
     "refused: framing.chunked-twice/400",
     "chunked: framing.chunked-twice"},
    {"chunked-twice-lines",
     false,
     {"chunked", "chunked"},
     false,
     S::kAbsent,
     "refused: framing.chunked-twice/400",
     "chunked: framing.chunked-twice"},
    // Not last and twice: the request's 400 for the position comes first.
    {"chunked-twice-not-last",
     false,
     {"chunked, chunked, gzip"},
     false,
     S::kAbsent,
     "refused: framing.te-not-chunked-last/400",
     "close: framing.chunked-twice framing.te-not-chunked-last"},
    {"empty-te",
     false,
     {""},
     false,
     S::kAbsent,
     "refused: framing.invalid-transfer-encoding/400",
     "close: framing.te-not-chunked-last"},
    {"only-commas",
     false,
     {" , ,"},
     false,
     S::kAbsent,
     "refused: framing.invalid-transfer-encoding/400",
     "close: framing.te-not-chunked-last"},
    {"empty-members", false, {",chunked,"}, false, S::kAbsent, "chunked:", "chunked:"},
    {"every-finding",
     true,
     {"chunked, chunked, gzip"},
     true,
     S::kConflict,
     "refused: framing.te-in-http10/400",
     "close: framing.cl-and-te framing.te-in-http10 framing.chunked-twice "
     "framing.te-not-chunked-last"},
};

class FramingDecisionTest : public ::testing::TestWithParam<Row> {};

TEST_P(FramingDecisionTest, BothPolicies) {
  const Row& row = GetParam();
  FramingFacts facts;
  facts.http10 = row.http10;
  for (const std::string& line : row.te_lines) facts.transfer_encoding.Add(line);
  facts.has_content_length = row.has_cl;
  facts.content_length = row.cl;
  EXPECT_EQ(Render(DecideMessageFraming(facts, FramingPolicy::kRequest)), row.request);
  EXPECT_EQ(Render(DecideMessageFraming(facts, FramingPolicy::kResponse)), row.response);
}

INSTANTIATE_TEST_SUITE_P(Rows, FramingDecisionTest, ::testing::ValuesIn(kRows),
                         [](const ::testing::TestParamInfo<Row>& info) {
                           std::string name = info.param.name;
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

TEST(TransferCodingsTest, SummarisesMembersInOrder) {
  TransferCodings te;
  te.Add("gzip, \"a,b\"");
  te.Add("Chunked");
  EXPECT_TRUE(te.present);
  EXPECT_EQ(te.members, 3u);
  EXPECT_EQ(te.chunked, 1u);
  EXPECT_TRUE(te.chunked_last);
  EXPECT_EQ(te.first_other, "gzip");
  te.Add("x");
  EXPECT_FALSE(te.chunked_last);
  EXPECT_EQ(te.first_other, "gzip");
}

}  // namespace
}  // namespace httpconform::wire
