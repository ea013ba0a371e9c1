// The HTTP/2 session against a real server: nghttpd (Debian nghttp2-server)
// with prior knowledge (h2c) on 127.0.0.1, serving a temporary docroot,
// started per test suite and stopped by its PID. Skipped when nghttpd is not
// installed.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "harness/transport/h2_session.h"

namespace httpconform::transport {
namespace {

std::string FindNghttpd() {
  for (const char* path : {"/usr/bin/nghttpd", "/usr/sbin/nghttpd", "/usr/local/bin/nghttpd"}) {
    if (access(path, X_OK) == 0) return path;
  }
  return {};
}

// A port free on 127.0.0.1 a moment ago.
int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

class NghttpdTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string binary = FindNghttpd();
    if (binary.empty()) return;
    char dir[] = "/tmp/httpconform-h2-XXXXXX";
    if (!mkdtemp(dir)) return;
    docroot_ = dir;
    std::ofstream(docroot_ + "/hello.txt") << "hello h2\n";
    port_ = FreePort();
    const std::string port = std::to_string(port_);
    const std::string htdocs = "--htdocs=" + docroot_;
    pid_ = fork();
    if (pid_ == 0) {
      const int null = open("/dev/null", O_WRONLY);
      dup2(null, 1);
      dup2(null, 2);
      execl(binary.c_str(), "nghttpd", "--no-tls", "--address=127.0.0.1", htdocs.c_str(),
            "--trailer=x-check: 1", port.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    // Ready once it accepts a connection (within 5 s).
    ConnectOptions options;
    options.host = "127.0.0.1";
    options.port = port_;
    const Deadline until = After(5000);
    while (Clock::now() < until) {
      if (Connect(options, After(200))) return;
      usleep(50 * 1000);
    }
    TearDownTestSuite();
  }

  static void TearDownTestSuite() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    pid_ = -1;
    if (!docroot_.empty()) {
      std::remove((docroot_ + "/hello.txt").c_str());
      rmdir(docroot_.c_str());
    }
  }

  void SetUp() override {
    if (pid_ <= 0) GTEST_SKIP() << "nghttpd (nghttp2-server) is not installed or did not start";
  }

  static Target LocalTarget() {
    core::Expected<Target> t = ParseTarget("http://127.0.0.1:" + std::to_string(port_) + "/");
    return *t;
  }

  static OutgoingRequest Get(const std::string& path, const std::string& method = "GET") {
    OutgoingRequest r;
    r.method = method;
    r.target = path;
    r.head_request = method == "HEAD";
    r.headers = {{"Host", "127.0.0.1:" + std::to_string(port_)}, {"User-Agent", "httpconform"}};
    r.timeout_ms = 5000;
    return r;
  }

  static inline pid_t pid_ = -1;
  static inline int port_ = 0;
  static inline std::string docroot_;
};

TEST_F(NghttpdTest, GetServesTheFileOverH2c) {
  auto session = MakeH2Transport(LocalTarget(), TransportOptions{})->OpenSession();
  core::Expected<Exchange> got = session->Send(Get("/hello.txt"));
  ASSERT_TRUE(got.has_value()) << got.error().message;
  ASSERT_TRUE(got->response.has_value()) << got->error;
  const core::Response& r = *got->response;
  EXPECT_EQ(r.head.version, "HTTP/2");
  EXPECT_EQ(r.head.status, 200);
  EXPECT_EQ(r.content, "hello h2\n");
  EXPECT_TRUE(r.complete);
  EXPECT_TRUE(r.diagnostics.empty()) << r.diagnostics[0].id;
  ASSERT_NE(core::FindField(r.head.fields, "content-length"), nullptr);
  // --trailer: a trailer block after the DATA.
  ASSERT_NE(core::FindField(r.trailers, "x-check"), nullptr);
  EXPECT_TRUE(got->error.empty()) << got->error;
}

TEST_F(NghttpdTest, HeadAndNotFound) {
  auto session = MakeH2Transport(LocalTarget(), TransportOptions{})->OpenSession();
  core::Expected<Exchange> head = session->Send(Get("/hello.txt", "HEAD"));
  ASSERT_TRUE(head.has_value() && head->response.has_value());
  EXPECT_EQ(head->response->head.status, 200);
  EXPECT_TRUE(head->response->content.empty());
  EXPECT_TRUE(head->response->diagnostics.empty());
  core::Expected<Exchange> missing = session->Send(Get("/missing"));
  ASSERT_TRUE(missing.has_value() && missing->response.has_value());
  EXPECT_EQ(missing->response->head.status, 404);
}

// Steps that reuse the connection are further streams on it.
TEST_F(NghttpdTest, ReuseOpensAStreamOnTheSameConnection) {
  int connects = 0;
  const Target target = LocalTarget();
  Connector counting = [&](Deadline deadline) {
    ++connects;
    ConnectOptions options;
    options.host = target.host;
    options.port = target.port;
    return Connect(options, deadline);
  };
  auto session = MakeH2Session(target, TransportOptions{}, counting);
  OutgoingRequest second = Get("/hello.txt");
  second.reuse_connection = true;
  ASSERT_EQ(session->Send(Get("/hello.txt"))->response->head.status, 200);
  ASSERT_EQ(session->Send(second)->response->head.status, 200);
  EXPECT_EQ(connects, 1);
  ASSERT_EQ(session->Send(Get("/hello.txt"))->response->head.status, 200);
  EXPECT_EQ(connects, 2);
}

}  // namespace
}  // namespace httpconform::transport
