// End-to-end tests of the reference server: the server runs in-process on a
// free loopback port and the tests talk to it with plain POSIX sockets,
// writing exact bytes and matching the status line and fields as strings,
// so that neither the transport nor the wire module is trusted here.
#include "harness/server/reference_server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/server/semantics.h"

namespace httpconform::server {
namespace {

using Clock = std::chrono::steady_clock;

// ---- A minimal client ----

class Socket {
 public:
  explicit Socket(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return fd_ >= 0; }
  void Send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<std::size_t>(n);
    }
  }
  void HalfClose() { ::shutdown(fd_, SHUT_WR); }
  // Reads until `done(buffer)`, EOF or the timeout; sets closed_ on EOF.
  template <typename Done>
  std::string ReadUntil(Done done, int timeout_ms) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!done(buffer_) && !closed_) {
      auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) break;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left)) <= 0) continue;
      char chunk[65536];
      ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) {
        closed_ = true;
        break;
      }
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
    std::string out;
    out.swap(buffer_);
    return out;
  }
  // Everything until the server closes.
  std::string ReadAll(int timeout_ms = 3000) {
    return ReadUntil([](const std::string&) { return false; }, timeout_ms);
  }
  // Whatever arrives within `ms`.
  std::string ReadFor(int ms) {
    return ReadUntil([](const std::string&) { return false; }, ms);
  }
  // One response framed by Content-Length (or none), after any 1xx.
  std::string ReadResponse(bool head_request = false, int timeout_ms = 3000) {
    return ReadUntil(
        [head_request](const std::string& b) {
          std::size_t pos = 0;
          while (true) {
            std::size_t end = b.find("\r\n\r\n", pos);
            if (end == std::string::npos) return false;
            std::string head = b.substr(pos, end - pos);
            if (head.compare(0, 10, "HTTP/1.1 1") == 0 &&
                head.compare(0, 12, "HTTP/1.1 101") != 0) {
              pos = end + 4;
              continue;
            }
            std::size_t length = 0;
            std::size_t cl = head.find("\r\nContent-Length: ");
            if (cl != std::string::npos && !head_request) {
              length = std::stoul(head.substr(cl + 18));
            }
            return b.size() >= end + 4 + length;
          }
        },
        timeout_ms);
  }
  bool closed() const { return closed_; }
  // Whether the server closes within `ms` (reads and discards).
  bool ClosedWithin(int ms) {
    ReadFor(ms);
    return closed_;
  }

 private:
  int fd_ = -1;
  std::string buffer_;
  bool closed_ = false;
};

struct Resp {
  std::vector<int> interim;
  std::vector<std::string> interim_heads;
  std::string version;
  int status = 0;
  std::string status_line;
  std::multimap<std::string, std::string> fields;  // Lower-case names.
  std::string head;
  std::string body;  // Everything after the final head.

  bool Has(const std::string& name) const { return fields.count(Lower(name)) > 0; }
  std::string Field(const std::string& name) const {
    auto it = fields.find(Lower(name));
    return it == fields.end() ? "" : it->second;
  }
  static std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
};

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

std::string Get(const std::string& target, const std::string& extra = "",
                const std::string& method = "GET") {
  return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
}

std::unique_ptr<ReferenceServer> StartServer(std::vector<std::string> faults = {},
                                             ServerOptions options = {}) {
  options.faults = std::move(faults);
  options.idle_timeout_ms = 2000;
  auto server = ReferenceServer::Start(options);
  EXPECT_TRUE(server.has_value()) << (server ? "" : server.error().message);
  return server ? std::move(server.value()) : nullptr;
}

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = StartServer().release(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  int port() const { return server_->port(); }
  Resp Do(const std::string& request) { return RoundTrip(port(), request); }
  static ReferenceServer* server_;
};
ReferenceServer* ServerTest::server_ = nullptr;

const char* const kLastModified = "Sat, 01 Jan 2022 00:00:00 GMT";

// ---- Resources ----

TEST_F(ServerTest, UrlAndIndexLinkEveryResource) {
  EXPECT_EQ(server_->url(), "http://127.0.0.1:" + std::to_string(port()));
  Resp r = Do(Get("/"));
  EXPECT_EQ(r.status_line, "HTTP/1.1 200 OK");
  EXPECT_EQ(r.Field("Content-Type"), "text/html; charset=utf-8");
  for (const char* link : {"/static/hello.txt", "/static/data.txt", "/static/weak.txt", "/echo"}) {
    EXPECT_NE(r.body.find(std::string("href=\"") + link + "\""), std::string::npos) << link;
  }
}

TEST_F(ServerTest, HelloHasValidatorsAndCachingFields) {
  Resp r = Do(Get("/static/hello.txt"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "Hello, world!\n");
  EXPECT_EQ(r.Field("Content-Length"), "14");
  EXPECT_EQ(r.Field("ETag"), "\"hello-v1\"");
  EXPECT_EQ(r.Field("Last-Modified"), kLastModified);
  EXPECT_EQ(r.Field("Accept-Ranges"), "bytes");
  EXPECT_EQ(r.Field("Cache-Control"), "max-age=60");
  EXPECT_EQ(r.Field("Server"), "httpconform-reference");
  EXPECT_TRUE(ParseHttpDate(r.Field("Date")).has_value()) << r.Field("Date");
  std::time_t now = std::time(nullptr);
  EXPECT_LE(std::abs(static_cast<long>(*ParseHttpDate(r.Field("Date")) - now)), 5);
}

TEST_F(ServerTest, IdenticalBytesAcrossServers) {
  auto other = StartServer();
  Resp a = Do(Get("/static/data.txt"));
  Resp b = RoundTrip(other->port(), Get("/static/data.txt"));
  EXPECT_EQ(a.body.size(), 1000u);
  EXPECT_EQ(a.body, b.body);
  EXPECT_EQ(a.Field("ETag"), b.Field("ETag"));
}

TEST_F(ServerTest, HeadHasGetFieldsWithoutContent) {
  Resp get = Do(Get("/static/hello.txt"));
  Resp head = Do(Get("/static/hello.txt", "", "HEAD"));
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  for (const char* name : {"Content-Length", "ETag", "Last-Modified", "Content-Type",
                           "Accept-Ranges", "Cache-Control"}) {
    EXPECT_EQ(head.Field(name), get.Field(name)) << name;
  }
}

TEST_F(ServerTest, WeakResourceHasWeakEtag) {
  Resp r = Do(Get("/static/weak.txt"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Field("ETag"), "W/\"weak-v1\"");
}

// ---- Conditional requests ----

struct ConditionalRow {
  const char* name;
  const char* method;
  const char* target;
  const char* fields;
  int status;
};

TEST_F(ServerTest, PreconditionTableFollowsSection13_2_2) {
  const ConditionalRow rows[] = {
      {"inm match", "GET", "/static/hello.txt", "If-None-Match: \"hello-v1\"\r\n", 304},
      {"inm weak match", "GET", "/static/hello.txt", "If-None-Match: W/\"hello-v1\"\r\n", 304},
      {"inm list", "GET", "/static/hello.txt", "If-None-Match: \"a\", \"hello-v1\"\r\n", 304},
      {"inm star", "GET", "/static/hello.txt", "If-None-Match: *\r\n", 304},
      {"inm no match", "GET", "/static/hello.txt", "If-None-Match: \"other\"\r\n", 200},
      {"inm head", "HEAD", "/static/hello.txt", "If-None-Match: \"hello-v1\"\r\n", 304},
      {"ims equal", "GET", "/static/hello.txt",
       "If-Modified-Since: Sat, 01 Jan 2022 00:00:00 GMT\r\n", 304},
      {"ims later", "GET", "/static/hello.txt",
       "If-Modified-Since: Sun, 02 Jan 2022 00:00:00 GMT\r\n", 304},
      {"ims earlier", "GET", "/static/hello.txt",
       "If-Modified-Since: Fri, 31 Dec 2021 23:59:59 GMT\r\n", 200},
      {"ims rfc850", "GET", "/static/hello.txt",
       "If-Modified-Since: Saturday, 01-Jan-22 00:00:00 GMT\r\n", 304},
      {"ims asctime", "GET", "/static/hello.txt", "If-Modified-Since: Sat Jan  1 00:00:00 2022\r\n",
       304},
      {"ims invalid ignored", "GET", "/static/hello.txt", "If-Modified-Since: yesterday\r\n", 200},
      {"ims ignored with inm", "GET", "/static/hello.txt",
       "If-None-Match: \"other\"\r\nIf-Modified-Since: Sun, 02 Jan 2022 00:00:00 GMT\r\n", 200},
      {"if-match star", "GET", "/static/hello.txt", "If-Match: *\r\n", 200},
      {"if-match match", "GET", "/static/hello.txt", "If-Match: \"hello-v1\"\r\n", 200},
      {"if-match mismatch", "GET", "/static/hello.txt", "If-Match: \"other\"\r\n", 412},
      {"if-match weak is strong-compared", "GET", "/static/weak.txt", "If-Match: W/\"weak-v1\"\r\n",
       412},
      {"ius earlier", "GET", "/static/hello.txt",
       "If-Unmodified-Since: Fri, 31 Dec 2021 00:00:00 GMT\r\n", 412},
      {"ius equal", "GET", "/static/hello.txt",
       "If-Unmodified-Since: Sat, 01 Jan 2022 00:00:00 GMT\r\n", 200},
      {"ius invalid ignored", "GET", "/static/hello.txt", "If-Unmodified-Since: never\r\n", 200},
      {"ius ignored with if-match", "GET", "/static/hello.txt",
       "If-Match: \"hello-v1\"\r\nIf-Unmodified-Since: Fri, 31 Dec 2021 00:00:00 GMT\r\n", 200},
      {"if-match before inm", "GET", "/static/hello.txt",
       "If-Match: \"other\"\r\nIf-None-Match: \"hello-v1\"\r\n", 412},
      {"put if-match", "PUT", "/items/thing", "If-Match: \"thing-v1\"\r\n", 204},
      {"put if-match mismatch", "PUT", "/items/thing", "If-Match: \"old\"\r\n", 412},
      {"put inm star", "PUT", "/items/thing", "If-None-Match: *\r\n", 412},
      {"put ims ignored", "PUT", "/items/thing",
       "If-Modified-Since: Sun, 02 Jan 2022 00:00:00 GMT\r\n", 204},
      {"delete ius earlier", "DELETE", "/items/thing",
       "If-Unmodified-Since: Fri, 31 Dec 2021 00:00:00 GMT\r\n", 412},
      {"delete", "DELETE", "/items/thing", "", 204},
      {"404 stays 404", "GET", "/missing", "If-Match: \"x\"\r\n", 404},
      {"405 stays 405", "DELETE", "/static/hello.txt", "If-Match: \"x\"\r\n", 405},
      {"guarded without if-match", "PUT", "/items/guarded", "", 428},
      {"guarded match", "PUT", "/items/guarded", "If-Match: \"guarded-v1\"\r\n", 204},
      {"guarded mismatch", "PUT", "/items/guarded", "If-Match: \"old\"\r\n", 412},
  };
  for (const ConditionalRow& row : rows) {
    std::string extra = row.fields;
    if (std::string(row.method) == "PUT") extra += "Content-Length: 3\r\n";
    std::string request = Get(row.target, extra, row.method);
    if (std::string(row.method) == "PUT") request += "new";
    Resp r = Do(request);
    EXPECT_EQ(r.status, row.status) << row.name;
  }
}

TEST_F(ServerTest, NotModifiedCarriesValidatorFieldsAndNoContent) {
  Resp r = Do(Get("/static/hello.txt", "If-None-Match: \"hello-v1\"\r\n"));
  EXPECT_EQ(r.status_line, "HTTP/1.1 304 Not Modified");
  EXPECT_EQ(r.Field("ETag"), "\"hello-v1\"");
  EXPECT_EQ(r.Field("Cache-Control"), "max-age=60");
  EXPECT_TRUE(r.Has("Date"));
  EXPECT_FALSE(r.Has("Content-Length"));
  EXPECT_TRUE(r.body.empty());
}

// ---- Ranges ----

TEST_F(ServerTest, SingleRange) {
  Resp r = Do(Get("/static/hello.txt", "Range: bytes=0-4\r\n"));
  EXPECT_EQ(r.status_line, "HTTP/1.1 206 Partial Content");
  EXPECT_EQ(r.Field("Content-Range"), "bytes 0-4/14");
  EXPECT_EQ(r.body, "Hello");
  EXPECT_EQ(r.Field("Content-Length"), "5");
}

TEST_F(ServerTest, SuffixAndOpenRanges) {
  Resp suffix = Do(Get("/static/data.txt", "Range: bytes=-10\r\n"));
  EXPECT_EQ(suffix.status, 206);
  EXPECT_EQ(suffix.Field("Content-Range"), "bytes 990-999/1000");
  EXPECT_EQ(suffix.body.size(), 10u);
  Resp open = Do(Get("/static/data.txt", "Range: bytes=995-\r\n"));
  EXPECT_EQ(open.Field("Content-Range"), "bytes 995-999/1000");
  EXPECT_EQ(open.body, suffix.body.substr(5));
  Resp clipped = Do(Get("/static/hello.txt", "Range: bytes=7-100\r\n"));
  EXPECT_EQ(clipped.Field("Content-Range"), "bytes 7-13/14");
  EXPECT_EQ(clipped.body, "world!\n");
}

TEST_F(ServerTest, MultipleRangesAreMultipart) {
  Resp r = Do(Get("/static/hello.txt", "Range: bytes=0-4, 7-11\r\n"));
  EXPECT_EQ(r.status, 206);
  std::string type = r.Field("Content-Type");
  ASSERT_EQ(type.rfind("multipart/byteranges; boundary=", 0), 0u) << type;
  std::string boundary = type.substr(std::strlen("multipart/byteranges; boundary="));
  EXPECT_FALSE(r.Has("Content-Range"));
  EXPECT_EQ(r.body, "--" + boundary +
                        "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes "
                        "0-4/14\r\n\r\nHello\r\n--" +
                        boundary +
                        "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Range: bytes "
                        "7-11/14\r\n\r\nworld\r\n--" +
                        boundary + "--\r\n");
}

TEST_F(ServerTest, UnsatisfiableRangeIs416WithContentRange) {
  Resp r = Do(Get("/static/hello.txt", "Range: bytes=100-200\r\n"));
  EXPECT_EQ(r.status_line, "HTTP/1.1 416 Range Not Satisfiable");
  EXPECT_EQ(r.Field("Content-Range"), "bytes */14");
}

TEST_F(ServerTest, InvalidOrUnknownRangeIsIgnored) {
  for (const char* range : {"bytes=5-1", "bytes=abc", "items=0-4", "bytes 0-4"}) {
    Resp r = Do(Get("/static/hello.txt", std::string("Range: ") + range + "\r\n"));
    EXPECT_EQ(r.status, 200) << range;
    EXPECT_EQ(r.body, "Hello, world!\n") << range;
  }
  Resp head = Do(Get("/static/hello.txt", "Range: bytes=0-4\r\n", "HEAD"));
  EXPECT_EQ(head.status, 200);  // §14.2: range handling is defined for GET only.
}

TEST_F(ServerTest, IfRangeDecidesBetween206And200) {
  struct Row {
    const char* if_range;
    int status;
  } rows[] = {
      {"\"hello-v1\"", 206},   {"\"old\"", 200},
      {"W/\"hello-v1\"", 200},  // A weak tag never matches (§13.1.5).
      {kLastModified, 206},    {"Sun, 02 Jan 2022 00:00:00 GMT", 200},  // Exact match only.
      {"garbage", 200},
  };
  for (const Row& row : rows) {
    Resp r = Do(Get("/static/hello.txt",
                    std::string("Range: bytes=0-4\r\nIf-Range: ") + row.if_range + "\r\n"));
    EXPECT_EQ(r.status, row.status) << row.if_range;
  }
  Resp weak = Do(Get("/static/weak.txt", "Range: bytes=0-3\r\nIf-Range: W/\"weak-v1\"\r\n"));
  EXPECT_EQ(weak.status, 200);
}

// ---- Content, Expect ----

TEST_F(ServerTest, EchoReturnsContentWithItsType) {
  Resp r =
      Do("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/x-test\r\n"
         "Content-Length: 5\r\n\r\nhello");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Field("Content-Type"), "text/x-test");
  EXPECT_EQ(r.body, "hello");
}

TEST_F(ServerTest, EchoDecodesChunkedContent) {
  Resp r =
      Do("PUT /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
         "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "hello world");
}

TEST_F(ServerTest, ContinueArrivesBeforeTheContentIsSent) {
  Socket s(port());
  s.Send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
  std::string interim = s.ReadUntil(
      [](const std::string& b) { return b.find("\r\n\r\n") != std::string::npos; }, 2000);
  EXPECT_EQ(interim.substr(0, 23), "HTTP/1.1 100 Continue\r\n");
  s.Send("ping");
  Resp r = Parse(s.ReadResponse());
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ping");
}

TEST_F(ServerTest, OversizedContentGets413BeforeReading) {
  Socket s(port());
  s.Send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 1000000\r\n\r\n");
  Resp r = Parse(s.ReadResponse(false, 2000));
  EXPECT_TRUE(r.interim.empty());
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.Field("Connection"), "close");
  EXPECT_TRUE(s.ClosedWithin(2000));
}

TEST_F(ServerTest, UnknownExpectationIs417) {
  Resp r = Do("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: tea\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(r.status_line, "HTTP/1.1 417 Expectation Failed");
}

TEST_F(ServerTest, LengthRequired) {
  EXPECT_EQ(Do("POST /length-required HTTP/1.1\r\nHost: x\r\n\r\n").status, 411);
  EXPECT_EQ(Do("POST /length-required HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
               "1\r\na\r\n0\r\n\r\n")
                .status,
            411);
  EXPECT_EQ(Do("POST /length-required HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\na").status,
            200);
}

// ---- Status-code routes ----

TEST_F(ServerTest, SuccessRoutes) {
  Resp created = Do("POST /upload/ HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi");
  EXPECT_EQ(created.status_line, "HTTP/1.1 201 Created");
  EXPECT_EQ(created.Field("Location").rfind("/upload/", 0), 0u);
  EXPECT_EQ(Do(Get(created.Field("Location"))).status, 200);
  EXPECT_EQ(Do("POST /accepted HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").status, 202);
  Resp none = Do(Get("/nocontent"));
  EXPECT_EQ(none.status, 204);
  EXPECT_FALSE(none.Has("Content-Length"));
  EXPECT_FALSE(none.Has("Transfer-Encoding"));
  EXPECT_TRUE(none.body.empty());
  Resp reset = Do("POST /reset HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(reset.status, 205);
  EXPECT_EQ(reset.Field("Content-Length"), "0");
  EXPECT_TRUE(reset.body.empty());
}

TEST_F(ServerTest, ClientErrorRoutes) {
  EXPECT_EQ(Do("PUT /conflict HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").status, 409);
  EXPECT_EQ(Do(Get("/gone")).status, 410);
  EXPECT_EQ(Do(Get("/forbidden")).status, 403);
  EXPECT_EQ(Do(Get("/legal")).status_line, "HTTP/1.1 451 Unavailable For Legal Reasons");
  EXPECT_EQ(Do(Get("/teapot")).status, 404);
  EXPECT_EQ(Do(Get("/no/such/thing")).status, 404);
  Resp limited = Do(Get("/limited"));
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.Field("Retry-After"), "60");
  Resp unavailable = Do(Get("/unavailable"));
  EXPECT_EQ(unavailable.status, 503);
  EXPECT_EQ(unavailable.Field("Retry-After"), "120");
}

TEST_F(ServerTest, JsonRequiresJsonContentType) {
  EXPECT_EQ(Do("POST /json HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
               "Content-Length: 2\r\n\r\n{}")
                .status,
            415);
  EXPECT_EQ(Do("POST /json HTTP/1.1\r\nHost: x\r\nContent-Type: application/json; charset=utf-8\r\n"
               "Content-Length: 2\r\n\r\n{}")
                .status,
            200);
}

TEST_F(ServerTest, NegotiationHonoursAccept) {
  EXPECT_EQ(Do(Get("/negotiate", "Accept: application/json\r\n")).status, 406);
  EXPECT_EQ(Do(Get("/negotiate", "Accept: text/plain;q=0, */*\r\n")).status, 406);
  EXPECT_EQ(Do(Get("/negotiate", "Accept: text/*\r\n")).status, 200);
  EXPECT_EQ(Do(Get("/negotiate")).status, 200);
}

TEST_F(ServerTest, RedirectsCarryLocation) {
  for (int code : {300, 301, 302, 303, 307, 308}) {
    Resp r = Do(Get("/redirect/" + std::to_string(code)));
    EXPECT_EQ(r.status, code);
    EXPECT_EQ(r.Field("Location"), "/static/hello.txt") << code;
  }
}

TEST_F(ServerTest, StatusRoutesCarryRequiredFields) {
  EXPECT_EQ(Do(Get("/status/401")).Field("WWW-Authenticate"), "Basic realm=\"httpconform\"");
  EXPECT_TRUE(Do(Get("/status/405")).Has("Allow"));
  EXPECT_TRUE(Do(Get("/status/407")).Has("Proxy-Authenticate"));
  EXPECT_EQ(Do(Get("/status/416")).Field("Content-Range"), "bytes */1000");
  EXPECT_EQ(Do(Get("/status/426")).Field("Upgrade"), "websocket");
  EXPECT_TRUE(Do(Get("/status/503")).Has("Retry-After"));
  EXPECT_EQ(Do(Get("/status/302")).Field("Location"), "/static/hello.txt");
  Resp partial = Do(Get("/status/206"));
  EXPECT_EQ(partial.Field("Content-Range"), "bytes 0-6/100");
  EXPECT_EQ(partial.body.size(), 7u);
  Resp none = Do(Get("/status/204"));
  EXPECT_TRUE(none.body.empty());
  EXPECT_FALSE(none.Has("Content-Length"));
  EXPECT_EQ(Do(Get("/status/299")).status_line, "HTTP/1.1 299 Unknown");
  EXPECT_EQ(Do(Get("/status/199")).status, 404);
  EXPECT_EQ(Do(Get("/status/600")).status, 404);
}

TEST_F(ServerTest, BasicAuthentication) {
  Resp denied = Do(Get("/auth/basic"));
  EXPECT_EQ(denied.status, 401);
  EXPECT_EQ(denied.Field("WWW-Authenticate"), "Basic realm=\"httpconform\"");
  EXPECT_EQ(Do(Get("/auth/basic", "Authorization: Basic dXNlcjpwYXNz\r\n")).status, 200);
  EXPECT_EQ(Do(Get("/auth/basic", "Authorization: Basic d3Jvbmc6d3Jvbmc=\r\n")).status, 401);
}

TEST_F(ServerTest, AbsoluteFormForAnotherHostNeedsProxyAuth) {
  Resp proxy = Do("GET http://example.org/ HTTP/1.1\r\nHost: example.org\r\n\r\n");
  EXPECT_EQ(proxy.status, 407);
  EXPECT_TRUE(proxy.Has("Proxy-Authenticate"));
  std::string own = "127.0.0.1:" + std::to_string(port());
  Resp ours = Do("GET http://" + own + "/static/hello.txt HTTP/1.1\r\nHost: " + own + "\r\n\r\n");
  EXPECT_EQ(ours.status, 200);
  EXPECT_EQ(ours.body, "Hello, world!\n");
}

TEST_F(ServerTest, EarlyHintsPrecedeTheFinalResponse) {
  Resp r = Do(Get("/early-hints"));
  ASSERT_EQ(r.interim, std::vector<int>{103});
  EXPECT_NE(r.interim_heads[0].find("Link: </static/hello.txt>; rel=preload"), std::string::npos);
  EXPECT_EQ(r.status, 200);
}

TEST_F(ServerTest, WebSocketHandshake) {
  Socket s(port());
  s.Send(
      "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
  Resp r = Parse(s.ReadUntil(
      [](const std::string& b) { return b.find("\r\n\r\n") != std::string::npos; }, 2000));
  EXPECT_EQ(r.status_line, "HTTP/1.1 101 Switching Protocols");
  EXPECT_EQ(r.Field("Upgrade"), "websocket");
  EXPECT_EQ(r.Field("Connection"), "Upgrade");
  EXPECT_EQ(r.Field("Sec-WebSocket-Accept"), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  EXPECT_TRUE(s.ClosedWithin(3000));  // Closed after a short idle.

  Resp missing = Do(Get("/ws"));
  EXPECT_EQ(missing.status, 426);
  EXPECT_EQ(missing.Field("Upgrade"), "websocket");
  EXPECT_NE(missing.Field("Connection").find("Upgrade"), std::string::npos);
}

// ---- Methods ----

TEST_F(ServerTest, OptionsListsAllowedMethods) {
  Resp r = Do(Get("/static/hello.txt", "", "OPTIONS"));
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.Field("Allow"), "GET, HEAD, OPTIONS");
  Resp star = Do("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(star.status, 204);
  EXPECT_NE(star.Field("Allow").find("GET"), std::string::npos);
}

TEST_F(ServerTest, DisallowedAndUnknownMethods) {
  Resp trace = Do(Get("/static/hello.txt", "", "TRACE"));
  EXPECT_EQ(trace.status, 405);
  EXPECT_EQ(trace.Field("Allow"), "GET, HEAD, OPTIONS");
  Resp del = Do(Get("/static/hello.txt", "", "DELETE"));
  EXPECT_EQ(del.status, 405);
  EXPECT_TRUE(del.Has("Allow"));
  Resp post = Do("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(Do(Get("/echo")).Field("Allow"), "POST, PUT, OPTIONS");
  EXPECT_EQ(Do(Get("/", "", "FOO")).status_line, "HTTP/1.1 501 Not Implemented");
  EXPECT_EQ(Do(Get("/", "", "BREW")).status, 501);
}

// ---- Wire errors ----

TEST_F(ServerTest, WireErrorsGetTheParserStatusAndClose) {
  struct Row {
    const char* name;
    std::string request;
    int status;
  } rows[] = {
      {"malformed request line", "GET /\r\nHost: x\r\n\r\n", 400},
      {"missing host", "GET / HTTP/1.1\r\n\r\n", 400},
      {"duplicate host", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400},
      {"invalid content-length", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n",
       400},
      {"space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400},
      {"obs-fold", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n", 400},
      {"bare cr", "GET / HTTP/1.1\r\nHost: x\rX: y\r\n\r\n", 400},
      {"target too long", "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n", 414},
      {"field too large",
       "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(70000, 'b') + "\r\n\r\n", 431},
      {"unknown transfer coding",
       "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: zstd-fancy, chunked\r\n\r\n", 501},
      {"chunked not the final coding (RFC 9112 §6.3)",
       "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: zstd-fancy\r\n\r\n", 400},
      {"http/2.0", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505},
  };
  for (const Row& row : rows) {
    Socket s(port());
    s.Send(row.request);
    Resp r = Parse(s.ReadResponse());
    EXPECT_EQ(r.status, row.status) << row.name;
    EXPECT_EQ(r.Field("Connection"), "close") << row.name;
    EXPECT_TRUE(s.ClosedWithin(2000)) << row.name;
  }
}

TEST_F(ServerTest, ContentLengthWithTransferEncodingUsesTeAndCloses) {
  Socket s(port());
  s.Send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n"
      "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
  Resp r = Parse(s.ReadResponse());
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "abc");
  EXPECT_EQ(r.Field("Connection"), "close");
  EXPECT_TRUE(s.ClosedWithin(2000));
}

// ---- Connections ----

TEST_F(ServerTest, KeepAliveByDefaultAndCloseOnRequest) {
  Socket s(port());
  s.Send(Get("/static/hello.txt"));
  Resp first = Parse(s.ReadResponse());
  EXPECT_EQ(first.status, 200);
  EXPECT_FALSE(first.Has("Connection"));
  s.Send(Get("/static/hello.txt", "Connection: close\r\n"));
  Resp second = Parse(s.ReadResponse());
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.Field("Connection"), "close");
  EXPECT_TRUE(s.ClosedWithin(2000));
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  Socket s(port());
  s.Send(Get("/static/hello.txt") + Get("/nocontent") + Get("/gone", "Connection: close\r\n"));
  std::string all = s.ReadAll();
  std::size_t a = all.find("HTTP/1.1 200 OK");
  std::size_t b = all.find("HTTP/1.1 204 No Content");
  std::size_t c = all.find("HTTP/1.1 410 Gone");
  EXPECT_NE(a, std::string::npos);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_NE(c, std::string::npos);
}

TEST_F(ServerTest, Http10ClosesUnlessKeepAlive) {
  {
    Socket s(port());
    s.Send("GET /static/hello.txt HTTP/1.0\r\n\r\n");
    Resp r = Parse(s.ReadResponse());
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.Field("Connection"), "close");
    EXPECT_TRUE(s.ClosedWithin(2000));
  }
  Socket s(port());
  s.Send("GET /static/hello.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  Resp r = Parse(s.ReadResponse());
  EXPECT_EQ(r.Field("Connection"), "keep-alive");
  EXPECT_FALSE(s.ClosedWithin(300));
  s.Send("GET /static/hello.txt HTTP/1.0\r\n\r\n");
  EXPECT_EQ(Parse(s.ReadResponse()).status, 200);
}

TEST(ServerLifecycleTest, IdleConnectionsAreClosed) {
  ServerOptions options;
  options.idle_timeout_ms = 300;
  auto server = ReferenceServer::Start(options);
  ASSERT_TRUE(server.has_value());
  Socket s((*server)->port());
  EXPECT_TRUE(s.ClosedWithin(3000));
}

TEST(ServerLifecycleTest, ConnectionsBeyondTheLimitGet503) {
  ServerOptions options;
  options.max_connections = 1;
  auto server = StartServer({}, options);
  ASSERT_NE(server, nullptr);
  Socket first(server->port());
  first.Send(Get("/static/hello.txt"));
  EXPECT_EQ(Parse(first.ReadResponse()).status, 200);  // Now certainly accepted.
  Socket second(server->port());
  Resp r = Parse(second.ReadAll());
  EXPECT_EQ(r.status, 503);
  EXPECT_TRUE(r.Has("Retry-After"));
}

TEST(ServerLifecycleTest, UnknownFaultAndStopTwice) {
  ServerOptions options;
  options.faults = {"no-such-fault"};
  auto bad = ReferenceServer::Start(options);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, "usage");
  EXPECT_EQ(bad.error().message, "unknown fault \"no-such-fault\" (see --list-faults)");

  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  Socket open_connection(server->port());
  const auto start = Clock::now();
  server->Stop();
  server->Stop();
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));
  EXPECT_TRUE(open_connection.ClosedWithin(1000));
}

TEST(ServerLifecycleTest, RoutesHelpNamesRoutes) {
  std::string help = RoutesHelp();
  for (const char* route : {"/static/hello.txt", "/echo", "/ws", "/status/NNN", "/auth/basic"}) {
    EXPECT_NE(help.find(route), std::string::npos) << route;
  }
}

TEST(ServerRobustnessTest, SurvivesGarbageAndStillServes) {
  auto server = StartServer();
  ASSERT_NE(server, nullptr);
  // Deterministic pseudo-random inputs built from HTTP-ish pieces and raw
  // bytes; whatever the server answers, it must keep serving.
  const char* const kPieces[] = {"GET ",
                                 "POST ",
                                 "/echo",
                                 " HTTP/1.1",
                                 "\r\n",
                                 "\n",
                                 "\r",
                                 "Host: x",
                                 "Content-Length: ",
                                 "Transfer-Encoding: chunked",
                                 "Expect: 100-continue",
                                 "0",
                                 "ffffffffffffffffff",
                                 ":",
                                 " ",
                                 "\r\n\r\n",
                                 "\x00",
                                 "\xff",
                                 "Range: bytes=",
                                 "-",
                                 ","};
  std::uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return state >> 8;
  };
  for (int round = 0; round < 60; ++round) {
    std::string input;
    int pieces = static_cast<int>(next() % 40);
    for (int i = 0; i < pieces; ++i) {
      if (next() % 4 == 0) {
        input += static_cast<char>(next() % 256);
      } else {
        input += kPieces[next() % (sizeof kPieces / sizeof kPieces[0])];
      }
    }
    Socket s(server->port());
    s.Send(input);
    s.HalfClose();
    s.ReadAll(3000);
    EXPECT_TRUE(s.closed()) << "round " << round;
  }
  EXPECT_EQ(RoundTrip(server->port(), Get("/static/hello.txt")).status, 200);
}

TEST(ServerRobustnessTest, ChunkedContentOverTheLimitIs413) {
  ServerOptions options;
  options.max_content_bytes = 100;
  auto server = StartServer({}, options);
  ASSERT_NE(server, nullptr);
  Socket s(server->port());
  s.Send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
  for (int i = 0; i < 5; ++i) s.Send("40\r\n" + std::string(64, 'z') + "\r\n");
  Resp r = Parse(s.ReadResponse());
  EXPECT_EQ(r.status, 413);
  EXPECT_TRUE(s.ClosedWithin(2000));
}

TEST(ServerRobustnessTest, SlowHeadIsCutByTheIdleTimeout) {
  ServerOptions options;
  options.idle_timeout_ms = 300;
  auto server = ReferenceServer::Start(options);
  ASSERT_TRUE(server.has_value());
  Socket s((*server)->port());
  s.Send("GET / HTTP/1.1\r\nHost: x\r\n");  // Never finished.
  const auto start = Clock::now();
  EXPECT_TRUE(s.ClosedWithin(3000));
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));
}

// ---- Faults: each changes exactly its behaviour ----

class FaultTest : public ::testing::Test {
 protected:
  // The same request against a clean server and a faulty one.
  std::pair<Resp, Resp> Compare(const std::string& fault, const std::string& request) {
    auto clean = StartServer();
    auto faulty = StartServer({fault});
    return {RoundTrip(clean->port(), request), RoundTrip(faulty->port(), request)};
  }
};

TEST_F(FaultTest, IgnoreIfNoneMatch) {
  auto [clean, faulty] =
      Compare("ignore-if-none-match", Get("/static/hello.txt", "If-None-Match: \"hello-v1\"\r\n"));
  EXPECT_EQ(clean.status, 304);
  EXPECT_EQ(faulty.status, 200);
}

TEST_F(FaultTest, IgnoreIfModifiedSince) {
  auto [clean, faulty] = Compare(
      "ignore-if-modified-since",
      Get("/static/hello.txt", std::string("If-Modified-Since: ") + kLastModified + "\r\n"));
  EXPECT_EQ(clean.status, 304);
  EXPECT_EQ(faulty.status, 200);
}

TEST_F(FaultTest, BodyOn304) {
  auto [clean, faulty] =
      Compare("body-on-304", Get("/static/hello.txt", "If-None-Match: \"hello-v1\"\r\n"));
  EXPECT_EQ(clean.status, 304);
  EXPECT_TRUE(clean.body.empty());
  EXPECT_EQ(faulty.status, 304);
  EXPECT_EQ(faulty.body, "Hello, world!\n");
}

TEST_F(FaultTest, NotModifiedWithoutEtag) {
  auto [clean, faulty] =
      Compare("304-without-etag", Get("/static/hello.txt", "If-None-Match: \"hello-v1\"\r\n"));
  EXPECT_TRUE(clean.Has("ETag"));
  EXPECT_EQ(faulty.status, 304);
  EXPECT_FALSE(faulty.Has("ETag"));
  EXPECT_TRUE(faulty.Has("Cache-Control"));
}

TEST_F(FaultTest, IgnoreIfMatchAndWeakIfMatch) {
  std::string put =
      "PUT /items/thing HTTP/1.1\r\nHost: x\r\nIf-Match: \"old\"\r\n"
      "Content-Length: 0\r\n\r\n";
  auto [clean, faulty] = Compare("ignore-if-match", put);
  EXPECT_EQ(clean.status, 412);
  EXPECT_EQ(faulty.status, 204);
  auto [clean_weak, faulty_weak] =
      Compare("weak-if-match", Get("/static/weak.txt", "If-Match: W/\"weak-v1\"\r\n"));
  EXPECT_EQ(clean_weak.status, 412);
  EXPECT_EQ(faulty_weak.status, 200);
}

TEST_F(FaultTest, IgnorePrecedence) {
  auto [clean, faulty] = Compare(
      "ignore-precedence",
      Get("/static/hello.txt",
          "If-None-Match: \"other\"\r\nIf-Modified-Since: Sun, 02 Jan 2022 00:00:00 GMT\r\n"));
  EXPECT_EQ(clean.status, 200);
  EXPECT_EQ(faulty.status, 304);
}

TEST_F(FaultTest, PreconditionFailedForGetInm) {
  auto [clean, faulty] =
      Compare("412-for-get-inm", Get("/static/hello.txt", "If-None-Match: \"hello-v1\"\r\n"));
  EXPECT_EQ(clean.status, 304);
  EXPECT_EQ(faulty.status, 412);
}

TEST_F(FaultTest, IgnoreIfRange) {
  auto [clean, faulty] = Compare(
      "ignore-if-range", Get("/static/hello.txt", "Range: bytes=0-4\r\nIf-Range: \"old\"\r\n"));
  EXPECT_EQ(clean.status, 200);
  EXPECT_EQ(faulty.status, 206);
}

TEST_F(FaultTest, RangeFaults) {
  std::string request = Get("/static/hello.txt", "Range: bytes=0-4\r\n");
  auto [clean, no_cr] = Compare("206-without-content-range", request);
  EXPECT_EQ(clean.Field("Content-Range"), "bytes 0-4/14");
  EXPECT_EQ(no_cr.status, 206);
  EXPECT_FALSE(no_cr.Has("Content-Range"));
  auto [clean2, wrong_cr] = Compare("wrong-content-range", request);
  EXPECT_EQ(wrong_cr.Field("Content-Range"), "bytes 0-5/14");
  EXPECT_EQ(wrong_cr.body, "Hello");
  auto [clean3, wrong_content] = Compare("wrong-range-content", request);
  EXPECT_EQ(wrong_content.Field("Content-Range"), "bytes 0-4/14");
  EXPECT_EQ(wrong_content.body, "ello,");
  auto [clean4, multipart] = Compare("multipart-for-single-range", request);
  EXPECT_EQ(multipart.Field("Content-Type").rfind("multipart/byteranges", 0), 0u);
}

TEST_F(FaultTest, UnsatisfiableAndUnknownUnitFaults) {
  auto [clean, faulty] =
      Compare("416-without-content-range", Get("/static/hello.txt", "Range: bytes=50-60\r\n"));
  EXPECT_EQ(clean.Field("Content-Range"), "bytes */14");
  EXPECT_EQ(faulty.status, 416);
  EXPECT_FALSE(faulty.Has("Content-Range"));
  auto [clean_unit, faulty_unit] =
      Compare("unknown-unit-as-bytes", Get("/static/hello.txt", "Range: items=0-4\r\n"));
  EXPECT_EQ(clean_unit.status, 200);
  EXPECT_EQ(faulty_unit.status, 206);
  EXPECT_EQ(faulty_unit.body, "Hello");
  // Invalid bytes syntax may be ignored or rejected (§14.2): the fault leaves it alone.
  EXPECT_EQ(Compare("unknown-unit-as-bytes", Get("/static/hello.txt", "Range: bytes=5-1\r\n"))
                .second.status,
            200);
}

TEST_F(FaultTest, IgnoreIfRangeMatch) {
  auto [clean, faulty] =
      Compare("ignore-if-range-match",
              Get("/static/hello.txt", "Range: bytes=0-4\r\nIf-Range: \"hello-v1\"\r\n"));
  EXPECT_EQ(clean.status, 206);
  EXPECT_EQ(faulty.status, 200);
  EXPECT_EQ(faulty.body, "Hello, world!\n");
  // Without If-Range the range is still served.
  EXPECT_EQ(Compare("ignore-if-range-match", Get("/static/hello.txt", "Range: bytes=0-4\r\n"))
                .second.status,
            206);
}

TEST_F(FaultTest, MultipartWithoutBoundary) {
  auto [clean, faulty] =
      Compare("multipart-without-boundary", Get("/static/hello.txt", "Range: bytes=0-1,3-4\r\n"));
  EXPECT_NE(clean.Field("Content-Type").find("boundary="), std::string::npos);
  EXPECT_EQ(faulty.Field("Content-Type"), "multipart/byteranges");
}

TEST_F(FaultTest, No100Continue) {
  auto faulty = StartServer({"no-100-continue"});
  Socket s(faulty->port());
  s.Send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
  EXPECT_EQ(s.ReadFor(500), "");  // Nothing: it waits for the content.
  s.Send("ping");
  Resp r = Parse(s.ReadResponse());
  EXPECT_TRUE(r.interim.empty());
  EXPECT_EQ(r.body, "ping");
}

TEST_F(FaultTest, ContinueAfterFinal) {
  auto faulty = StartServer({"100-after-final"});
  Socket s(faulty->port());
  s.Send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
  EXPECT_EQ(s.ReadFor(300), "");
  s.Send("ping");
  s.HalfClose();
  std::string all = s.ReadAll();
  EXPECT_EQ(all.rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
  EXPECT_NE(all.find("pingHTTP/1.1 100 Continue\r\n"), std::string::npos);
}

TEST_F(FaultTest, WebSocketFaults) {
  std::string ws =
      "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
  auto [clean, no_upgrade] = Compare("101-without-upgrade", ws);
  EXPECT_EQ(no_upgrade.status, 101);
  EXPECT_FALSE(no_upgrade.Has("Upgrade"));
  EXPECT_EQ(no_upgrade.Field("Sec-WebSocket-Accept"), clean.Field("Sec-WebSocket-Accept"));
  auto [clean2, wrong] = Compare("wrong-websocket-accept", ws);
  EXPECT_EQ(wrong.status, 101);
  EXPECT_NE(wrong.Field("Sec-WebSocket-Accept"), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  EXPECT_EQ(wrong.Field("Upgrade"), "websocket");
  auto [clean3, no426] = Compare("426-without-upgrade", Get("/ws"));
  EXPECT_EQ(no426.status, 426);
  EXPECT_FALSE(no426.Has("Upgrade"));
}

TEST_F(FaultTest, WireFormatFaults) {
  auto [clean, lf] = Compare("lf-only", Get("/static/hello.txt"));
  EXPECT_EQ(lf.status, 200);
  EXPECT_EQ(lf.head.find('\r'), std::string::npos);
  EXPECT_EQ(lf.body, clean.body);
  auto [clean2, two] = Compare("two-digit-status", Get("/static/hello.txt"));
  EXPECT_EQ(two.status_line, "HTTP/1.1 20 OK");
  auto [clean3, no_date] = Compare("no-date", Get("/static/hello.txt"));
  EXPECT_TRUE(clean3.Has("Date"));
  EXPECT_FALSE(no_date.Has("Date"));
  EXPECT_EQ(no_date.body, clean3.body);
  auto [clean4, bad_date] = Compare("date-invalid-format", Get("/static/hello.txt"));
  EXPECT_NE(bad_date.Field("Date").find('-'), std::string::npos);
  EXPECT_TRUE(ParseHttpDate(bad_date.Field("Date")).has_value());  // Obsolete but parseable.
  auto [clean5, ctl] = Compare("reason-with-ctl", Get("/static/hello.txt"));
  EXPECT_NE(ctl.status_line.find('\x01'), std::string::npos);
  EXPECT_EQ(ctl.status, 200);
}

TEST_F(FaultTest, FramingFaults) {
  auto [clean, both] = Compare("cl-and-te", Get("/static/hello.txt"));
  EXPECT_TRUE(both.Has("Content-Length"));
  EXPECT_EQ(both.Field("Transfer-Encoding"), "chunked");
  EXPECT_FALSE(clean.Has("Transfer-Encoding"));
  auto [clean2, head] = Compare("head-with-content", Get("/static/hello.txt", "", "HEAD"));
  EXPECT_TRUE(clean2.body.empty());
  EXPECT_EQ(head.body, "Hello, world!\n");
  auto [clean3, head_fields] =
      Compare("head-different-fields", Get("/static/hello.txt", "", "HEAD"));
  EXPECT_TRUE(clean3.Has("ETag"));
  EXPECT_FALSE(head_fields.Has("ETag"));
  EXPECT_EQ(head_fields.Field("Content-Length"), "14");
  auto [clean4, with204] = Compare("content-on-204", Get("/nocontent"));
  EXPECT_TRUE(clean4.body.empty());
  EXPECT_EQ(with204.status, 204);
  EXPECT_FALSE(with204.body.empty());
  auto [clean5, cl304] = Compare("304-with-content-length-mismatch",
                                 Get("/static/hello.txt", "If-None-Match: \"hello-v1\"\r\n"));
  EXPECT_FALSE(clean5.Has("Content-Length"));
  EXPECT_EQ(cl304.Field("Content-Length"), "0");
  auto [clean6, chunked10] = Compare("chunked-to-http10", "GET /static/hello.txt HTTP/1.0\r\n\r\n");
  EXPECT_EQ(clean6.Field("Content-Length"), "14");
  EXPECT_EQ(chunked10.Field("Transfer-Encoding"), "chunked");
}

TEST_F(FaultTest, FieldRequirementFaults) {
  auto [c1, no_location] = Compare("3xx-without-location", Get("/redirect/301"));
  EXPECT_TRUE(c1.Has("Location"));
  EXPECT_EQ(no_location.status, 301);
  EXPECT_FALSE(no_location.Has("Location"));
  auto [c2, no_created_location] = Compare(
      "201-without-location", "POST /upload/ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  EXPECT_TRUE(c2.Has("Location"));
  EXPECT_EQ(no_created_location.status, 201);
  EXPECT_FALSE(no_created_location.Has("Location"));
  auto [c3, no_allow] = Compare("405-without-allow", Get("/static/hello.txt", "", "DELETE"));
  EXPECT_EQ(no_allow.status, 405);
  EXPECT_FALSE(no_allow.Has("Allow"));
  auto [c4, no_www] = Compare("401-without-www-authenticate", Get("/auth/basic"));
  EXPECT_EQ(no_www.status, 401);
  EXPECT_FALSE(no_www.Has("WWW-Authenticate"));
  auto [c5, no_proxy] = Compare("407-without-proxy-authenticate",
                                "GET http://example.org/ HTTP/1.1\r\nHost: example.org\r\n\r\n");
  EXPECT_EQ(no_proxy.status, 407);
  EXPECT_FALSE(no_proxy.Has("Proxy-Authenticate"));
  auto [c6, no_options_allow] = Compare("option-no-allow", Get("/", "", "OPTIONS"));
  EXPECT_TRUE(c6.Has("Allow"));
  EXPECT_EQ(no_options_allow.status, 204);
  EXPECT_FALSE(no_options_allow.Has("Allow"));
}

TEST_F(FaultTest, MethodFaults) {
  auto [clean, ok] = Compare("unknown-method-200", Get("/", "", "FOO"));
  EXPECT_EQ(clean.status, 501);
  EXPECT_EQ(ok.status, 200);
  auto [clean2, not_allowed] = Compare("501-as-405", Get("/", "", "FOO"));
  EXPECT_EQ(not_allowed.status, 405);
  EXPECT_EQ(Compare("501-as-405", Get("/", "", "DELETE")).second.status, 405);
}

TEST_F(FaultTest, RequestAcceptanceFaults) {
  EXPECT_EQ(Compare("accept-malformed", "GET /\r\nHost: x\r\n\r\n").second.status, 200);
  auto [clean, missing] = Compare("accept-host-missing", "GET / HTTP/1.1\r\n\r\n");
  EXPECT_EQ(clean.status, 400);
  EXPECT_EQ(missing.status, 200);
  // The fault accepts only what it names: a malformed line is still 400.
  EXPECT_EQ(Compare("accept-host-missing", "GET /\r\nHost: x\r\n\r\n").second.status, 400);
  EXPECT_EQ(Compare("accept-host-duplicate", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")
                .second.status,
            200);
  EXPECT_EQ(Compare("ignore-unknown-te",
                    "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: zstd-fancy, "
                    "chunked\r\n\r\n0\r\n\r\n")
                .second.status,
            200);
  Resp h2 = Compare("accept-http2-version", "GET / HTTP/2.0\r\nHost: x\r\n\r\n").second;
  EXPECT_EQ(h2.status_line, "HTTP/2.0 200 OK");
  EXPECT_EQ(Compare("no-414", "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n")
                .second.status,
            400);
  EXPECT_EQ(Compare("no-431",
                    "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(70000, 'b') + "\r\n\r\n")
                .second.status,
            500);
}

TEST_F(FaultTest, ConditionalEdgeFaults) {
  auto [c1, strong_inm] = Compare("strong-if-none-match",
                                  Get("/static/hello.txt", "If-None-Match: W/\"hello-v1\"\r\n"));
  EXPECT_EQ(c1.status, 304);
  EXPECT_EQ(strong_inm.status, 200);
  auto [c2, invalid_ims] =
      Compare("invalid-ims-not-ignored", Get("/static/hello.txt", "If-Modified-Since: soon\r\n"));
  EXPECT_EQ(c2.status, 200);
  EXPECT_EQ(invalid_ims.status, 304);
  auto [c3, on404] = Compare("precondition-on-404", Get("/missing", "If-Match: \"x\"\r\n"));
  EXPECT_EQ(c3.status, 404);
  EXPECT_EQ(on404.status, 412);
  auto [c4, if_range_date] = Compare(
      "if-range-date-inexact",
      Get("/static/hello.txt", "Range: bytes=0-4\r\nIf-Range: Sun, 02 Jan 2022 00:00:00 GMT\r\n"));
  EXPECT_EQ(c4.status, 200);
  EXPECT_EQ(if_range_date.status, 206);
  auto [c5, weak_if_range] = Compare(
      "weak-if-range", Get("/static/weak.txt", "Range: bytes=0-3\r\nIf-Range: W/\"weak-v1\"\r\n"));
  EXPECT_EQ(c5.status, 200);
  EXPECT_EQ(weak_if_range.status, 206);
}

TEST_F(FaultTest, KeepAliveAfterClose) {
  auto faulty = StartServer({"keep-alive-after-close"});
  Socket s(faulty->port());
  s.Send(Get("/static/hello.txt", "Connection: close\r\n"));
  Resp r = Parse(s.ReadResponse());
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(r.Has("Connection"));
  EXPECT_FALSE(s.ClosedWithin(500));
}

TEST_F(FaultTest, ClTeKeepOpen) {
  auto faulty = StartServer({"cl-te-keep-open"});
  Socket s(faulty->port());
  s.Send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n"
      "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
  Resp r = Parse(s.ReadResponse());
  EXPECT_EQ(r.body, "abc");
  EXPECT_FALSE(r.Has("Connection"));
  EXPECT_FALSE(s.ClosedWithin(500));
}

TEST_F(FaultTest, TooLargeWithoutClose) {
  auto faulty = StartServer({"413-without-close"});
  Socket s(faulty->port());
  s.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n");
  Resp r = Parse(s.ReadResponse());
  EXPECT_EQ(r.status, 413);
  EXPECT_FALSE(r.Has("Connection"));
}

TEST_F(FaultTest, WireSyntaxFieldFaults) {
  auto [c1, space] = Compare("space-before-colon", Get("/"));
  EXPECT_NE(space.head.find("\r\nServer : "), std::string::npos);
  EXPECT_EQ(c1.head.find(" :"), std::string::npos);
  auto [c2, fold] = Compare("obs-fold", Get("/"));
  EXPECT_NE(fold.head.find("\r\n reference"), std::string::npos);
  auto [c3, cl204] = Compare("content-length-on-204", Get("/nocontent"));
  EXPECT_EQ(cl204.Field("Content-Length"), "0");
  auto [c4, head_cl] =
      Compare("head-content-length-mismatch", Get("/static/hello.txt", "", "HEAD"));
  EXPECT_EQ(c4.Field("Content-Length"), "14");
  EXPECT_EQ(head_cl.Field("Content-Length"), "0");
  auto [c5, upgrade_conn] = Compare("upgrade-without-connection", Get("/ws"));
  EXPECT_EQ(upgrade_conn.status, 426);
  EXPECT_TRUE(upgrade_conn.Has("Upgrade"));
  EXPECT_EQ(upgrade_conn.Field("Connection").find("Upgrade"), std::string::npos);
  auto [c6, ims_put] = Compare("ims-on-put",
                               "PUT /items/thing HTTP/1.1\r\nHost: x\r\nIf-Modified-Since: Sun, 02 "
                               "Jan 2022 00:00:00 GMT\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(c6.status, 204);
  EXPECT_EQ(ims_put.status, 304);
  auto [c7, multipart_cr] = Compare("multipart-without-content-range",
                                    Get("/static/hello.txt", "Range: bytes=0-1,3-4\r\n"));
  EXPECT_NE(c7.body.find("Content-Range: bytes 0-1/14"), std::string::npos);
  EXPECT_EQ(multipart_cr.body.find("Content-Range"), std::string::npos);
  EXPECT_EQ(multipart_cr.status, 206);
  auto [c8, ius] =
      Compare("ignore-if-unmodified-since",
              "DELETE /items/thing HTTP/1.1\r\nHost: x\r\nIf-Unmodified-Since: Fri, 31 "
              "Dec 2021 00:00:00 GMT\r\n\r\n");
  EXPECT_EQ(c8.status, 412);
  EXPECT_EQ(ius.status, 204);
}

}  // namespace
}  // namespace httpconform::server
