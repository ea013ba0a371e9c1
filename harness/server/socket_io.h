// Bounded socket I/O shared by the embedded servers (the reference server,
// and harness/proxy's scripted origin and reference gateway): every wait is
// in 100 ms slices so that a stop flag is seen promptly, every read and write
// has a deadline, and a close is staged (RFC 9112 §9.6) so that unread input
// does not turn it into a reset that destroys the response.
#ifndef HTTPCONFORM_SERVER_SOCKET_IO_H_
#define HTTPCONFORM_SERVER_SOCKET_IO_H_

#include <atomic>
#include <string>
#include <string_view>

namespace httpconform::server {

enum class ReadStatus { kOk, kEof, kTimeout, kStopped, kError };

/// Appends what is available on `fd` (at most 16 KiB) to `buf`, waiting at
/// most `timeout_ms`.
ReadStatus ReadMore(int fd, std::string& buf, int timeout_ms, const std::atomic<bool>& stopping);

/// Sends all of `data`, waiting at most `timeout_ms` in total; false when it could not.
bool WriteAll(int fd, std::string_view data, int timeout_ms, const std::atomic<bool>& stopping);

/// Reads and discards what the peer still sends, for at most `linger_ms`
/// (and 1 MiB).
void Drain(int fd, const std::atomic<bool>& stopping, int linger_ms);

/// After deciding to close: half-closes, then drains for `linger_ms`.
void LingerClose(int fd, const std::atomic<bool>& stopping, int linger_ms);

}  // namespace httpconform::server

#endif  // HTTPCONFORM_SERVER_SOCKET_IO_H_
