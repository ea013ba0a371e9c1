#include "harness/server/socket_io.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <chrono>

namespace httpconform::server {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kSliceMs = 100;  // Poll granularity: how fast a stop is seen.
constexpr std::size_t kReadChunk = 16 * 1024;

long long MillisLeft(Clock::time_point deadline) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
}

}  // namespace

ReadStatus ReadMore(int fd, std::string& buf, int timeout_ms, const std::atomic<bool>& stopping) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  while (true) {
    if (stopping) return ReadStatus::kStopped;
    const long long left = MillisLeft(deadline);
    if (left <= 0) return ReadStatus::kTimeout;
    pollfd p{fd, POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, kSliceMs)));
    if (r < 0 && errno != EINTR) return ReadStatus::kError;
    if (r <= 0) continue;
    char chunk[kReadChunk];
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n > 0) {
      buf.append(chunk, static_cast<std::size_t>(n));
      return ReadStatus::kOk;
    }
    if (n == 0) return ReadStatus::kEof;
    if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
    return ReadStatus::kError;
  }
}

bool WriteAll(int fd, std::string_view data, int timeout_ms, const std::atomic<bool>& stopping) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  std::size_t sent = 0;
  while (sent < data.size()) {
    if (stopping) return false;
    const long long left = MillisLeft(deadline);
    if (left <= 0) return false;
    pollfd p{fd, POLLOUT, 0};
    const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, kSliceMs)));
    if (r < 0 && errno != EINTR) return false;
    if (r <= 0) continue;
    const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
    } else if (n < 0 && errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) {
      return false;
    }
  }
  return true;
}

void Drain(int fd, const std::atomic<bool>& stopping, int linger_ms) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(linger_ms);
  std::size_t discarded = 0;
  while (MillisLeft(deadline) > 0 && discarded < 1024 * 1024) {
    std::string sink;
    if (ReadMore(fd, sink, static_cast<int>(std::max<long long>(MillisLeft(deadline), 1)),
                 stopping) != ReadStatus::kOk) {
      break;
    }
    discarded += sink.size();
  }
}

void LingerClose(int fd, const std::atomic<bool>& stopping, int linger_ms) {
  ::shutdown(fd, SHUT_WR);
  Drain(fd, stopping, linger_ms);
}

}  // namespace httpconform::server
