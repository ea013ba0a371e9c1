// The Connection layer: TCP and TLS against the loopback server (bytes both
// ways, EOF, reset, a read deadline, the peer-gone probe, ALPN), and the
// scripted FakeConnection the session tests stand on (its script plays in
// the order the client's writes allow, and nothing in it waits).
#include "harness/transport/connection.h"

#include <gtest/gtest.h>
#include <openssl/ssl.h>

#include <chrono>
#include <string>
#include <thread>

#include "harness/transport/fake_connection_for_testing.h"
#include "harness/transport/loopback_server_for_testing.h"
#include "harness/transport/tls.h"

namespace httpconform::transport {
namespace {

using testing::LoopbackServer;

const char kRequest[] = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";

std::unique_ptr<Connection> ConnectTo(const LoopbackServer& server, SSL_CTX* tls = nullptr,
                                      std::string alpn = "") {
  ConnectOptions options;
  options.host = "127.0.0.1";
  options.port = server.port();
  options.tls = tls;
  options.verify_tls = false;
  options.alpn = std::move(alpn);
  core::Expected<std::unique_ptr<Connection>> connection = Connect(options, After(3000));
  EXPECT_TRUE(connection.has_value()) << connection.error().message;
  return connection ? std::move(*connection) : nullptr;
}

// Reads until `want` bytes or the end; returns how it ended.
Io ReadUpTo(Connection* connection, std::string* out, std::size_t want) {
  Io io = Io::kOk;
  while (out->size() < want && io == Io::kOk) io = connection->ReadSome(out, 1024, After(3000));
  return io;
}

TEST(TcpConnectionTest, BytesGoBothWaysThenEof) {
  LoopbackServer server({{testing::ReadHead(), testing::Write("hello"), testing::Close()}});
  std::unique_ptr<Connection> connection = ConnectTo(server);
  ASSERT_NE(connection, nullptr);
  std::size_t written = 0;
  EXPECT_EQ(connection->WriteAll(kRequest, After(3000), &written), Io::kOk);
  EXPECT_EQ(written, sizeof kRequest - 1);
  std::string got;
  EXPECT_EQ(ReadUpTo(connection.get(), &got, 5), Io::kOk);
  EXPECT_EQ(got, "hello");
  EXPECT_EQ(connection->ReadSome(&got, 1024, After(3000)), Io::kEof);
  EXPECT_EQ(server.received(0), kRequest);
  EXPECT_EQ(connection->alpn_protocol(), "");
}

TEST(TcpConnectionTest, ReadStopsAtItsDeadline) {
  LoopbackServer server({{testing::Hang(3000)}});
  std::unique_ptr<Connection> connection = ConnectTo(server);
  ASSERT_NE(connection, nullptr);
  std::string got;
  const auto start = Clock::now();
  EXPECT_EQ(connection->ReadSome(&got, 1024, After(100)), Io::kTimeout);
  const auto took = Clock::now() - start;
  EXPECT_GE(took, std::chrono::milliseconds(90));
  EXPECT_LT(took, std::chrono::milliseconds(1500));
  EXPECT_TRUE(got.empty());
}

TEST(TcpConnectionTest, PeerGoneSeesACloseOnlyBehindUnreadBytes) {
  LoopbackServer server({{testing::ReadHead(), testing::Write("x"), testing::Close()}});
  std::unique_ptr<Connection> connection = ConnectTo(server);
  ASSERT_NE(connection, nullptr);
  EXPECT_FALSE(connection->PeerGone());  // Open, nothing sent yet.
  std::size_t written = 0;
  connection->WriteAll(kRequest, After(3000), &written);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // The server's byte and FIN.
  EXPECT_FALSE(connection->PeerGone());                         // "x" is still to be read.
  std::string got;
  EXPECT_EQ(connection->ReadSome(&got, 1024, After(3000)), Io::kOk);
  EXPECT_TRUE(connection->PeerGone());
  EXPECT_TRUE(connection->PeerGone());  // Looking consumes nothing.
}

TEST(TcpConnectionTest, ResetIsReportedAndCloseEndsTheConnection) {
  LoopbackServer server({{testing::ReadHead(), testing::Reset()}});
  std::unique_ptr<Connection> connection = ConnectTo(server);
  ASSERT_NE(connection, nullptr);
  std::size_t written = 0;
  connection->WriteAll(kRequest, After(3000), &written);
  std::string got;
  EXPECT_EQ(connection->ReadSome(&got, 1024, After(3000)), Io::kReset);
  EXPECT_TRUE(connection->open());
  connection->Close();
  connection->Close();  // Idempotent.
  EXPECT_FALSE(connection->open());
  EXPECT_EQ(connection->ReadSome(&got, 1024, After(100)), Io::kReset);
  EXPECT_EQ(connection->WriteAll("x", After(100), &written), Io::kReset);
  EXPECT_EQ(written, 0u);
  EXPECT_TRUE(connection->PeerGone());
}

TEST(TcpConnectionTest, RefusedAndUnresolvableAreConnectErrors) {
  ConnectOptions options;
  options.host = "127.0.0.1";
  options.port = 1;
  core::Expected<std::unique_ptr<Connection>> refused = Connect(options, After(3000));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, "connect");
  EXPECT_EQ(refused.error().message, "cannot connect to 127.0.0.1:1: Connection refused");
  options.host = "no-such-host.invalid";  // RFC 6761 §6.4: never resolves.
  core::Expected<std::unique_ptr<Connection>> unknown = Connect(options, After(3000));
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, "connect");
  EXPECT_EQ(unknown.error().message.rfind("cannot connect to no-such-host.invalid:1: ", 0), 0u);
  EXPECT_EQ(HostPort("::1", 8080), "[::1]:8080");
}

// The server picks "h2" when the client offers it (RFC 7301 §3.2).
int SelectH2(SSL*, const unsigned char** out, unsigned char* outlen, const unsigned char* in,
             unsigned int inlen, void*) {
  static const unsigned char kH2[] = {2, 'h', '2'};
  unsigned char* selected = nullptr;
  if (SSL_select_next_proto(&selected, outlen, kH2, sizeof kH2, in, inlen) !=
      OPENSSL_NPN_NEGOTIATED) {
    return SSL_TLSEXT_ERR_NOACK;
  }
  *out = selected;
  return SSL_TLSEXT_ERR_OK;
}

TEST(TlsConnectionTest, BytesGoBothWaysAndAlpnAsksPerConnection) {
  std::shared_ptr<SSL_CTX> server_tls = testing::MakeSelfSignedServerContextForTesting();
  SSL_CTX_set_alpn_select_cb(server_tls.get(), SelectH2, nullptr);
  LoopbackServer server({{testing::ReadHead(), testing::Write("hello"), testing::Close()},
                         {testing::ReadHead(), testing::Write("hello"), testing::Close()}},
                        server_tls);
  TransportOptions insecure;
  insecure.verify_tls = false;
  core::Expected<std::shared_ptr<SSL_CTX>> client =
      MakeClientTlsContext(insecure, std::string_view("\x08http/1.1", 9));
  ASSERT_TRUE(client.has_value());
  for (const std::string& alpn : {std::string("\x02h2\x08http/1.1", 12), std::string()}) {
    std::unique_ptr<Connection> connection = ConnectTo(server, client->get(), alpn);
    ASSERT_NE(connection, nullptr);
    // The context offers http/1.1 only; the connection's own list adds h2.
    EXPECT_EQ(connection->alpn_protocol(), alpn.empty() ? "" : "h2");
    std::size_t written = 0;
    EXPECT_EQ(connection->WriteAll(kRequest, After(3000), &written), Io::kOk);
    std::string got;
    EXPECT_EQ(ReadUpTo(connection.get(), &got, 5), Io::kOk);
    EXPECT_EQ(got, "hello");
    EXPECT_EQ(connection->ReadSome(&got, 1024, After(3000)), Io::kEof);
  }
  EXPECT_EQ(server.received(0), kRequest);
}

TEST(TlsConnectionTest, UntrustedCertificateIsATlsVerifyError) {
  LoopbackServer server({{testing::Hang(2000)}}, testing::MakeSelfSignedServerContextForTesting());
  core::Expected<std::shared_ptr<SSL_CTX>> client = MakeClientTlsContext({}, "");
  ASSERT_TRUE(client.has_value());
  ConnectOptions options;
  options.host = "127.0.0.1";
  options.port = server.port();
  options.tls = client->get();
  core::Expected<std::unique_ptr<Connection>> connection = Connect(options, After(3000));
  ASSERT_FALSE(connection.has_value());
  EXPECT_EQ(connection.error().code, kTlsVerifyError);
  EXPECT_NE(connection.error().message.find("TLS handshake failed: certificate verify failed"),
            std::string::npos)
      << connection.error().message;
}

// --- FakeConnection ---

using testing::FakeConnection;
using testing::FakeConnectionLog;
using testing::FakePeers;
namespace fake = testing::fake;

TEST(FakeConnectionTest, ThePeerAnswersOnlyOnceTheRequestIsWritten) {
  auto log = std::make_shared<FakeConnectionLog>();
  FakeConnection connection({fake::ReadHead(), fake::Send("hel"), fake::Send("lo"), fake::Close()},
                            log);
  std::string got;
  const Deadline soon = After(5000);
  const auto start = Clock::now();
  EXPECT_EQ(connection.ReadSome(&got, 100, soon), Io::kTimeout);     // Waits for the request.
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1000));  // Without waiting.
  ASSERT_EQ(log->read_timeouts.size(), 1u);
  EXPECT_EQ(log->read_timeouts[0], soon);
  std::size_t written = 0;
  EXPECT_EQ(connection.WriteAll("GET / HTTP/1.1\r\n", soon, &written), Io::kOk);
  EXPECT_EQ(connection.ReadSome(&got, 100, soon), Io::kTimeout);  // Head not complete yet.
  connection.WriteAll("\r\n", soon, &written);
  EXPECT_EQ(connection.ReadSome(&got, 2, soon), Io::kOk);  // Cut to `max`.
  EXPECT_EQ(got, "he");
  EXPECT_EQ(connection.ReadSome(&got, 100, soon), Io::kOk);  // The rest of one Send.
  EXPECT_EQ(got, "hel");
  EXPECT_FALSE(connection.PeerGone());
  EXPECT_EQ(connection.ReadSome(&got, 100, soon), Io::kOk);
  EXPECT_EQ(got, "hello");
  EXPECT_TRUE(connection.PeerGone());
  EXPECT_EQ(connection.ReadSome(&got, 100, soon), Io::kEof);
  EXPECT_EQ(log->written, "GET / HTTP/1.1\r\n\r\n");
  EXPECT_EQ(log->reads, 6);
}

TEST(FakeConnectionTest, StallResetAndStopReading) {
  auto log = std::make_shared<FakeConnectionLog>();
  FakeConnection stalls({fake::Send("a"), fake::Stall(), fake::Send("b"), fake::Reset()}, log);
  std::string got;
  std::size_t written = 0;
  EXPECT_EQ(stalls.ReadSome(&got, 100, After(0)), Io::kOk);
  EXPECT_EQ(stalls.ReadSome(&got, 100, After(0)), Io::kTimeout);  // The stall, once.
  EXPECT_EQ(stalls.ReadSome(&got, 100, After(0)), Io::kOk);
  EXPECT_EQ(stalls.ReadSome(&got, 100, After(0)), Io::kReset);  // After "b" was read.
  EXPECT_EQ(got, "ab");
  EXPECT_EQ(stalls.WriteAll("x", After(0), &written), Io::kReset);
  EXPECT_TRUE(stalls.PeerGone());

  auto deaf_log = std::make_shared<FakeConnectionLog>();
  FakeConnection deaf({fake::StopReading()}, deaf_log);
  EXPECT_EQ(deaf.WriteAll("x", After(0), &written), Io::kTimeout);
  EXPECT_EQ(written, 0u);
  EXPECT_EQ(deaf_log->write_timeouts.size(), 1u);
  EXPECT_EQ(deaf.ReadSome(&got, 100, After(0)), Io::kTimeout);  // A script's end: silence.
  deaf.Close();
  EXPECT_FALSE(deaf.open());
  EXPECT_TRUE(deaf_log->closed_by_client);
  EXPECT_EQ(deaf.ReadSome(&got, 100, After(0)), Io::kReset);
}

TEST(FakeConnectionTest, PeersAreConnectedInOrderThenRefused) {
  FakePeers peers({{fake::Close()}, {}});
  Connector connect = peers.connector();
  ASSERT_TRUE(connect(After(0)).has_value());
  ASSERT_TRUE(connect(After(0)).has_value());
  core::Expected<std::unique_ptr<Connection>> third = connect(After(0));
  ASSERT_FALSE(third.has_value());
  EXPECT_EQ(third.error().code, "connect");
  EXPECT_EQ(peers.connections(), 2);
}

}  // namespace
}  // namespace httpconform::transport
