// CurlTransport: structured requests through libcurl.
//
// Design: one easy handle per Session, so curl's connection cache is the
// session's connection: a step that does not reuse asks for a fresh one
// (CURLOPT_FRESH_CONNECT) and the cache holds a single connection
// (CURLOPT_MAXCONNECTS 1), so a later "reuse" step gets the latest. The
// request is sent with the caller's fields only: curl's own Host, Accept,
// Expect and Content-Type are switched off unless the request carries them
// (curl still adds Content-Length for content when none is given, and may
// rewrite fields for HTTP/2, which is why wire cases use RawTransport).
//
// Responses are rebuilt from what curl hands over: every header line
// (interim 1xx heads included) goes through wire::ParseResponse as a HEAD
// response, so field-level diagnostics come from the same strict parser; the
// content is what the write callback saw after curl removed the transfer
// coding. HTTP/2 status lines ("HTTP/2 200") are parsed as HTTP/1.1 and the
// version set back to "HTTP/2"; their wire diagnostics are dropped, since
// RFC 9112 does not govern HTTP/2 framing. curl cannot tell whether the
// server closed the connection after a complete response, so
// connection_closed is only set when a transfer ended by a close or reset,
// and probe_close_ms is ignored; half_close is refused ("unsupported").
// Bounds: content stops the transfer past max_stream_bytes, and libcurl itself
// refuses more than 300 KiB of header lines ("Too large response headers",
// endless interim heads included); what is kept is capped
// (max_content_bytes, max_record_bytes); heads are parsed once, linearly.
#include "harness/transport/curl_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "harness/wire/response_parser.h"

namespace httpconform::transport {
namespace {

using Clock = std::chrono::steady_clock;

void AppendCapped(std::string* record, std::string_view bytes, std::size_t cap) {
  if (record->size() >= cap) return;
  record->append(bytes.substr(0, cap - record->size()));
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// "Name: value", or "Name;" which is curl's spelling of an empty value.
std::string HeaderLine(const core::Field& field) {
  if (field.value.empty()) return field.name + ";";
  return field.name + ": " + field.value;
}

core::Fields ParseTrailerLines(const std::string& text) {
  core::Fields fields;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(begin, end - begin);
    begin = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t colon = line.find(':');
    if (line.empty() || colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    const std::size_t first = value.find_first_not_of(" \t");
    const std::size_t last = value.find_last_not_of(" \t");
    value = first == std::string::npos ? "" : value.substr(first, last - first + 1);
    fields.push_back({line.substr(0, colon), value});
  }
  return fields;
}

core::Framing FramingOf(const core::ResponseHead& head, bool head_request) {
  if (head_request || head.status == 204 || head.status == 304 ||
      (head.status >= 100 && head.status < 200)) {
    return core::Framing::kNoContent;
  }
  for (const std::string& member : core::FieldListMembers(head.fields, "Transfer-Encoding")) {
    if (core::EqualsIgnoreCase(member, "chunked")) return core::Framing::kChunked;
  }
  if (core::FindField(head.fields, "Content-Length") != nullptr) {
    return core::Framing::kContentLength;
  }
  return core::Framing::kCloseDelimited;
}

}  // namespace

// Sorts curl's header lines into heads (interim and final) and trailers.
void CurlHeadCollector::OnLine(std::string_view line) {
  if (final_head_done_) {
    trailers_.append(line);
    return;
  }
  if (StartsWith(line, "HTTP/")) {
    std::string status_line(line);
    if (StartsWith(line, "HTTP/2 ") || StartsWith(line, "HTTP/3 ")) {
      http2_ = true;
      status_line = "HTTP/1.1" + status_line.substr(6);
    }
    const std::size_t sp = status_line.find(' ');
    last_status_ = sp == std::string::npos ? 0 : std::atoi(status_line.c_str() + sp + 1);
    heads_ += status_line;
    return;
  }
  heads_.append(line);
  if (line == "\r\n" || line == "\n") {
    // 1xx heads other than 101 are interim (RFC 9110 §15.2); anything else is final.
    if (last_status_ < 100 || last_status_ > 199 || last_status_ == 101) final_head_done_ = true;
  }
}

std::optional<core::Response> CurlHeadCollector::Build(std::string content,
                                                       std::uint64_t content_size,
                                                       std::size_t max_content_bytes,
                                                       bool head_request, bool transfer_ok) const {
  if (heads_.empty()) return std::nullopt;
  wire::ResponseContext context;
  context.head_request = true;  // Only heads here; the content came separately.
  core::Response response = wire::ParseResponse(heads_, context, /*eof=*/true);
  if (http2_) {
    // Only a status line that parsed gets the version back: an unparsed
    // one stays version-less, which is how the runner knows none arrived.
    if (!response.head.version.empty()) response.head.version = "HTTP/2";
    for (core::ResponseHead& interim : response.interim) interim.version = "HTTP/2";
    response.diagnostics.clear();
  }
  response.framing = FramingOf(response.head, head_request);
  response.content = std::move(content);
  response.content_size = content_size;
  // Past the cap, or past what the run's content budget let it keep.
  response.content_truncated =
      content_size > max_content_bytes || content_size > response.content.size();
  response.trailers = ParseTrailerLines(trailers_);
  response.complete = transfer_ok && final_head_done_;
  return response;
}

namespace {

// Everything the callbacks of one transfer write to.
struct Transfer {
  const TransportOptions* options = nullptr;
  CurlHeadCollector heads;
  std::string content;
  std::uint64_t content_size = 0;
  std::shared_ptr<core::ContentLease> lease;  // Null without a shared budget.
  bool stream_cap_hit = false;
  std::string_view body;  // Request content not yet handed to curl.
  bool body_started = false;
  bool response_before_content = false;
  std::string sent;
  std::string received;
};

std::size_t OnHeader(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (!t->body_started) t->response_before_content = true;
  t->heads.OnLine(std::string_view(data, n));
  return n;
}

std::size_t OnWrite(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  t->content_size += n;
  core::AppendLeased(&t->content, std::string_view(data, n), t->options->max_content_bytes,
                     t->lease.get());
  if (t->content_size > t->options->max_stream_bytes) {
    t->stream_cap_hit = true;
    return 0;  // Aborts the transfer with CURLE_WRITE_ERROR.
  }
  return n;
}

std::size_t OnRead(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  t->body_started = true;
  const std::size_t n = std::min(size * count, t->body.size());
  std::memcpy(buffer, t->body.data(), n);
  t->body.remove_prefix(n);
  return n;
}

int OnDebug(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t cap = t->options->max_record_bytes;
  switch (type) {
    case CURLINFO_HEADER_OUT:
    case CURLINFO_DATA_OUT:
      AppendCapped(&t->sent, std::string_view(data, size), cap);
      break;
    case CURLINFO_HEADER_IN:
    case CURLINFO_DATA_IN:
      AppendCapped(&t->received, std::string_view(data, size), cap);
      break;
    default:
      break;
  }
  return 0;
}

std::string HostPort(const Target& target) {
  const bool ipv6 = target.host.find(':') != std::string::npos;
  return (ipv6 ? "[" + target.host + "]" : target.host) + ":" + std::to_string(target.port);
}

class CurlSession : public Session {
 public:
  CurlSession(const Target& target, const TransportOptions& options)
      : target_(target), options_(options), curl_(curl_easy_init()) {}
  ~CurlSession() override {
    if (curl_ != nullptr) curl_easy_cleanup(curl_);
  }
  CurlSession(const CurlSession&) = delete;
  CurlSession& operator=(const CurlSession&) = delete;

  core::Expected<Exchange> Send(const OutgoingRequest& request) override {
    if (request.raw) {
      return core::MakeError("unsupported",
                             "raw requests need the raw transport; curl cannot send exact bytes");
    }
    if (request.half_close) {
      return core::MakeError("unsupported", "half_close needs the raw transport");
    }
    if (curl_ == nullptr) return core::MakeError("connect", "curl_easy_init failed");
    const Clock::time_point start = Clock::now();
    CURL* c = curl_;
    curl_easy_reset(c);  // Keeps the connection cache: that is the session's connection.

    Transfer t;
    t.options = &options_;
    if (options_.content_budget) {
      t.lease = std::make_shared<core::ContentLease>(options_.content_budget->Open());
    }
    const bool head_request = request.head_request || request.method == "HEAD";
    const std::string url = target_.scheme + "://" + target_.authority + "/";
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_REQUEST_TARGET, request.target.c_str());
    curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_PROXY, "");  // Never through a proxy from the environment.
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_HTTP_CONTENT_DECODING, 0L);
    curl_easy_setopt(c, CURLOPT_MAXCONNECTS, 1L);
    // libcurl before 8.0.0 breaks reused HTTP/2 prior-knowledge connections
    // ("Error in the HTTP2 framing layer", curl/curl#10634, fixed by #10643):
    // there, every h2c request gets its own connection.
    const bool h2c = options_.http_version == 2 && target_.scheme == "http";
    const bool reuse = request.reuse_connection &&
                       !(h2c && curl_version_info(CURLVERSION_NOW)->version_num < 0x080000);
    curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, reuse ? 0L : 1L);
    curl_easy_setopt(c, CURLOPT_FORBID_REUSE, h2c && !reuse ? 1L : 0L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout_ms));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS,
                     static_cast<long>(request.timeout_ms > 0 ? request.timeout_ms : 10000));
    // As the raw transport does (tls.h): the system store or only ca_file.
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, options_.verify_tls ? 1L : 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, options_.verify_tls ? 2L : 0L);
    if (options_.verify_tls && !options_.ca_file.empty()) {
      curl_easy_setopt(c, CURLOPT_CAINFO, options_.ca_file.c_str());
      curl_easy_setopt(c, CURLOPT_CAPATH, nullptr);
    }
    long version = CURL_HTTP_VERSION_1_1;
    if (options_.http_version == 2) {
      version =
          target_.scheme == "https" ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE;
    }
    curl_easy_setopt(c, CURLOPT_HTTP_VERSION, version);

    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (head_request) curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    if (request.body) {
      t.body = *request.body;
      curl_easy_setopt(c, CURLOPT_POST, 1L);
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.body->size()));
      curl_easy_setopt(c, CURLOPT_READFUNCTION, OnRead);
      curl_easy_setopt(c, CURLOPT_READDATA, &t);
    }
    if (request.continue_wait_ms > 0) {
      curl_easy_setopt(c, CURLOPT_EXPECT_100_TIMEOUT_MS,
                       static_cast<long>(request.continue_wait_ms));
    }

    curl_slist* fields = nullptr;
    for (const core::Field& field : request.headers) {
      fields = curl_slist_append(fields, HeaderLine(field).c_str());
    }
    // Fields curl would add on its own: off unless the request has them.
    for (const char* name : {"Host", "Accept", "Expect", "Content-Type"}) {
      if (core::FindField(request.headers, name) == nullptr) {
        fields = curl_slist_append(fields, (std::string(name) + ":").c_str());
      }
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, fields);

    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, OnWrite);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, OnDebug);
    curl_easy_setopt(c, CURLOPT_DEBUGDATA, &t);
    curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);  // Needed for the debug callback; prints nothing.
    char message[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, message);

    const CURLcode code = curl_easy_perform(c);
    curl_slist_free_all(fields);
    long os_errno = 0;
    curl_easy_getinfo(c, CURLINFO_OS_ERRNO, &os_errno);
    curl_off_t connect_time = 0;
    curl_easy_getinfo(c, CURLINFO_CONNECT_TIME_T, &connect_time);
    const std::string why =
        message[0] != '\0' ? std::string(message) : std::string(curl_easy_strerror(code));

    Exchange exchange;
    exchange.sent = std::move(t.sent);
    exchange.received = std::move(t.received);
    exchange.response_before_content = request.body.has_value() && t.response_before_content;
    exchange.content_sent = !request.body || (t.body_started && t.body.empty());

    switch (code) {
      case CURLE_OK:
        break;
      case CURLE_PEER_FAILED_VERIFICATION:  // Codes as the raw transport's (tls.h).
        return core::MakeError("tls-verify", "cannot connect to " + HostPort(target_) +
                                                 ": TLS handshake failed: " + why);
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_SSL_CACERT_BADFILE:
        return core::MakeError(
            "tls", "cannot connect to " + HostPort(target_) + ": TLS handshake failed: " + why);
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_COULDNT_CONNECT:
        return core::MakeError("connect",
                               "cannot connect to " + HostPort(target_) + ": " +
                                   (code == CURLE_COULDNT_CONNECT && os_errno != 0
                                        ? std::string(std::strerror(static_cast<int>(os_errno)))
                                        : why));
      case CURLE_UNSUPPORTED_PROTOCOL:
        return core::MakeError("unsupported", why);
      case CURLE_OPERATION_TIMEDOUT:
        if (connect_time == 0 && !t.heads.any()) {
          return core::MakeError("connect",
                                 "cannot connect to " + HostPort(target_) + ": timed out");
        }
        exchange.timed_out = true;
        exchange.error = why;
        break;
      case CURLE_WRITE_ERROR:
        exchange.error = t.stream_cap_hit
                             ? "stopped after max_stream_bytes of content; connection closed by us"
                             : why;
        break;
      case CURLE_SEND_ERROR:
      case CURLE_RECV_ERROR:
        exchange.reset = os_errno == ECONNRESET || os_errno == EPIPE;
        exchange.connection_closed = true;
        exchange.error = why;
        break;
      default:  // CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, HTTP/2 stream errors...
        exchange.connection_closed = true;
        exchange.error = why;
        break;
    }

    exchange.response = t.heads.Build(std::move(t.content), t.content_size,
                                      options_.max_content_bytes, head_request, code == CURLE_OK);
    exchange.content_lease = std::move(t.lease);
    exchange.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    return exchange;
  }

 private:
  Target target_;
  TransportOptions options_;
  CURL* curl_;
};

class CurlTransport : public Transport {
 public:
  CurlTransport(const Target& target, const TransportOptions& options)
      : target_(target), options_(options) {}
  std::unique_ptr<Session> OpenSession() override {
    return std::make_unique<CurlSession>(target_, options_);
  }

 private:
  Target target_;
  TransportOptions options_;
};

}  // namespace

std::unique_ptr<Transport> MakeCurlTransport(const Target& target,
                                             const TransportOptions& options) {
  static std::once_flag init_once;
  std::call_once(init_once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  return std::make_unique<CurlTransport>(target, options);
}

}  // namespace httpconform::transport
