// Shared by the raw transport's tests (test-only): a session to a loopback
// server, the requests the tests send, and the status of what came back.
#ifndef HTTPCONFORM_TRANSPORT_RAW_TRANSPORT_TEST_SUPPORT_H_
#define HTTPCONFORM_TRANSPORT_RAW_TRANSPORT_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "harness/transport/loopback_server_for_testing.h"
#include "harness/transport/raw_transport.h"

namespace httpconform::transport::testing {

inline constexpr char kOk[] = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

inline std::unique_ptr<Session> Open(const LoopbackServer& server, TransportOptions options = {}) {
  core::Expected<Target> target = ParseTarget(server.url());
  EXPECT_TRUE(target.has_value());
  // A raw session owns its connection: it may outlive the transport.
  return MakeRawTransport(*target, options)->OpenSession();
}

inline OutgoingRequest Get(const std::string& target, bool reuse = false) {
  OutgoingRequest request;
  request.method = "GET";
  request.target = target;
  request.headers = {{"Host", "127.0.0.1"}};
  request.reuse_connection = reuse;
  request.timeout_ms = 3000;
  return request;
}

inline OutgoingRequest Raw(std::vector<core::RawSegment> segments, bool reuse = false) {
  OutgoingRequest request;
  request.raw = true;
  request.segments = std::move(segments);
  request.reuse_connection = reuse;
  request.timeout_ms = 3000;
  return request;
}

inline int Status(const Exchange& exchange) {
  return exchange.response ? exchange.response->head.status : -1;
}

}  // namespace httpconform::transport::testing

#endif  // HTTPCONFORM_TRANSPORT_RAW_TRANSPORT_TEST_SUPPORT_H_
