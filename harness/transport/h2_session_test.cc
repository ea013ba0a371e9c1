// The HTTP/2 session on a scripted FakeConnection: the server's frames are
// built here byte by byte (frame headers, HPACK literals), so a test can
// send what a conforming server never would (uppercase names, a Connection
// field, a repeated :status) and check that the session reports the header
// list exactly as it arrived, and how it ends on RST_STREAM, GOAWAY, caps
// and deadlines.
#include "harness/transport/h2_session.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "harness/transport/fake_connection_for_testing.h"

namespace httpconform::transport {
namespace {

using testing::FakePeers;
using testing::PeerScript;
namespace fake = testing::fake;

constexpr std::uint8_t kData = 0, kHeaders = 1, kRst = 3, kSettings = 4, kGoaway = 7;
constexpr std::uint8_t kEndStream = 1, kEndHeaders = 4;

std::string Frame(std::uint8_t type, std::uint8_t flags, std::uint32_t stream,
                  const std::string& payload) {
  std::string f;
  const std::size_t n = payload.size();
  f += static_cast<char>((n >> 16) & 0xff);
  f += static_cast<char>((n >> 8) & 0xff);
  f += static_cast<char>(n & 0xff);
  f += static_cast<char>(type);
  f += static_cast<char>(flags);
  for (int shift = 24; shift >= 0; shift -= 8) f += static_cast<char>((stream >> shift) & 0xff);
  return f + payload;
}

std::string U32(std::uint32_t v) {
  std::string s;
  for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((v >> shift) & 0xff);
  return s;
}

// An HPACK integer with a 7-bit prefix (RFC 7541 §5.1), H bit clear.
std::string HpackLength(std::size_t n) {
  std::string s;
  if (n < 127) return std::string(1, static_cast<char>(n));
  s += static_cast<char>(127);
  n -= 127;
  while (n >= 128) {
    s += static_cast<char>((n % 128) + 128);
    n /= 128;
  }
  return s + static_cast<char>(n);
}

// A header block of literals without indexing, new names (RFC 7541 §6.2.2):
// the names go on the wire exactly as given.
std::string Block(const core::Fields& fields) {
  std::string b;
  for (const core::Field& f : fields) {
    b += '\0';
    b += HpackLength(f.name.size()) + f.name;
    b += HpackLength(f.value.size()) + f.value;
  }
  return b;
}

std::string Headers(const core::Fields& fields, bool end_stream = false, std::uint32_t id = 1) {
  return Frame(kHeaders, kEndHeaders | (end_stream ? kEndStream : 0), id, Block(fields));
}
std::string Data(const std::string& bytes, bool end_stream = true) {
  return Frame(kData, end_stream ? kEndStream : 0, 1, bytes);
}
const std::string kServerSettings = Frame(kSettings, 0, 0, "");

OutgoingRequest Request(std::string method = "GET", std::string target = "/") {
  OutgoingRequest r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.headers = {{"Host", "example.test"}, {"User-Agent", "t"}};
  r.timeout_ms = 2000;
  return r;
}

Target LocalTarget() {
  Target t;
  t.scheme = "http";
  t.host = "127.0.0.1";
  t.port = 8080;
  t.authority = "127.0.0.1:8080";
  t.base_path = "/";
  return t;
}

// Runs one request against one scripted connection; peers_ keeps its log.
class H2SessionTest : public ::testing::Test {
 protected:
  Exchange SendOne(PeerScript script, const OutgoingRequest& request) {
    peers_ = std::make_unique<FakePeers>(std::vector<PeerScript>{std::move(script)});
    auto session = MakeH2Session(LocalTarget(), TransportOptions{}, peers_->connector());
    core::Expected<Exchange> got = session->Send(request);
    EXPECT_TRUE(got.has_value());
    return got ? std::move(*got) : Exchange{};
  }
  const testing::FakeConnectionLog& log() const { return peers_->log(0); }

  std::unique_ptr<FakePeers> peers_;
};

std::vector<std::string> Ids(const core::Response& response) {
  std::vector<std::string> ids;
  for (const core::Diagnostic& d : response.diagnostics) ids.push_back(d.id);
  return ids;
}

TEST_F(H2SessionTest, CleanResponseWithContent) {
  Exchange e = SendOne({fake::Send(kServerSettings),
                        fake::Send(Headers({{":status", "200"}, {"content-length", "5"}})),
                        fake::Send(Data("hello"))},
                       Request());
  ASSERT_TRUE(e.response.has_value()) << e.error;
  EXPECT_EQ(e.response->head.version, "HTTP/2");
  EXPECT_EQ(e.response->head.status, 200);
  EXPECT_EQ(e.response->content, "hello");
  EXPECT_TRUE(e.response->complete);
  EXPECT_TRUE(e.response->diagnostics.empty());
  EXPECT_EQ(e.response->framing, core::Framing::kContentLength);
  EXPECT_TRUE(e.error.empty()) << e.error;
  // The client's side begins with the connection preface (RFC 9113 §3.4).
  EXPECT_EQ(log().written.rfind("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 0), 0u);
  EXPECT_NE(e.sent.find(":authority: example.test\r\n"), std::string::npos) << e.sent;
  EXPECT_NE(e.sent.find("user-agent: t\r\n"), std::string::npos) << e.sent;
  EXPECT_EQ(e.sent.find("host:"), std::string::npos) << e.sent;
}

// nghttp2's own HTTP checks would reset this stream; we see it as received.
TEST_F(H2SessionTest, MalformedHeadIsReportedAsReceived) {
  Exchange e = SendOne({fake::Send(kServerSettings),
                        fake::Send(Headers({{":status", "200"},
                                            {"Content-Type", "text/plain"},
                                            {"connection", "close"},
                                            {"content-length", "9"}})),
                        fake::Send(Data("abc"))},
                       Request());
  ASSERT_TRUE(e.response.has_value()) << e.error;
  EXPECT_EQ(Ids(*e.response),
            (std::vector<std::string>{"h2.uppercase-name", "h2.connection-specific-field",
                                      "h2.content-length-mismatch"}));
  ASSERT_EQ(e.response->head.fields.size(), 3u);
  EXPECT_EQ(e.response->head.fields[0].name, "Content-Type");
}

TEST_F(H2SessionTest, InterimHeadsAndTrailersAreSeparate) {
  Exchange e = SendOne(
      {fake::Send(kServerSettings), fake::Send(Headers({{":status", "103"}, {"link", "</s.css>"}})),
       fake::Send(Headers({{":status", "200"}})), fake::Send(Data("x", false)),
       fake::Send(Headers({{"x-sum", "1"}}, /*end_stream=*/true))},
      Request());
  ASSERT_TRUE(e.response.has_value()) << e.error;
  ASSERT_EQ(e.response->interim.size(), 1u);
  EXPECT_EQ(e.response->interim[0].status, 103);
  EXPECT_EQ(e.response->interim[0].fields[0].name, "link");
  EXPECT_EQ(e.response->head.status, 200);
  ASSERT_EQ(e.response->trailers.size(), 1u);
  EXPECT_EQ(e.response->trailers[0].name, "x-sum");
  EXPECT_EQ(e.response->content, "x");
  EXPECT_TRUE(e.response->complete);
}

TEST_F(H2SessionTest, MissingStatusIsNoResponseHead) {
  Exchange e = SendOne(
      {fake::Send(kServerSettings), fake::Send(Headers({{"date", "x"}}, /*end_stream=*/true))},
      Request());
  ASSERT_TRUE(e.response.has_value());
  EXPECT_TRUE(e.response->head.version.empty());
  EXPECT_FALSE(e.response->complete);
  EXPECT_EQ(Ids(*e.response), std::vector<std::string>{"h2.status-absent"});
}

TEST_F(H2SessionTest, HeadWithDataIsFlagged) {
  OutgoingRequest head = Request("HEAD");
  head.head_request = true;
  Exchange e = SendOne({fake::Send(kServerSettings),
                        fake::Send(Headers({{":status", "200"}, {"content-length", "40"}})),
                        fake::Send(Data("oops"))},
                       head);
  ASSERT_TRUE(e.response.has_value());
  EXPECT_EQ(Ids(*e.response), std::vector<std::string>{"h2.content-not-allowed"});
  EXPECT_EQ(e.response->framing, core::Framing::kNoContent);
}

TEST_F(H2SessionTest, RstStreamEndsWithoutResponse) {
  Exchange e =
      SendOne({fake::Send(kServerSettings), fake::Send(Frame(kRst, 0, 1, U32(1)))}, Request());
  EXPECT_FALSE(e.response.has_value());
  EXPECT_NE(e.error.find("RST_STREAM PROTOCOL_ERROR (1)"), std::string::npos) << e.error;
  EXPECT_FALSE(e.timed_out);
}

TEST_F(H2SessionTest, GoawayBeforeTheStreamEndsIt) {
  Exchange e = SendOne(
      {fake::Send(kServerSettings), fake::Send(Frame(kGoaway, 0, 0, U32(0) + U32(11)))}, Request());
  EXPECT_FALSE(e.response.has_value());
  EXPECT_NE(e.error.find("GOAWAY ENHANCE_YOUR_CALM (11)"), std::string::npos) << e.error;
}

TEST_F(H2SessionTest, NotHttp2IsAProtocolError) {
  Exchange e =
      SendOne({fake::Send("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")}, Request());
  EXPECT_FALSE(e.response.has_value());
  EXPECT_NE(e.error.find("HTTP/2 protocol error"), std::string::npos) << e.error;
}

TEST_F(H2SessionTest, SilentServerTimesOutAtTheStepDeadline) {
  OutgoingRequest r = Request();
  r.timeout_ms = 1500;
  const Deadline before = After(1500);
  Exchange e = SendOne({fake::Send(kServerSettings), fake::Stall()}, r);
  EXPECT_TRUE(e.timed_out);
  EXPECT_FALSE(e.response.has_value());
  ASSERT_EQ(log().read_timeouts.size(), 1u);
  const auto slack = log().read_timeouts[0] - before;
  EXPECT_GE(slack, std::chrono::milliseconds(0));
  EXPECT_LT(slack, std::chrono::milliseconds(200));
}

TEST_F(H2SessionTest, EndlessInterimResponsesAreCut) {
  PeerScript script = {fake::Send(kServerSettings)};
  for (std::size_t i = 0; i <= kMaxInterimBlocks + 1; ++i) {
    script.push_back(fake::Send(Headers({{":status", "103"}})));
  }
  Exchange e = SendOne(script, Request());
  EXPECT_FALSE(e.response.has_value());
  EXPECT_NE(e.error.find("interim responses"), std::string::npos) << e.error;
}

TEST_F(H2SessionTest, OversizedHeaderListIsCut) {
  PeerScript script = {fake::Send(kServerSettings)};
  // Blocks of 12 KiB each, in as many interim responses as it takes.
  const std::string big(12 * 1024, 'v');
  for (std::size_t sent = 0; sent <= kMaxHeaderListBytes; sent += big.size()) {
    script.push_back(fake::Send(Headers({{":status", "103"}, {"x-big", big}})));
  }
  Exchange e = SendOne(script, Request());
  EXPECT_FALSE(e.response.has_value());
  EXPECT_NE(e.error.find("header blocks over"), std::string::npos) << e.error;
}

// 100-continue: the content waits for a 100 or the end of the wait.
TEST_F(H2SessionTest, ContinueWaitSendsContentWhenTheWaitEnds) {
  OutgoingRequest r = Request("POST");
  r.body = "payload-bytes";
  r.continue_wait_ms = 300;
  const Deadline wait_end = After(300);
  Exchange e = SendOne({fake::Send(kServerSettings), fake::Stall(),
                        fake::Send(Headers({{":status", "204"}}, /*end_stream=*/true))},
                       r);
  ASSERT_TRUE(e.response.has_value()) << e.error;
  EXPECT_TRUE(e.content_sent);
  ASSERT_FALSE(log().read_timeouts.empty());
  EXPECT_LT(log().read_timeouts[0] - wait_end, std::chrono::milliseconds(100));
  EXPECT_NE(log().written.find("payload-bytes"), std::string::npos);
}

// A 100 (Continue) before the content is a response before the content, as
// over HTTP/1.1: the content follows it, and the final response after.
TEST_F(H2SessionTest, ContinueBeforeContentIsAResponseBeforeIt) {
  OutgoingRequest r = Request("POST");
  r.body = "payload-bytes";
  r.continue_wait_ms = 5000;
  Exchange e = SendOne({fake::Send(kServerSettings), fake::Send(Headers({{":status", "100"}})),
                        fake::Send(Headers({{":status", "204"}}, /*end_stream=*/true))},
                       r);
  ASSERT_TRUE(e.response.has_value()) << e.error;
  EXPECT_EQ(e.response->head.status, 204);
  ASSERT_EQ(e.response->interim.size(), 1u);
  EXPECT_TRUE(e.response_before_content);
  EXPECT_TRUE(e.content_sent);
  EXPECT_NE(log().written.find("payload-bytes"), std::string::npos);
  // Without an answer before the content, there is none.
  OutgoingRequest plain = Request("POST");
  plain.body = "payload-bytes";
  Exchange late = SendOne(
      {fake::Send(kServerSettings), fake::Send(Headers({{":status", "204"}}, /*end_stream=*/true))},
      plain);
  ASSERT_TRUE(late.response.has_value()) << late.error;
  EXPECT_FALSE(late.response_before_content);
}

TEST_F(H2SessionTest, FinalResponseBeforeContinueKeepsTheContent) {
  OutgoingRequest r = Request("POST");
  r.body = "payload-bytes";
  r.continue_wait_ms = 5000;
  Exchange e = SendOne(
      {fake::Send(kServerSettings), fake::Send(Headers({{":status", "413"}}, /*end_stream=*/true))},
      r);
  ASSERT_TRUE(e.response.has_value()) << e.error;
  EXPECT_EQ(e.response->head.status, 413);
  EXPECT_TRUE(e.response_before_content);
  EXPECT_FALSE(e.content_sent);
  EXPECT_EQ(log().written.find("payload-bytes"), std::string::npos);
}

TEST_F(H2SessionTest, RawRequestsAreRefused) {
  FakePeers peers(std::vector<PeerScript>{PeerScript{}});
  auto session = MakeH2Session(LocalTarget(), TransportOptions{}, peers.connector());
  OutgoingRequest r = Request();
  r.raw = true;
  core::Expected<Exchange> got = session->Send(r);
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().code, "unsupported");
}

}  // namespace
}  // namespace httpconform::transport
