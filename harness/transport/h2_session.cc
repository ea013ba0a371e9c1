// The HTTP/2 session; see h2_session.h for the design.
#include "harness/transport/h2_session.h"

#include <nghttp2/nghttp2.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "harness/core/content_budget.h"
#include "harness/transport/tls.h"
#include "harness/wire/h2_response_check.h"

namespace httpconform::transport {
namespace {

constexpr std::size_t kReadChunk = 16 * 1024;

void AppendCapped(std::string* record, std::string_view bytes, std::size_t cap) {
  if (record->size() >= cap) return;
  record->append(bytes.substr(0, cap - record->size()));
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// RFC 9113 §8.2.2: what an HTTP/2 client must not send (TE only as "trailers").
bool NotForH2(const core::Field& field) {
  const std::string name = Lower(field.name);
  if (name == "te") return Lower(field.value) != "trailers";
  return name == "connection" || name == "keep-alive" || name == "proxy-connection" ||
         name == "transfer-encoding" || name == "upgrade";
}

// Why `request` asks about HTTP/1.1 itself and has no HTTP/2 form.
std::optional<std::string> Http1Only(const OutgoingRequest& request) {
  if (request.half_close) {
    return std::string("it half-closes the connection, HTTP/1.1 connection management");
  }
  if (request.probe_close_ms > 0) {
    return std::string(
        "it asks whether the server closes the connection, HTTP/1.1 connection management "
        "(RFC 9112 §9)");
  }
  for (const core::Field& field : request.headers) {
    if (NotForH2(field)) {
      return "it sends " + field.name +
             ", a connection-specific field that HTTP/2 does not carry (RFC 9113 §8.2.2)";
    }
  }
  return std::nullopt;
}

std::string CodeName(std::uint32_t code) {
  return std::string(nghttp2_http2_strerror(code)) + " (" + std::to_string(code) + ")";
}

std::string_view View(nghttp2_rcbuf* buf) {
  const nghttp2_vec v = nghttp2_rcbuf_get_buf(buf);
  return {reinterpret_cast<const char*>(v.base), v.len};
}

// What one stream received, filled by nghttp2's callbacks.
struct StreamState {
  std::int32_t id = -1;
  std::vector<core::Fields> interim;
  std::optional<core::Fields> head;
  core::Fields trailers;
  core::Fields block;  // The block being received.
  std::size_t header_bytes = 0;
  std::string content;
  std::uint64_t data_length = 0;
  std::shared_ptr<core::ContentLease> lease;
  bool end_stream = false;
  std::optional<std::uint32_t> rst_code;
  std::string limit_error;  // A cap cancelled the stream.
  // Request content.
  std::string_view body;
  bool body_held = false;  // 100-continue: content waits.
  bool body_done = false;
  // A header block (100 or final) arrived while content was still unsent:
  // what Exchange::response_before_content says over HTTP/1.1 too.
  bool answered_before_content = false;
};

class H2Session : public Session {
 public:
  H2Session(const Target& target, const TransportOptions& options, Connector connect)
      : target_(target), options_(options), connect_(std::move(connect)) {}
  ~H2Session() override { Drop(); }

  core::Expected<Exchange> Send(const OutgoingRequest& request) override;

 private:
  core::Expected<void> Open(Deadline deadline);
  void Drop() {
    if (session_) nghttp2_session_del(session_);
    session_ = nullptr;
    if (connection_) connection_->Close();
    connection_.reset();
    goaway_code_.reset();
  }
  bool PrefaceOk(const std::string& bytes, Exchange* exchange);
  // Writes what nghttp2 has queued; false when the connection failed.
  bool Flush(Deadline deadline, Exchange* exchange);
  std::int32_t Submit(const OutgoingRequest& request, Exchange* exchange);
  void Finish(const OutgoingRequest& request, Exchange* exchange);
  void EndBlock(bool end_stream);

  // nghttp2 callbacks.
  static int OnBeginHeaders(nghttp2_session*, const nghttp2_frame* frame, void* user);
  static int OnHeader(nghttp2_session*, const nghttp2_frame* frame, nghttp2_rcbuf* name,
                      nghttp2_rcbuf* value, std::uint8_t, void* user);
  static int OnFrameRecv(nghttp2_session*, const nghttp2_frame* frame, void* user);
  static int OnData(nghttp2_session*, std::uint8_t, std::int32_t stream, const std::uint8_t* data,
                    std::size_t len, void* user);
  static int OnError(nghttp2_session*, int, const char* message, std::size_t length, void* user) {
    static_cast<H2Session*>(user)->last_error_.assign(message, length);
    return 0;
  }
  static ssize_t ReadBody(nghttp2_session*, std::int32_t, std::uint8_t* buf, std::size_t length,
                          std::uint32_t* flags, nghttp2_data_source*, void* user);

  Target target_;
  TransportOptions options_;
  Connector connect_;
  std::unique_ptr<Connection> connection_;
  nghttp2_session* session_ = nullptr;
  std::optional<std::uint32_t> goaway_code_;
  std::int32_t goaway_last_stream_ = 0;
  StreamState stream_;
  std::string* received_ = nullptr;  // The record of the exchange in progress.
  std::string last_error_;
  bool preface_checked_ = false;    // The server's first frame was looked at.
  std::string server_first_bytes_;  // Up to its 9-byte header.           // nghttp2's word on the
                                    // last connection error.
};

// RFC 9113 §3.4: the server's first frame is SETTINGS, on stream 0, no
// ACK. Anything else (an HTTP/1.1 status line, a TLS alert) is not an HTTP/2
// server, and saying so beats nghttp2 waiting for a 4 MB "frame".
bool H2Session::PrefaceOk(const std::string& bytes, Exchange* exchange) {
  if (preface_checked_) return true;
  server_first_bytes_.append(
      bytes.substr(0, 9 - std::min<std::size_t>(9, server_first_bytes_.size())));
  if (server_first_bytes_.size() < 9) return true;
  preface_checked_ = true;
  const auto byte = [&](std::size_t i) {
    return static_cast<unsigned char>(server_first_bytes_[i]);
  };
  if (byte(3) == NGHTTP2_SETTINGS && (byte(4) & NGHTTP2_FLAG_ACK) == 0 && byte(5) == 0 &&
      byte(6) == 0 && byte(7) == 0 && byte(8) == 0) {
    return true;
  }
  std::string shown;
  for (char c : server_first_bytes_) shown += (c >= 0x20 && c < 0x7f) ? c : '.';
  exchange->error = "HTTP/2 protocol error from the server: its first bytes (\"" + shown +
                    "\") are not a SETTINGS frame (RFC 9113 §3.4)";
  return false;
}

core::Expected<void> H2Session::Open(Deadline deadline) {
  core::Expected<std::unique_ptr<Connection>> made = connect_(deadline);
  if (!made) return made.error();
  connection_ = std::move(*made);
  preface_checked_ = false;
  server_first_bytes_.clear();
  if (target_.scheme == "https" && connection_->alpn_protocol() != "h2") {
    const std::string chose = connection_->alpn_protocol();
    Drop();
    return core::MakeError("h2", HostPort(target_.host, target_.port) +
                                     " did not select h2 by TLS ALPN (" +
                                     (chose.empty() ? "it chose none" : "it chose " + chose) + ")");
  }
  nghttp2_session_callbacks* callbacks = nullptr;
  nghttp2_session_callbacks_new(&callbacks);
  nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, &OnBeginHeaders);
  nghttp2_session_callbacks_set_on_header_callback2(callbacks, &OnHeader);
  nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, &OnFrameRecv);
  nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, &OnData);
  nghttp2_session_callbacks_set_error_callback2(callbacks, &OnError);
  nghttp2_option* option = nullptr;
  nghttp2_option_new(&option);
  // The header list exactly as received: see the file comment of h2_session.h.
  nghttp2_option_set_no_http_messaging(option, 1);
  const int rv = nghttp2_session_client_new2(&session_, callbacks, this, option);
  nghttp2_option_del(option);
  nghttp2_session_callbacks_del(callbacks);
  if (rv != 0) {
    session_ = nullptr;
    Drop();
    return core::MakeError("h2",
                           std::string("cannot start an HTTP/2 session: ") + nghttp2_strerror(rv));
  }
  // No server push; announce the header list cap we apply anyway.
  const nghttp2_settings_entry settings[] = {
      {NGHTTP2_SETTINGS_ENABLE_PUSH, 0},
      {NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE, static_cast<std::uint32_t>(kMaxHeaderListBytes)},
  };
  nghttp2_submit_settings(session_, NGHTTP2_FLAG_NONE, settings, 2);
  return {};
}

int H2Session::OnBeginHeaders(nghttp2_session*, const nghttp2_frame* frame, void* user) {
  auto* self = static_cast<H2Session*>(user);
  if (frame->hd.stream_id == self->stream_.id) self->stream_.block.clear();
  return 0;
}

int H2Session::OnHeader(nghttp2_session* session, const nghttp2_frame* frame, nghttp2_rcbuf* name,
                        nghttp2_rcbuf* value, std::uint8_t, void* user) {
  auto* self = static_cast<H2Session*>(user);
  StreamState& s = self->stream_;
  if (frame->hd.stream_id != s.id || !s.limit_error.empty()) return 0;
  const std::string_view n = View(name);
  const std::string_view v = View(value);
  s.header_bytes += n.size() + v.size() + 32;
  if (s.header_bytes > kMaxHeaderListBytes) {
    s.limit_error = "header blocks over " + std::to_string(kMaxHeaderListBytes) + " bytes";
    nghttp2_submit_rst_stream(session, NGHTTP2_FLAG_NONE, s.id, NGHTTP2_CANCEL);
    return 0;
  }
  s.block.push_back({std::string(n), std::string(v)});
  return 0;
}

void H2Session::EndBlock(bool end_stream) {
  StreamState& s = stream_;
  std::string text;
  for (const core::Field& f : s.block) text += f.name + ": " + f.value + "\r\n";
  AppendCapped(received_, text + "\r\n", options_.max_record_bytes);
  if (s.head) {
    s.trailers = std::move(s.block);
  } else {
    const std::optional<int> status = wire::H2Status(s.block);
    if (status && *status >= 100 && *status < 200 && !end_stream) {
      s.interim.push_back(std::move(s.block));
    } else {
      s.head = std::move(s.block);
    }
  }
  s.block.clear();
}

int H2Session::OnFrameRecv(nghttp2_session* session, const nghttp2_frame* frame, void* user) {
  auto* self = static_cast<H2Session*>(user);
  StreamState& s = self->stream_;
  switch (frame->hd.type) {
    case NGHTTP2_GOAWAY:
      self->goaway_code_ = frame->goaway.error_code;
      self->goaway_last_stream_ = frame->goaway.last_stream_id;
      return 0;
    case NGHTTP2_RST_STREAM:
      if (frame->hd.stream_id == s.id) s.rst_code = frame->rst_stream.error_code;
      return 0;
    case NGHTTP2_HEADERS:
      if (frame->hd.stream_id != s.id || !s.limit_error.empty()) return 0;
      self->EndBlock((frame->hd.flags & NGHTTP2_FLAG_END_STREAM) != 0);
      if (!s.body_done) s.answered_before_content = true;
      if (s.interim.size() > kMaxInterimBlocks) {
        s.limit_error = "more than " + std::to_string(kMaxInterimBlocks) + " interim responses";
        nghttp2_submit_rst_stream(session, NGHTTP2_FLAG_NONE, s.id, NGHTTP2_CANCEL);
        return 0;
      }
      // 100 (Continue) releases content held back; a final response before
      // it means the content is not sent (RFC 9110 §10.1.1), as over HTTP/1.1.
      if (s.body_held && !s.interim.empty() && !s.head && wire::H2Status(s.interim.back()) == 100) {
        s.body_held = false;
        nghttp2_session_resume_data(session, s.id);
      }
      break;
    case NGHTTP2_DATA:
      break;
    default:
      return 0;
  }
  if (frame->hd.stream_id == s.id && (frame->hd.flags & NGHTTP2_FLAG_END_STREAM)) {
    s.end_stream = true;
  }
  return 0;
}

int H2Session::OnData(nghttp2_session*, std::uint8_t, std::int32_t stream, const std::uint8_t* data,
                      std::size_t len, void* user) {
  auto* self = static_cast<H2Session*>(user);
  StreamState& s = self->stream_;
  if (stream != s.id) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data), len);
  s.data_length += len;
  AppendCapped(self->received_, bytes, self->options_.max_record_bytes);
  core::ContentLease unbudgeted;
  core::AppendLeased(&s.content, bytes, self->options_.max_content_bytes,
                     s.lease ? s.lease.get() : &unbudgeted);
  return 0;
}

ssize_t H2Session::ReadBody(nghttp2_session*, std::int32_t, std::uint8_t* buf, std::size_t length,
                            std::uint32_t* flags, nghttp2_data_source*, void* user) {
  StreamState& s = static_cast<H2Session*>(user)->stream_;
  if (s.body_held) return NGHTTP2_ERR_DEFERRED;
  const std::size_t n = std::min(length, s.body.size());
  std::memcpy(buf, s.body.data(), n);
  s.body.remove_prefix(n);
  if (s.body.empty()) {
    *flags |= NGHTTP2_DATA_FLAG_EOF;
    s.body_done = true;
  }
  return static_cast<ssize_t>(n);
}

bool H2Session::Flush(Deadline deadline, Exchange* exchange) {
  while (true) {
    const std::uint8_t* data = nullptr;
    const ssize_t n = nghttp2_session_mem_send(session_, &data);
    if (n < 0) {
      exchange->error =
          std::string("HTTP/2 session error: ") + nghttp2_strerror(static_cast<int>(n));
      return false;
    }
    if (n == 0) return true;
    std::size_t written = 0;
    const Io io = connection_->WriteAll(
        std::string_view(reinterpret_cast<const char*>(data), static_cast<std::size_t>(n)),
        deadline, &written);
    if (io == Io::kTimeout) {
      exchange->timed_out = true;
      exchange->error = "timed out writing to the server";
      return false;
    }
    if (io != Io::kOk) {
      exchange->connection_closed = true;
      exchange->reset = io == Io::kReset;
      exchange->error = "the server closed the connection while we were writing";
      return false;
    }
  }
}

std::int32_t H2Session::Submit(const OutgoingRequest& request, Exchange* exchange) {
  std::string authority = target_.authority;
  if (const core::Field* host = core::FindField(request.headers, "host")) authority = host->value;
  std::vector<core::Field> fields = {{":method", request.method},
                                     {":scheme", target_.scheme},
                                     {":authority", authority},
                                     {":path", request.target}};
  for (const core::Field& field : request.headers) {
    if (core::EqualsIgnoreCase(field.name, "host")) continue;  // Sent as :authority.
    fields.push_back({Lower(field.name), field.value});
  }
  std::vector<nghttp2_nv> nva;
  std::string record;
  for (core::Field& f : fields) {
    record += f.name + ": " + f.value + "\r\n";
    nva.push_back({reinterpret_cast<std::uint8_t*>(f.name.data()),
                   reinterpret_cast<std::uint8_t*>(f.value.data()), f.name.size(), f.value.size(),
                   NGHTTP2_NV_FLAG_NONE});
  }
  record += "\r\n";
  if (request.body) record += *request.body;
  AppendCapped(&exchange->sent, record, options_.max_record_bytes);

  nghttp2_data_provider provider{};
  provider.read_callback = &ReadBody;
  if (request.body) {
    stream_.body = *request.body;
    stream_.body_held = request.continue_wait_ms > 0;
  }
  return nghttp2_submit_request(session_, nullptr, nva.data(), nva.size(),
                                request.body ? &provider : nullptr, nullptr);
}

core::Expected<Exchange> H2Session::Send(const OutgoingRequest& request) {
  if (request.raw) {
    return core::MakeError("unsupported", "raw request bytes cannot be sent over HTTP/2");
  }
  if (std::optional<std::string> why = Http1Only(request)) {
    return core::MakeError(kHttp1OnlyError, *why);
  }
  const auto start = Clock::now();
  const Deadline deadline = After(request.timeout_ms);
  Exchange exchange;
  const bool usable = session_ && connection_ && connection_->open() && !goaway_code_ &&
                      nghttp2_session_want_read(session_) && !connection_->PeerGone();
  if (!request.reuse_connection || !usable) {
    Drop();
    const Deadline connect_by =
        std::min(deadline, After(std::min(options_.connect_timeout_ms, request.timeout_ms)));
    if (core::Expected<void> opened = Open(connect_by); !opened) return opened.error();
  }
  stream_ = StreamState{};
  received_ = &exchange.received;
  if (options_.content_budget) {
    stream_.lease = std::make_shared<core::ContentLease>(options_.content_budget->Open());
  }
  stream_.id = Submit(request, &exchange);
  if (stream_.id < 0) {
    received_ = nullptr;
    return core::MakeError(
        "h2", std::string("cannot submit the request: ") + nghttp2_strerror(stream_.id));
  }
  const Deadline continue_until = After(request.continue_wait_ms);
  std::size_t stream_bytes = 0;
  bool alive = true;
  std::string buffer;
  while (alive) {
    if (!Flush(deadline, &exchange)) {
      alive = false;
      break;
    }
    if (stream_.end_stream || stream_.rst_code || !stream_.limit_error.empty()) break;
    if (goaway_code_ && goaway_last_stream_ < stream_.id) break;
    // 100-continue: the wait is over, the content goes.
    Deadline read_by = deadline;
    if (stream_.body_held) {
      if (Clock::now() >= continue_until) {
        stream_.body_held = false;
        nghttp2_session_resume_data(session_, stream_.id);
        continue;
      }
      read_by = std::min(deadline, continue_until);
    }
    buffer.clear();
    const Io io = connection_->ReadSome(&buffer, kReadChunk, read_by);
    if (io == Io::kTimeout) {
      if (read_by < deadline) {  // The 100-continue wait ended: the content goes.
        stream_.body_held = false;
        nghttp2_session_resume_data(session_, stream_.id);
        continue;
      }
      exchange.timed_out = true;
      exchange.error = "timed out after " + std::to_string(request.timeout_ms) + " ms";
      break;
    }
    if (io != Io::kOk) {
      exchange.connection_closed = true;
      exchange.reset = io == Io::kReset;
      exchange.error =
          io == Io::kReset ? "connection reset by the server" : "the server closed the connection";
      alive = false;
      break;
    }
    stream_bytes += buffer.size();
    if (!PrefaceOk(buffer, &exchange)) {
      alive = false;
      break;
    }
    const ssize_t rv = nghttp2_session_mem_recv(
        session_, reinterpret_cast<const std::uint8_t*>(buffer.data()), buffer.size());
    // A connection error: nghttp2 returns one, or queues its GOAWAY and
    // wants nothing more.
    if (rv < 0 || !nghttp2_session_want_read(session_)) {
      Flush(deadline, &exchange);                                   // Our GOAWAY, if one is queued.
      if (goaway_code_ && goaway_last_stream_ < stream_.id) break;  // Theirs: said in Finish().
      exchange.error = "HTTP/2 protocol error from the server: " +
                       (rv < 0                ? std::string(nghttp2_strerror(static_cast<int>(rv)))
                        : last_error_.empty() ? std::string("connection ended")
                                              : last_error_);
      alive = false;
      break;
    }
    if (stream_bytes > options_.max_stream_bytes) {
      exchange.error = "stopped reading after " + std::to_string(options_.max_stream_bytes) +
                       " bytes (--max-stream-bytes)";
      alive = false;
      break;
    }
  }
  Finish(request, &exchange);
  if (!alive || goaway_code_) Drop();
  exchange.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  received_ = nullptr;
  return exchange;
}

// The Exchange from what the stream received.
void H2Session::Finish(const OutgoingRequest& request, Exchange* exchange) {
  StreamState& s = stream_;
  if (!s.limit_error.empty()) {
    exchange->error = s.limit_error;
  } else if (s.rst_code) {
    exchange->error = "the server reset the stream: RST_STREAM " + CodeName(*s.rst_code);
  } else if (goaway_code_ && goaway_last_stream_ < s.id && !s.end_stream) {
    exchange->error =
        "the server sent GOAWAY " + CodeName(*goaway_code_) + " without processing the request";
    exchange->connection_closed = true;
  }
  exchange->content_sent = !request.body || s.body_done;
  exchange->response_before_content = request.body && s.answered_before_content;
  if (!s.head) return;  // No final header block: no response.
  // The response has arrived, but this stream is not ours to finish sending:
  // a final answer before our content, or a stream the caps cut.
  if (!s.end_stream && session_ && nghttp2_session_find_stream(session_, s.id)) {
    nghttp2_submit_rst_stream(session_, NGHTTP2_FLAG_NONE, s.id, NGHTTP2_CANCEL);
  }
  wire::H2ReceivedResponse received;
  received.interim = s.interim;
  received.head = *s.head;
  received.trailers = s.trailers;
  received.head_request = request.head_request || request.method == "HEAD";
  received.data_length = s.data_length;
  received.end_stream = s.end_stream;

  core::Response response;
  const auto to_head = [](const core::Fields& block) {
    core::ResponseHead head;
    const std::optional<int> status = wire::H2Status(block);
    // A block without a valid :status stays version-less: no response head.
    if (status) {
      head.version = "HTTP/2";
      head.status = *status;
    }
    for (const core::Field& f : block) {
      if (f.name.empty() || f.name[0] != ':') head.fields.push_back(f);
    }
    return head;
  };
  for (const core::Fields& block : s.interim) response.interim.push_back(to_head(block));
  response.head = to_head(*s.head);
  for (const core::Field& f : s.trailers) {
    if (f.name.empty() || f.name[0] != ':') response.trailers.push_back(f);
  }
  const int status = response.head.status;
  if (received.head_request || status == 204 || status == 304 || (status >= 100 && status < 200)) {
    response.framing = core::Framing::kNoContent;
  } else if (core::FindField(response.head.fields, "content-length")) {
    response.framing = core::Framing::kContentLength;
  } else {
    // HTTP/2 delimits content by END_STREAM, which is what close-delimited
    // means to the rest of the tool: the end of the stream ends it.
    response.framing = core::Framing::kCloseDelimited;
  }
  response.content = std::move(s.content);
  response.content_size = s.data_length;
  response.content_truncated = s.data_length > response.content.size();
  response.diagnostics = wire::CheckH2Response(received);
  response.complete = s.end_stream && status != 0;
  exchange->response = std::move(response);
  exchange->content_lease = std::move(s.lease);
}

class H2Transport : public Transport {
 public:
  H2Transport(const Target& target, const TransportOptions& options)
      : target_(target), options_(options) {
    if (target_.scheme != "https") return;
    core::Expected<std::shared_ptr<SSL_CTX>> ctx =
        MakeClientTlsContext(options_, std::string_view("\x02h2", 3));
    if (ctx) {
      tls_ = std::move(*ctx);
    } else {
      tls_error_ = ctx.error().message;
    }
  }

  std::unique_ptr<Session> OpenSession() override {
    ConnectOptions connect_options;
    connect_options.host = target_.host;
    connect_options.port = target_.port;
    connect_options.verify_tls = options_.verify_tls;
    if (target_.scheme == "https") connect_options.alpn = std::string("\x02h2", 3);
    Connector connect =
        TargetConnector(std::move(connect_options), target_.scheme == "https", tls_, tls_error_);
    return MakeH2Session(target_, options_, std::move(connect));
  }

 private:
  Target target_;
  TransportOptions options_;
  std::shared_ptr<SSL_CTX> tls_;
  std::string tls_error_;
};

}  // namespace

std::unique_ptr<Session> MakeH2Session(const Target& target, const TransportOptions& options,
                                       Connector connect) {
  return std::make_unique<H2Session>(target, options, std::move(connect));
}

std::unique_ptr<Transport> MakeH2Transport(const Target& target, const TransportOptions& options) {
  return std::make_unique<H2Transport>(target, options);
}

}  // namespace httpconform::transport
