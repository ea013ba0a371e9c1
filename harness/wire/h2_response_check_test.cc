// Table-driven tests of the HTTP/2 response checker (RFC 9113 §8).
#include "harness/wire/h2_response_check.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "harness/wire/diagnostics.h"

namespace httpconform::wire {
namespace {

using core::Fields;

struct Case {
  std::string name;
  H2ReceivedResponse response;
  std::vector<std::string> expected_ids;  // Exactly these, in the order found.
};

H2ReceivedResponse Final(Fields head, std::uint64_t data = 0, bool end_stream = true) {
  H2ReceivedResponse r;
  r.head = std::move(head);
  r.data_length = data;
  r.end_stream = end_stream;
  return r;
}

std::vector<Case> Cases() {
  std::vector<Case> cases = {
      {"clean 200 with matching length",
       Final({{":status", "200"}, {"content-length", "5"}, {"content-type", "text/plain"}}, 5),
       {}},
      {"clean 200 without length", Final({{":status", "200"}}, 1234), {}},
      {"connection field",
       Final({{":status", "200"}, {"connection", "close"}}),
       {"h2.connection-specific-field"}},
      {"keep-alive",
       Final({{":status", "200"}, {"keep-alive", "timeout=5"}}),
       {"h2.connection-specific-field"}},
      {"proxy-connection",
       Final({{":status", "200"}, {"proxy-connection", "x"}}),
       {"h2.connection-specific-field"}},
      {"transfer-encoding",
       Final({{":status", "200"}, {"transfer-encoding", "chunked"}}),
       {"h2.connection-specific-field"}},
      {"upgrade",
       Final({{":status", "200"}, {"upgrade", "h2c"}}),
       {"h2.connection-specific-field"}},
      {"te in a response",
       Final({{":status", "200"}, {"te", "trailers"}}),
       {"h2.connection-specific-field"}},
      {"uppercase name",
       Final({{":status", "200"}, {"Content-Type", "text/plain"}}),
       {"h2.uppercase-name"}},
      {"uppercase connection field counts twice",
       Final({{":status", "200"}, {"Connection", "close"}}),
       {"h2.uppercase-name", "h2.connection-specific-field"}},
      {"status missing", Final({{"content-type", "text/plain"}}), {"h2.status-absent"}},
      {"empty block", Final({}), {"h2.status-absent"}},
      {"status repeated", Final({{":status", "200"}, {":status", "200"}}), {"h2.status-repeated"}},
      {"status after a regular field",
       Final({{"date", "x"}, {":status", "200"}}),
       {"h2.status-not-first"}},
      {"status two digits", Final({{":status", "20"}}), {"h2.status-invalid"}},
      {"status with text", Final({{":status", "200 OK"}}), {"h2.status-invalid"}},
      {"status not digits", Final({{":status", "abc"}}), {"h2.status-invalid"}},
      {"request pseudo-header",
       Final({{":status", "200"}, {":path", "/"}}),
       {"h2.pseudo-header-not-allowed"}},
      {"unknown pseudo-header",
       Final({{":status", "200"}, {":foo", "x"}}),
       {"h2.pseudo-header-not-allowed"}},
      {"final 101",
       Final({{":status", "101"}, {"upgrade", "websocket"}}),
       {"h2.connection-specific-field", "h2.status-101"}},
      {"length larger than data",
       Final({{":status", "200"}, {"content-length", "10"}}, 4),
       {"h2.content-length-mismatch"}},
      {"length smaller than data",
       Final({{":status", "200"}, {"content-length", "1"}}, 4),
       {"h2.content-length-mismatch"}},
      {"length not digits",
       Final({{":status", "200"}, {"content-length", "4x"}}, 4),
       {"h2.content-length-mismatch"}},
      {"length unjudged without END_STREAM",
       Final({{":status", "200"}, {"content-length", "10"}}, 4, /*end_stream=*/false),
       {}},
      {"204 with DATA", Final({{":status", "204"}}, 3), {"h2.content-not-allowed"}},
      {"304 with length and no DATA (allowed)",
       Final({{":status", "304"}, {"content-length", "99"}}),
       {}},
      {"304 with DATA", Final({{":status", "304"}}, 1), {"h2.content-not-allowed"}},
  };
  {
    H2ReceivedResponse head = Final({{":status", "200"}, {"content-length", "99"}});
    head.head_request = true;
    cases.push_back({"HEAD with length, no DATA (allowed)", head, {}});
    head.data_length = 2;
    cases.push_back({"HEAD with DATA", head, {"h2.content-not-allowed"}});
  }
  {
    H2ReceivedResponse r = Final({{":status", "200"}});
    r.interim = {{{":status", "103"}, {"link", "</a>; rel=preload"}}, {{":status", "100"}}};
    cases.push_back({"clean interim responses", r, {}});
    r.interim = {{{":status", "101"}}};
    cases.push_back({"interim 101", r, {"h2.status-101"}});
    r.interim = {{{"link", "x"}}};
    cases.push_back({"interim without status", r, {"h2.status-absent"}});
  }
  {
    H2ReceivedResponse r = Final({{":status", "200"}}, 3);
    r.trailers = {{"x-checksum", "abc"}};
    cases.push_back({"clean trailers", r, {}});
    r.trailers = {{":status", "200"}};
    cases.push_back({"pseudo-header in trailers", r, {"h2.pseudo-in-trailers"}});
    r.trailers = {{"Connection", "close"}};
    cases.push_back(
        {"bad trailer field", r, {"h2.uppercase-name", "h2.connection-specific-field"}});
  }
  return cases;
}

TEST(H2ResponseCheckTest, Table) {
  for (const Case& c : Cases()) {
    std::vector<std::string> ids;
    for (const core::Diagnostic& d : CheckH2Response(c.response)) {
      ids.push_back(d.id);
      EXPECT_FALSE(d.fatal) << c.name;
      EXPECT_NE(FindDiagnosticInfo(d.id), nullptr) << c.name << ": " << d.id << " not registered";
    }
    EXPECT_EQ(ids, c.expected_ids) << c.name;
  }
}

TEST(H2ResponseCheckTest, OffsetsCountLinesAcrossBlocks) {
  H2ReceivedResponse r = Final({{":status", "200"}, {"date", "x"}, {"Upgrade", "h2c"}});
  r.interim = {{{":status", "100"}}};
  std::vector<core::Diagnostic> found = CheckH2Response(r);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].offset, 3u);  // One interim line, then :status, date, Upgrade.
  EXPECT_EQ(found[1].offset, 3u);
}

TEST(H2ResponseCheckTest, EachIdOnce) {
  std::vector<core::Diagnostic> found =
      CheckH2Response(Final({{":status", "200"}, {"connection", "a"}, {"upgrade", "b"}}));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].offset, 1u);
}

TEST(H2ResponseCheckTest, StatusOfABlock) {
  EXPECT_EQ(H2Status({{":status", "204"}}), 204);
  EXPECT_EQ(H2Status({{"date", "x"}, {":status", "404"}}), 404);
  EXPECT_EQ(H2Status({{":status", "2x4"}}), std::nullopt);
  EXPECT_EQ(H2Status({}), std::nullopt);
}

}  // namespace
}  // namespace httpconform::wire
