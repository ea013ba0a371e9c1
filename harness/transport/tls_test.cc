// Certificate verification, the same for both transports that speak TLS:
// on by default, `--cacert` trusts a file, the URL's host must be named by
// the certificate, `-k` skips all of it. Each scenario runs against a
// loopback server with a certificate made for the test.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "harness/transport/curl_transport.h"
#include "harness/transport/loopback_server_for_testing.h"
#include "harness/transport/raw_transport.h"

namespace httpconform::transport {
namespace {

using testing::LoopbackServer;
using testing::ReadHead;
using testing::Write;

const char kOk[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

struct Maker {
  const char* name;
  std::unique_ptr<Transport> (*make)(const Target&, const TransportOptions&);
};

class TlsVerificationTest : public ::testing::TestWithParam<Maker> {
 protected:
  // One GET to a fresh TLS server whose certificate names `san`.
  core::Expected<Exchange> GetFrom(TransportOptions options,
                                   const std::string& san = "DNS:localhost,IP:127.0.0.1") {
    LoopbackServer server({{ReadHead(), Write(kOk)}},
                          testing::MakeSelfSignedServerContextForTesting(&pem_, san));
    if (options.ca_file == "PEM") options.ca_file = WritePem();
    core::Expected<Target> target = ParseTarget(server.url() + "/");
    EXPECT_TRUE(target.has_value());
    std::unique_ptr<Session> session = GetParam().make(*target, options)->OpenSession();
    OutgoingRequest request;
    request.headers = {{"Host", target->authority}};
    request.timeout_ms = 3000;
    return session->Send(request);
  }

  std::string WritePem() {
    path_ = ::testing::TempDir() + "tls_test_ca_" + GetParam().name + ".pem";
    std::ofstream(path_) << pem_;
    return path_;
  }

  void TearDown() override {
    if (!path_.empty()) std::remove(path_.c_str());
  }

  std::string pem_;
  std::string path_;
};

TEST_P(TlsVerificationTest, SelfSignedIsRefusedByDefault) {
  core::Expected<Exchange> got = GetFrom(TransportOptions{});
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().code, "tls-verify");
  EXPECT_NE(got.error().message.find("self-signed certificate"), std::string::npos)
      << got.error().message;
}

TEST_P(TlsVerificationTest, InsecureSkipsVerification) {
  TransportOptions options;
  options.verify_tls = false;
  core::Expected<Exchange> got = GetFrom(options);
  ASSERT_TRUE(got.has_value()) << got.error().message;
  ASSERT_TRUE(got->response.has_value());
  EXPECT_EQ(got->response->head.status, 200);
}

TEST_P(TlsVerificationTest, CaFileIsTrusted) {
  TransportOptions options;
  options.ca_file = "PEM";
  core::Expected<Exchange> got = GetFrom(options);
  ASSERT_TRUE(got.has_value()) << got.error().message;
  ASSERT_TRUE(got->response.has_value());
  EXPECT_EQ(got->response->content, "hello");
}

TEST_P(TlsVerificationTest, TrustedCertificateForAnotherNameIsRefused) {
  // Trusted (--cacert), but not for 127.0.0.1: another name, or the address
  // written as a DNS name where it must be an iPAddress name.
  for (const char* san : {"DNS:other.example", "DNS:127.0.0.1"}) {
    TransportOptions options;
    options.ca_file = "PEM";
    core::Expected<Exchange> got = GetFrom(options, san);
    ASSERT_FALSE(got.has_value()) << san;
    EXPECT_EQ(got.error().code, "tls-verify") << san << ": " << got.error().message;
  }
}

TEST_P(TlsVerificationTest, UnreadableCaFileIsAnError) {
  TransportOptions options;
  options.ca_file = ::testing::TempDir() + "no-such-ca-file.pem";
  core::Expected<Exchange> got = GetFrom(options);
  ASSERT_FALSE(got.has_value());
  EXPECT_NE(got.error().message.find("no-such-ca-file.pem"), std::string::npos)
      << got.error().message;
}

INSTANTIATE_TEST_SUITE_P(BothTransports, TlsVerificationTest,
                         ::testing::Values(Maker{"raw", MakeRawTransport},
                                           Maker{"curl", MakeCurlTransport}),
                         [](const ::testing::TestParamInfo<Maker>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace httpconform::transport
