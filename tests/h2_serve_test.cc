// The reference server over HTTP/2, checked at the level of what goes over
// the connection: a small nghttp2 client of its own (HTTP messaging checks
// off, names sent as given) records every header block exactly as decoded,
// the DATA lengths and RST_STREAM codes, over h2c with prior knowledge and
// over TLS with ALPN h2 (a self-signed certificate made at start). The
// client is here rather than the project's HTTP/2 session because that one
// sends well-formed requests only, and the malformed ones are the point of
// half of these tests. Servers run on 127.0.0.1, in process.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <nghttp2/nghttp2.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "harness/core/message.h"
#include "harness/server/reference_server.h"

namespace httpconform {
namespace {

struct Block {
  int32_t stream = 0;
  core::Fields fields;
};

class MiniH2Client {
 public:
  ~MiniH2Client() {
    if (session_) nghttp2_session_del(session_);
    if (ssl_) SSL_free(ssl_);
    if (ctx_) SSL_CTX_free(ctx_);
    if (fd_ >= 0) close(fd_);
  }

  // Connects to 127.0.0.1:port; with `tls`, handshakes offering only "h2".
  bool Connect(int port, bool tls) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return false;
    timeval tv{0, 200 * 1000};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (tls) {
      ctx_ = SSL_CTX_new(TLS_client_method());
      static const unsigned char kAlpn[] = {2, 'h', '2'};
      SSL_CTX_set_alpn_protos(ctx_, kAlpn, sizeof kAlpn);
      ssl_ = SSL_new(ctx_);
      SSL_set_fd(ssl_, fd_);
      if (SSL_connect(ssl_) != 1) return false;
      const unsigned char* proto = nullptr;
      unsigned int len = 0;
      SSL_get0_alpn_selected(ssl_, &proto, &len);
      alpn_.assign(reinterpret_cast<const char*>(proto), len);
    }
    nghttp2_session_callbacks* cb = nullptr;
    nghttp2_session_callbacks_new(&cb);
    nghttp2_session_callbacks_set_on_header_callback(cb, OnHeader);
    nghttp2_session_callbacks_set_on_frame_recv_callback(cb, OnFrame);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(cb, OnData);
    nghttp2_session_callbacks_set_on_stream_close_callback(cb, OnClose);
    nghttp2_option* opt = nullptr;
    nghttp2_option_new(&opt);
    nghttp2_option_set_no_http_messaging(opt, 1);
    nghttp2_session_client_new2(&session_, cb, this, opt);
    nghttp2_option_del(opt);
    nghttp2_session_callbacks_del(cb);
    nghttp2_submit_settings(session_, NGHTTP2_FLAG_NONE, nullptr, 0);
    return true;
  }

  // Opens a stream with `fields` sent as given (names not lowercased).
  int32_t Submit(const core::Fields& fields, bool end_stream) {
    for (const core::Field& f : fields) kept_.push_back(f);
    std::vector<nghttp2_nv> nv;
    for (std::size_t i = kept_.size() - fields.size(); i < kept_.size(); ++i) {
      nv.push_back({reinterpret_cast<uint8_t*>(kept_[i].name.data()),
                    reinterpret_cast<uint8_t*>(kept_[i].value.data()), kept_[i].name.size(),
                    kept_[i].value.size(), NGHTTP2_NV_FLAG_NO_COPY_NAME});
    }
    return nghttp2_submit_headers(session_, end_stream ? NGHTTP2_FLAG_END_STREAM : 0, -1, nullptr,
                                  nv.data(), nv.size(), nullptr);
  }

  // Sends `body` on `stream` and ends it.
  void SendData(int32_t stream, const std::string& body) {
    body_ = body;
    nghttp2_data_provider p;
    p.source.ptr = this;
    p.read_callback = [](nghttp2_session*, int32_t, uint8_t* buf, size_t length, uint32_t* flags,
                         nghttp2_data_source* src, void*) -> ssize_t {
      auto* self = static_cast<MiniH2Client*>(src->ptr);
      const size_t n = std::min(length, self->body_.size());
      std::memcpy(buf, self->body_.data(), n);
      self->body_.erase(0, n);
      if (self->body_.empty()) *flags |= NGHTTP2_DATA_FLAG_EOF;
      return static_cast<ssize_t>(n);
    };
    nghttp2_submit_data(session_, NGHTTP2_FLAG_END_STREAM, stream, &p);
  }

  // Exchanges frames until `done()` or 3 s pass.
  template <typename Done>
  bool Pump(Done done) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (std::chrono::steady_clock::now() < until) {
      const uint8_t* out = nullptr;
      ssize_t n;
      while ((n = nghttp2_session_mem_send(session_, &out)) > 0) {
        if (ssl_ ? SSL_write(ssl_, out, static_cast<int>(n)) <= 0
                 : send(fd_, out, static_cast<size_t>(n), MSG_NOSIGNAL) != n) {
          return false;
        }
      }
      if (done()) return true;
      char buf[16384];
      const ssize_t r = ssl_ ? SSL_read(ssl_, buf, sizeof buf) : recv(fd_, buf, sizeof buf, 0);
      if (r == 0) return done();
      if (r > 0) nghttp2_session_mem_recv(session_, reinterpret_cast<uint8_t*>(buf), r);
    }
    return done();
  }

  std::vector<Block> blocks;
  std::map<int32_t, std::size_t> data_length;
  std::map<int32_t, uint32_t> closed;  // Stream -> error code it closed with.
  std::string alpn_;

 private:
  static int OnHeader(nghttp2_session*, const nghttp2_frame* frame, const uint8_t* name,
                      size_t namelen, const uint8_t* value, size_t valuelen, uint8_t, void* u) {
    auto* self = static_cast<MiniH2Client*>(u);
    self->current_[frame->hd.stream_id].push_back(
        {std::string(reinterpret_cast<const char*>(name), namelen),
         std::string(reinterpret_cast<const char*>(value), valuelen)});
    return 0;
  }
  static int OnFrame(nghttp2_session*, const nghttp2_frame* frame, void* u) {
    auto* self = static_cast<MiniH2Client*>(u);
    if (frame->hd.type == NGHTTP2_HEADERS) {
      self->blocks.push_back({frame->hd.stream_id, self->current_[frame->hd.stream_id]});
      self->current_.erase(frame->hd.stream_id);
    }
    return 0;
  }
  static int OnData(nghttp2_session*, uint8_t, int32_t stream, const uint8_t*, size_t len,
                    void* u) {
    static_cast<MiniH2Client*>(u)->data_length[stream] += len;
    return 0;
  }
  static int OnClose(nghttp2_session*, int32_t stream, uint32_t code, void* u) {
    static_cast<MiniH2Client*>(u)->closed[stream] = code;
    return 0;
  }

  int fd_ = -1;
  SSL_CTX* ctx_ = nullptr;
  SSL* ssl_ = nullptr;
  nghttp2_session* session_ = nullptr;
  std::map<int32_t, core::Fields> current_;
  std::deque<core::Field> kept_;  // Names sent uncopied: they must not move.
  std::string body_;
};

core::Fields Get(const std::string& method, const std::string& path) {
  return {{":method", method}, {":scheme", "http"}, {":authority", "127.0.0.1"}, {":path", path}};
}

std::vector<Block> BlocksOf(const MiniH2Client& c, int32_t stream) {
  std::vector<Block> out;
  for (const Block& b : c.blocks) {
    if (b.stream == stream) out.push_back(b);
  }
  return out;
}

// RFC 9113 §8.2, §8.2.2, §8.3, §8.1.1 on one final block and its DATA.
void ExpectWellFormed(const Block& block, std::size_t data_length, bool head) {
  ASSERT_FALSE(block.fields.empty());
  EXPECT_EQ(block.fields[0].name, ":status");
  int statuses = 0;
  for (const core::Field& f : block.fields) {
    statuses += f.name == ":status";
    for (char c : f.name) EXPECT_FALSE(c >= 'A' && c <= 'Z') << f.name;
    for (const char* banned :
         {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"}) {
      EXPECT_NE(f.name, banned);
    }
    if (f.name == "content-length" && !head) EXPECT_EQ(f.value, std::to_string(data_length));
  }
  EXPECT_EQ(statuses, 1);
}

class H2ServeTest : public ::testing::TestWithParam<bool> {
 protected:
  void Start(std::vector<std::string> faults = {}) {
    server::ServerOptions options;
    options.faults = std::move(faults);
    options.tls_self_signed = GetParam();
    auto srv = server::ReferenceServer::Start(options);
    ASSERT_TRUE(srv) << srv.error().message;
    server_ = std::move(*srv);
    client_ = std::make_unique<MiniH2Client>();
    ASSERT_TRUE(client_->Connect(server_->port(), GetParam()));
    if (GetParam()) EXPECT_EQ(client_->alpn_, "h2");
  }
  std::unique_ptr<server::ReferenceServer> server_;
  std::unique_ptr<MiniH2Client> client_;
};

TEST_P(H2ServeTest, ResponsesAreWellFormedHttp2) {
  Start();
  const int32_t get = client_->Submit(Get("GET", "/static/hello.txt"), true);
  const int32_t head = client_->Submit(Get("HEAD", "/static/hello.txt"), true);
  const int32_t missing = client_->Submit(Get("GET", "/no-such-thing"), true);
  ASSERT_TRUE(client_->Pump([&] { return client_->closed.size() == 3; }));
  for (int32_t id : {get, head, missing}) {
    SCOPED_TRACE(id);
    std::vector<Block> blocks = BlocksOf(*client_, id);
    ASSERT_EQ(blocks.size(), 1u);
    EXPECT_EQ(client_->closed[id], NGHTTP2_NO_ERROR);
    ExpectWellFormed(blocks[0], client_->data_length[id], id == head);
  }
  EXPECT_EQ(BlocksOf(*client_, get)[0].fields[0].value, "200");
  EXPECT_EQ(client_->data_length[get], 14u);  // "Hello, world!\n"
  EXPECT_EQ(client_->data_length[head], 0u);  // RFC 9110 §9.3.2: no content for HEAD.
  EXPECT_EQ(BlocksOf(*client_, missing)[0].fields[0].value, "404");
}

TEST_P(H2ServeTest, ExpectContinueGets100BeforeTheContentIsSent) {
  Start();
  core::Fields fields = Get("POST", "/echo");
  fields.push_back({"expect", "100-continue"});
  fields.push_back({"content-length", "5"});
  const int32_t id = client_->Submit(fields, false);
  ASSERT_TRUE(client_->Pump([&] { return !BlocksOf(*client_, id).empty(); }));
  EXPECT_EQ(BlocksOf(*client_, id)[0].fields[0].value, "100");
  client_->SendData(id, "hello");
  ASSERT_TRUE(client_->Pump([&] { return client_->closed.count(id) > 0; }));
  std::vector<Block> blocks = BlocksOf(*client_, id);
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[1].fields[0].value, "200");
  EXPECT_EQ(client_->data_length[id], 5u);
}

// RFC 9113 §8.1.1, §8.2, §8.2.2, §8.3.1: malformed requests are stream
// errors; the fault routes them.
TEST_P(H2ServeTest, MalformedRequestsAreResetAndTheFaultRoutesThem) {
  for (bool fault : {false, true}) {
    SCOPED_TRACE(fault ? "h2-malformed-request-accepted" : "clean");
    server_.reset();
    Start(fault ? std::vector<std::string>{"h2-malformed-request-accepted"}
                : std::vector<std::string>{});
    std::vector<core::Fields> requests;
    requests.push_back(Get("GET", "/static/hello.txt"));
    requests.back().push_back({"X-Upper", "1"});
    requests.push_back(Get("GET", "/static/hello.txt"));
    requests.back().push_back({"connection", "keep-alive"});
    requests.push_back(Get("GET", "/static/hello.txt"));
    requests.back().push_back({"te", "gzip"});
    requests.push_back({{":method", "GET"}, {":scheme", "http"}, {":authority", "127.0.0.1"}});
    std::vector<int32_t> ids;
    for (const core::Fields& r : requests) ids.push_back(client_->Submit(r, true));
    ASSERT_TRUE(client_->Pump([&] { return client_->closed.size() == ids.size(); }));
    for (int32_t id : ids) {
      SCOPED_TRACE(id);
      if (fault) {
        ASSERT_EQ(BlocksOf(*client_, id).size(), 1u);
        EXPECT_EQ(BlocksOf(*client_, id)[0].fields[0].value, "200");
      } else {
        EXPECT_TRUE(BlocksOf(*client_, id).empty());
        EXPECT_EQ(client_->closed[id], NGHTTP2_PROTOCOL_ERROR);
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(CleartextAndTls, H2ServeTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "TlsAlpnH2" : "H2cPriorKnowledge";
                         });

}  // namespace
}  // namespace httpconform
