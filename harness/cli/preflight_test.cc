// The preflight's judgement of first bytes, table-driven; the probes
// themselves run against real servers in tests/target_kind_test.sh. The
// connect probe runs here against a listening socket on 127.0.0.1.
#include "harness/cli/preflight.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace httpconform::cli {
namespace {

using std::string_literals::operator""s;

TEST(ClassifyFirstBytesTest, Table) {
  struct Row {
    std::string bytes;
    FirstBytes want;
  } rows[] = {
      {"", FirstBytes::kNothing},
      {"HTTP/1.1 200 OK\r\n", FirstBytes::kHttp},
      {"HTTP/1.0 400 Bad Request\r\n", FirstBytes::kHttp},
      {"H", FirstBytes::kHttp},  // A slow server: a prefix of "HTTP/" is not refuted.
      {"HTT", FirstBytes::kHttp},
      {"HTTX", FirstBytes::kOther},
      {"\x15\x03\x01\x00\x02\x02\x46"s, FirstBytes::kTls},  // Alert: protocol_version.
      {"\x16\x03\x03\x00\x7a\x02"s, FirstBytes::kTls},      // ServerHello.
      {"\x15"s, FirstBytes::kTls},
      {"\x15\x01"s, FirstBytes::kOther},
      // SETTINGS frame (length 18), then more.
      {"\x00\x00\x12\x04\x00\x00\x00\x00\x00\x00\x03"s, FirstBytes::kHttp2},
      // A SETTINGS ACK is not a server's first frame; a frame on stream 1 neither.
      {"\x00\x00\x00\x04\x00\x00\x00\x00\x01"s, FirstBytes::kOther},
      {"SSH-2.0-OpenSSH_9.2p1\r\n", FirstBytes::kOther},
      {"<html><body>hello</body></html>", FirstBytes::kOther},
      {"\r\n\r\n", FirstBytes::kOther},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(ClassifyFirstBytes(row.bytes), row.want) << FirstLineExcerpt(row.bytes);
  }
}

TEST(FirstLineExcerptTest, OneLineEscapedAndShort) {
  EXPECT_EQ(FirstLineExcerpt("SSH-2.0-OpenSSH_9.2p1\r\nmore"), "SSH-2.0-OpenSSH_9.2p1");
  EXPECT_EQ(FirstLineExcerpt("\x1b[31mred"), "\\x1b[31mred");
  EXPECT_EQ(FirstLineExcerpt(std::string(100, 'a')), std::string(40, 'a') + "...");
  EXPECT_EQ(FirstLineExcerpt("\r\n\r\n"), "\\x0d\\x0a\\x0d\\x0a");
}

// A socket bound to 127.0.0.1 on a free port, listening or not.
struct LoopbackSocket {
  explicit LoopbackSocket(bool listening) {
    fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0) return;
    if (listening && listen(fd, 1) != 0) return;
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    port = ntohs(address.sin_port);
  }
  ~LoopbackSocket() { close(fd); }
  int fd = -1;
  int port = 0;
};

transport::Target Loopback(int port) {
  transport::Target target;
  target.host = "127.0.0.1";
  target.port = port;
  return target;
}

TEST(ProbeConnectTest, ListeningPortIsReachable) {
  LoopbackSocket server(/*listening=*/true);
  ASSERT_NE(server.port, 0);
  EXPECT_TRUE(ProbeConnect(Loopback(server.port), 2000));
}

TEST(ProbeConnectTest, ClosedPortSaysWhereAndWhy) {
  // Bound but not listening: the port stays ours, and a connect is refused.
  LoopbackSocket closed(/*listening=*/false);
  ASSERT_NE(closed.port, 0);
  core::Expected<void> got = ProbeConnect(Loopback(closed.port), 2000);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, "connect");
  EXPECT_EQ(got.error().message,
            "cannot connect to 127.0.0.1:" + std::to_string(closed.port) + ": Connection refused");
}

}  // namespace
}  // namespace httpconform::cli
