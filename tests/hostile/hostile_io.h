// Socket helpers shared by hostile_server's behaviours (hostile_server.cc,
// large_responses.cc). Test code: loopback connections only.
#ifndef HTTPCONFORM_TESTS_HOSTILE_HOSTILE_IO_H_
#define HTTPCONFORM_TESTS_HOSTILE_HOSTILE_IO_H_

#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace hostile {

/// Serves one accepted connection; never closes `fd` (the caller does).
using Handler = std::function<void(int fd)>;
using Behaviours = std::map<std::string, Handler>;

/// Sends all of `bytes`; false once the peer is gone (reset, closed).
bool SendAll(int fd, std::string_view bytes);

void Sleep(int ms);

/// Reads until the end of a request head (CRLF CRLF), EOF, 64 KiB, or
/// `wait_ms` of silence. The content of the request, if any, is not needed:
/// every behaviour answers (or not) regardless of it.
std::string ReadHead(int fd, int wait_ms = 2000);

/// Keeps the connection open, doing nothing, until the peer closes it or the
/// process ends: the reads drain whatever the client sends.
void HoldOpen(int fd);

}  // namespace hostile

#endif  // HTTPCONFORM_TESTS_HOSTILE_HOSTILE_IO_H_
