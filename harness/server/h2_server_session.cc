// One HTTP/2 connection of the reference server (see h2_server_session.h).
//
// nghttp2 runs in memory mode (mem_recv/mem_send) over the bounded socket
// I/O of socket_io.h, as the HTTP/1.1 loop does. Its HTTP messaging checks
// are off: the RFC 9113 request rules are applied in h2_request.cc, each
// one an answer of ours (RST_STREAM PROTOCOL_ERROR, §8.1.1), so that the
// h2-malformed-request-accepted fault is an `if` here rather than a patch
// to the library.
//
// A stream's life: its header list is collected (bounded by
// kH2MaxHeaderListBytes); when the first block ends, a malformed request is
// reset, a final status the head decides (417, 413, 411: HeadReply) is sent
// at once, and a request with `expect: 100-continue` and content to come
// gets an interim 100 before any of its DATA is used (RFC 9110 §10.1.1);
// DATA is kept up to max_content_bytes (beyond: 413); END_STREAM routes the
// request. Trailers are read and ignored. Bounds: kH2MaxConcurrentStreams
// (advertised, and enforced with REFUSED_STREAM), the header list, the
// content, and the idle timeout, after which the connection ends with GOAWAY.
#include "harness/server/h2_server_session.h"

#include <nghttp2/nghttp2.h>

#include <algorithm>
#include <cstring>
#include <ctime>
#include <map>
#include <memory>

#include "harness/server/h2_reply.h"
#include "harness/server/h2_request.h"
#include "harness/server/socket_io.h"

namespace httpconform::server {
namespace {

struct Stream {
  int32_t id = 0;
  core::Fields headers;  // The first block, as received.
  std::size_t header_bytes = 0;
  bool head_done = false;
  bool answered = false;      // A response (or a reset) went out: ignore the rest.
  bool head_checked = false;  // HeadReply() already had its say.
  bool overflow = false;
  wire::Request request;
  H2Response response;
  std::size_t sent = 0;
};

class H2ServerConnection {
 public:
  H2ServerConnection(int fd, const RouteContext& context, const FaultSet& faults, int idle_ms,
                     const std::atomic<bool>& stopping)
      : fd_(fd), context_(context), faults_(faults), idle_ms_(idle_ms), stopping_(stopping) {}
  ~H2ServerConnection() {
    if (session_ != nullptr) nghttp2_session_del(session_);
  }

  void Run(std::string received);

 private:
  static int OnBeginHeaders(nghttp2_session*, const nghttp2_frame* frame, void* self);
  static int OnHeader(nghttp2_session*, const nghttp2_frame* frame, const uint8_t* name,
                      size_t namelen, const uint8_t* value, size_t valuelen, uint8_t, void* self);
  static int OnFrameRecv(nghttp2_session*, const nghttp2_frame* frame, void* self);
  static int OnDataChunk(nghttp2_session*, uint8_t, int32_t stream_id, const uint8_t* data,
                         size_t len, void* self);
  static int OnStreamClose(nghttp2_session*, int32_t stream_id, uint32_t, void* self);
  static ssize_t ReadData(nghttp2_session*, int32_t, uint8_t* buf, size_t length,
                          uint32_t* data_flags, nghttp2_data_source* source, void*);

  bool Start();
  bool Flush();
  Stream* Find(int32_t id) {
    auto it = streams_.find(id);
    return it == streams_.end() ? nullptr : it->second.get();
  }
  void HeadComplete(Stream* s, bool end_stream);
  void RequestComplete(Stream* s);
  void Reset(Stream* s, uint32_t code) {
    s->answered = true;
    nghttp2_submit_rst_stream(session_, NGHTTP2_FLAG_NONE, s->id, code);
  }
  void Respond(Stream* s, const Reply& reply);

  int fd_;
  const RouteContext& context_;
  const FaultSet& faults_;
  int idle_ms_;
  const std::atomic<bool>& stopping_;
  nghttp2_session* session_ = nullptr;
  std::map<int32_t, std::unique_ptr<Stream>> streams_;
  // Closed streams, kept until the frames being sent are packed: a frame
  // may still point into its stream's response.
  std::vector<std::unique_ptr<Stream>> closed_;
};

// nghttp2 lowercases the names it copies; `as_is` hands it ours uncopied
// (they live in the Stream until after its frames are sent, see Flush()),
// which only the h2-uppercase-name fault needs.
std::vector<nghttp2_nv> ToNv(const core::Fields& fields, bool as_is = false) {
  std::vector<nghttp2_nv> nv;
  for (const core::Field& f : fields) {
    nv.push_back(
        {reinterpret_cast<uint8_t*>(const_cast<char*>(f.name.data())),
         reinterpret_cast<uint8_t*>(const_cast<char*>(f.value.data())), f.name.size(),
         f.value.size(),
         static_cast<uint8_t>(as_is ? NGHTTP2_NV_FLAG_NO_COPY_NAME : NGHTTP2_NV_FLAG_NONE)});
  }
  return nv;
}

bool ExpectsContinue(const wire::Request& req) {
  for (const std::string& e : core::FieldListMembers(req.fields, "expect")) {
    if (core::EqualsIgnoreCase(e, "100-continue")) return true;
  }
  return false;
}

int H2ServerConnection::OnBeginHeaders(nghttp2_session*, const nghttp2_frame* frame, void* self) {
  auto* c = static_cast<H2ServerConnection*>(self);
  if (frame->hd.type != NGHTTP2_HEADERS || frame->headers.cat != NGHTTP2_HCAT_REQUEST) return 0;
  auto stream = std::make_unique<Stream>();
  stream->id = frame->hd.stream_id;
  const bool refused = c->streams_.size() >= kH2MaxConcurrentStreams;
  Stream* s = stream.get();
  c->streams_[s->id] = std::move(stream);
  if (refused) c->Reset(s, NGHTTP2_REFUSED_STREAM);  // RFC 9113 §5.1.2.
  return 0;
}

int H2ServerConnection::OnHeader(nghttp2_session*, const nghttp2_frame* frame, const uint8_t* name,
                                 size_t namelen, const uint8_t* value, size_t valuelen, uint8_t,
                                 void* self) {
  auto* c = static_cast<H2ServerConnection*>(self);
  Stream* s = c->Find(frame->hd.stream_id);
  if (s == nullptr || s->head_done || s->answered) return 0;  // Trailers, or a stream let go.
  s->header_bytes += namelen + valuelen + 32;
  if (s->header_bytes > kH2MaxHeaderListBytes) return 0;  // Counted; answered 431 at the end.
  s->headers.push_back({std::string(reinterpret_cast<const char*>(name), namelen),
                        std::string(reinterpret_cast<const char*>(value), valuelen)});
  return 0;
}

int H2ServerConnection::OnFrameRecv(nghttp2_session*, const nghttp2_frame* frame, void* self) {
  auto* c = static_cast<H2ServerConnection*>(self);
  Stream* s = c->Find(frame->hd.stream_id);
  if (s == nullptr) return 0;
  const bool end_stream = (frame->hd.flags & NGHTTP2_FLAG_END_STREAM) != 0;
  if (frame->hd.type == NGHTTP2_HEADERS && !s->head_done) {
    s->head_done = true;
    if (!s->answered) c->HeadComplete(s, end_stream);
  }
  if ((frame->hd.type == NGHTTP2_HEADERS || frame->hd.type == NGHTTP2_DATA) && end_stream &&
      !s->answered) {
    c->RequestComplete(s);
  }
  return 0;
}

int H2ServerConnection::OnDataChunk(nghttp2_session*, uint8_t, int32_t stream_id,
                                    const uint8_t* data, size_t len, void* self) {
  auto* c = static_cast<H2ServerConnection*>(self);
  Stream* s = c->Find(stream_id);
  if (s == nullptr || s->answered || s->overflow) return 0;
  if (s->request.content.size() + len > c->context_.max_content_bytes) {
    s->overflow = true;
    return 0;
  }
  s->request.content.append(reinterpret_cast<const char*>(data), len);
  return 0;
}

int H2ServerConnection::OnStreamClose(nghttp2_session*, int32_t stream_id, uint32_t, void* self) {
  auto* c = static_cast<H2ServerConnection*>(self);
  auto it = c->streams_.find(stream_id);
  if (it != c->streams_.end()) {
    c->closed_.push_back(std::move(it->second));
    c->streams_.erase(it);
  }
  return 0;
}

ssize_t H2ServerConnection::ReadData(nghttp2_session*, int32_t, uint8_t* buf, size_t length,
                                     uint32_t* data_flags, nghttp2_data_source* source, void*) {
  auto* s = static_cast<Stream*>(source->ptr);
  const std::string& data = s->response.data;
  const std::size_t n = std::min(length, data.size() - s->sent);
  std::memcpy(buf, data.data() + s->sent, n);
  s->sent += n;
  if (s->sent == data.size()) *data_flags |= NGHTTP2_DATA_FLAG_EOF;
  return static_cast<ssize_t>(n);
}

void H2ServerConnection::HeadComplete(Stream* s, bool end_stream) {
  if (s->header_bytes > kH2MaxHeaderListBytes) {
    Respond(s, Simple(431));
    return;
  }
  H2Request built = H2RequestFromHeaders(s->headers);
  // RFC 9113 §8.1.1: a malformed request is a stream error of type
  // PROTOCOL_ERROR; the fault routes it as if it were well formed.
  if (!built.malformed.empty() && !faults_.Has(Fault::kH2MalformedRequestAccepted)) {
    Reset(s, NGHTTP2_PROTOCOL_ERROR);
    return;
  }
  s->request = std::move(built.request);
  if (end_stream) return;  // RequestComplete() follows at once.
  s->head_checked = true;
  if (std::optional<Reply> early = HeadReply(s->request, context_)) {
    Respond(s, *early);  // Content still to come is read and dropped.
    return;
  }
  if (ExpectsContinue(s->request)) {
    const core::Fields block{{":status", "100"}};
    std::vector<nghttp2_nv> nv = ToNv(block);
    nghttp2_submit_headers(session_, NGHTTP2_FLAG_NONE, s->id, nullptr, nv.data(), nv.size(),
                           nullptr);
  }
}

void H2ServerConnection::RequestComplete(Stream* s) {
  if (s->overflow) {
    Respond(s, Simple(413, "413 Content Too Large: limit is " +
                               std::to_string(context_.max_content_bytes) + " bytes\n"));
    return;
  }
  if (!H2ContentLengthProblem(s->request).empty() &&
      !faults_.Has(Fault::kH2MalformedRequestAccepted)) {
    Reset(s, NGHTTP2_PROTOCOL_ERROR);
    return;
  }
  if (!s->head_checked) {
    if (std::optional<Reply> early = HeadReply(s->request, context_)) {
      Respond(s, *early);
      return;
    }
  }
  Respond(s, Route(s->request, context_));
}

void H2ServerConnection::Respond(Stream* s, const Reply& reply) {
  s->answered = true;
  s->response = BuildH2Response(reply, s->request.method == "HEAD", std::time(nullptr), faults_);
  const bool as_is = faults_.Has(Fault::kH2UppercaseName);
  for (const core::Fields& block : s->response.interim) {
    std::vector<nghttp2_nv> nv = ToNv(block, as_is);
    nghttp2_submit_headers(session_, NGHTTP2_FLAG_NONE, s->id, nullptr, nv.data(), nv.size(),
                           nullptr);
  }
  std::vector<nghttp2_nv> nv = ToNv(s->response.head, as_is);
  if (s->response.data.empty()) {
    nghttp2_submit_response(session_, s->id, nv.data(), nv.size(), nullptr);
    return;
  }
  nghttp2_data_provider provider;
  provider.source.ptr = s;
  provider.read_callback = ReadData;
  nghttp2_submit_response(session_, s->id, nv.data(), nv.size(), &provider);
}

bool H2ServerConnection::Start() {
  nghttp2_session_callbacks* callbacks = nullptr;
  if (nghttp2_session_callbacks_new(&callbacks) != 0) return false;
  nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, OnBeginHeaders);
  nghttp2_session_callbacks_set_on_header_callback(callbacks, OnHeader);
  nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, OnFrameRecv);
  nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, OnDataChunk);
  nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, OnStreamClose);
  nghttp2_option* option = nullptr;
  nghttp2_option_new(&option);
  // Our rules, not nghttp2's (see the file comment).
  nghttp2_option_set_no_http_messaging(option, 1);
  const int rv = nghttp2_session_server_new2(&session_, callbacks, this, option);
  nghttp2_option_del(option);
  nghttp2_session_callbacks_del(callbacks);
  if (rv != 0) return false;
  const nghttp2_settings_entry settings[] = {
      {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, kH2MaxConcurrentStreams},
      {NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE, static_cast<uint32_t>(kH2MaxHeaderListBytes)},
  };
  return nghttp2_submit_settings(session_, NGHTTP2_FLAG_NONE, settings,
                                 sizeof settings / sizeof settings[0]) == 0;
}

bool H2ServerConnection::Flush() {
  std::string out;
  for (;;) {
    const uint8_t* data = nullptr;
    const ssize_t n = nghttp2_session_mem_send(session_, &data);
    if (n < 0) return false;
    if (n == 0) break;
    out.append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(n));
  }
  closed_.clear();
  return out.empty() || WriteAll(fd_, out, std::max(idle_ms_, 1000), stopping_);
}

void H2ServerConnection::Run(std::string received) {
  if (!Start()) return;
  std::string buf = std::move(received);
  while (!stopping_) {
    if (!buf.empty()) {
      const ssize_t rv = nghttp2_session_mem_recv(
          session_, reinterpret_cast<const uint8_t*>(buf.data()), buf.size());
      buf.clear();
      if (rv < 0) break;  // Not HTTP/2 (a bad preface) or out of memory.
    }
    if (!Flush()) return;
    if (!nghttp2_session_want_read(session_) && !nghttp2_session_want_write(session_)) return;
    const ReadStatus status = ReadMore(fd_, buf, idle_ms_, stopping_);
    if (status == ReadStatus::kTimeout) {
      // Idle: say goodbye (RFC 9113 §6.8) and close.
      nghttp2_session_terminate_session(session_, NGHTTP2_NO_ERROR);
      Flush();
      return;
    }
    if (status != ReadStatus::kOk) return;
  }
}

}  // namespace

Opening ReadOpening(int fd, std::string& pending, int timeout_ms,
                    const std::atomic<bool>& stopping) {
  for (;;) {
    const std::size_t n = std::min(pending.size(), kH2ClientPreface.size());
    if (pending.compare(0, n, kH2ClientPreface.substr(0, n)) != 0) return Opening::kOther;
    if (n == kH2ClientPreface.size()) return Opening::kH2;
    if (ReadMore(fd, pending, timeout_ms, stopping) != ReadStatus::kOk) {
      // A client that stopped inside "PRI * HTTP/2.0\r\n\r\n" may still
      // be an HTTP/1.1 one (the PRI method): let that loop answer it.
      return pending.find("\r\n\r\n") != std::string::npos ? Opening::kOther : Opening::kNone;
    }
  }
}

void ServeH2Connection(int fd, std::string received, const RouteContext& context,
                       const FaultSet& faults, int idle_timeout_ms,
                       const std::atomic<bool>& stopping) {
  H2ServerConnection connection(fd, context, faults, std::max(idle_timeout_ms, 1), stopping);
  connection.Run(std::move(received));
}

}  // namespace httpconform::server
