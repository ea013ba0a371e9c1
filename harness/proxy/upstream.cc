#include "harness/proxy/upstream.h"

#include <unistd.h>

#include "harness/proxy/sockets.h"

namespace httpconform::proxy {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kMaxUpstreamContent = 1024 * 1024;
constexpr std::size_t kMaxRaw = kMaxUpstreamContent + 64 * 1024;

wire::ResponseContext Context(bool head_request) {
  wire::ResponseContext context;
  context.head_request = head_request;
  return context;
}

wire::ParserLimits Limits() {
  wire::ParserLimits limits;
  limits.max_content_bytes = kMaxUpstreamContent;
  return limits;
}

}  // namespace

UpstreamCall::UpstreamCall(const GatewayOptions& options, bool head_request, bool allow_101)
    : options_(options),
      allow_101_(allow_101),
      deadline_(Clock::now() + std::chrono::milliseconds(options.upstream_timeout_ms)),
      parser_(Context(head_request), Limits()) {}

UpstreamCall::~UpstreamCall() {
  if (fd_ >= 0) ::close(fd_);
}

bool UpstreamCall::Open(const std::string& bytes, const std::atomic<bool>& stop) {
  core::Expected<int> fd =
      Connect(options_.upstream_host, options_.upstream_port, options_.upstream_timeout_ms);
  if (!fd) {
    failed_ = "cannot connect to the upstream server: " + fd.error().message;
    return false;
  }
  fd_ = *fd;
  return Send(bytes, stop);
}

bool UpstreamCall::Send(const std::string& bytes, const std::atomic<bool>& stop) {
  if (fd_ < 0) return false;
  if (!WriteAll(fd_, bytes, options_.upstream_timeout_ms, stop)) {
    failed_ = "could not send the request upstream";
    return false;
  }
  return true;
}

bool UpstreamCall::ReadSome(int ms, const std::atomic<bool>& stop) {
  if (fd_ < 0 || parser_.done() || eof_ || timed_out_) return false;
  const long long left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now()).count();
  if (left <= 0) {
    timed_out_ = true;
    return false;
  }
  std::string buf;
  const ReadStatus s = ReadMore(fd_, buf, static_cast<int>(std::min<long long>(left, ms)), stop);
  if (s == ReadStatus::kOk) {
    if (raw_.size() < kMaxRaw) raw_.append(buf, 0, std::min(buf.size(), kMaxRaw - raw_.size()));
    parser_.Feed(buf);
    return true;
  }
  if (s == ReadStatus::kTimeout) {
    if (ms >= left) timed_out_ = true;
    return false;
  }
  if (s == ReadStatus::kEof) parser_.FinishEof();
  eof_ = true;
  return false;
}

std::size_t UpstreamCall::AwaitFirstHead(int ms, const std::atomic<bool>& stop) {
  const auto until = Clock::now() + std::chrono::milliseconds(ms);
  while (parser_.interim_count() == 0 && !parser_.done()) {
    const long long left =
        std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
    if (left <= 0 || !ReadSome(static_cast<int>(left), stop)) break;
  }
  return parser_.interim_count();
}

Upstream UpstreamCall::Finish(const std::atomic<bool>& stop) {
  Upstream out;
  if (!failed_.empty()) {
    out.why = failed_;
    out.nothing = true;
    return out;
  }
  while (ReadSome(options_.upstream_timeout_ms, stop)) {
  }
  ::close(fd_);
  fd_ = -1;
  out.raw = std::move(raw_);
  if (timed_out_ && !parser_.response_started()) {
    out.kind = Upstream::Kind::kTimeout;
    out.why = "the upstream server sent nothing within " +
              std::to_string(options_.upstream_timeout_ms) + " ms";
    return out;
  }
  out.nothing = !parser_.response_started();
  out.response = parser_.TakeResponse();
  if (!parser_.complete() || parser_.content_size() > kMaxUpstreamContent) {
    out.why = "the upstream response was invalid or incomplete";
    for (const core::Diagnostic& d : out.response.diagnostics) {
      if (!d.fatal) continue;
      out.why = "the upstream response was invalid: " + d.id;
      out.fatal = d.id;
    }
    return out;
  }
  if (out.response.head.status == 101 && !allow_101_) {
    out.why = "the upstream server switched protocols without being asked";
    return out;
  }
  out.kind = Upstream::Kind::kResponse;
  return out;
}

}  // namespace httpconform::proxy
