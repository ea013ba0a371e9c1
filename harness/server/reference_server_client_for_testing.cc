// The minimal client of the reference server's tests
// (reference_server_client_for_testing.h).
#include "harness/server/reference_server_client_for_testing.h"

namespace httpconform::server::test_client {

Resp Parse(const std::string& raw) {
  Resp r;
  std::size_t pos = 0;
  while (pos < raw.size()) {
    std::size_t end = raw.find("\r\n\r\n", pos);
    std::size_t sep = 4;
    if (end == std::string::npos) {
      end = raw.find("\n\n", pos);
      sep = 2;
    }
    if (end == std::string::npos) break;
    std::string head = raw.substr(pos, end - pos);
    std::size_t sp1 = head.find(' ');
    int status = sp1 == std::string::npos ? 0 : std::atoi(head.c_str() + sp1 + 1);
    if (status >= 100 && status < 200 && status != 101) {
      r.interim.push_back(status);
      r.interim_heads.push_back(head);
      pos = end + sep;
      continue;
    }
    r.head = head;
    r.status = status;
    r.version = head.substr(0, sp1);
    r.status_line = head.substr(0, head.find('\n'));
    if (!r.status_line.empty() && r.status_line.back() == '\r') r.status_line.pop_back();
    std::size_t line_start = head.find('\n');
    while (line_start != std::string::npos) {
      std::size_t next = head.find('\n', line_start + 1);
      std::string line = head.substr(
          line_start + 1, next == std::string::npos ? std::string::npos : next - line_start - 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::string value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.erase(0, 1);
        r.fields.emplace(Resp::Lower(line.substr(0, colon)), value);
      }
      line_start = next;
    }
    r.body = raw.substr(end + sep);
    break;
  }
  return r;
}

// Sends `request`, half-closes and reads until the server closes.
Resp RoundTrip(int port, const std::string& request) {
  Socket s(port);
  EXPECT_TRUE(s.ok());
  s.Send(request);
  s.HalfClose();
  return Parse(s.ReadAll());
}

std::string Get(const std::string& target, const std::string& extra, const std::string& method) {
  return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
}

std::unique_ptr<ReferenceServer> StartServer(std::vector<std::string> faults,
                                             ServerOptions options) {
  options.faults = std::move(faults);
  options.idle_timeout_ms = 2000;
  auto server = ReferenceServer::Start(options);
  EXPECT_TRUE(server.has_value()) << (server ? "" : server.error().message);
  return server ? std::move(server.value()) : nullptr;
}

ReferenceServer* ServerTest::server_ = nullptr;

}  // namespace httpconform::server::test_client
