#include "harness/cli/preflight.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace httpconform::cli {

core::Expected<void> ProbeConnect(const transport::Target& target, int timeout_ms) {
  const std::string where = target.host + ":" + std::to_string(target.port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  int rc = getaddrinfo(target.host.c_str(), std::to_string(target.port).c_str(), &hints, &res);
  if (rc != 0) {
    return core::MakeError("connect", "cannot resolve " + target.host + ": " + gai_strerror(rc));
  }
  std::string last_error = "no address";
  for (addrinfo* ai = res; ai; ai = ai->ai_next) {
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) continue;
    int c = connect(fd, ai->ai_addr, ai->ai_addrlen);
    if (c != 0 && errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      int ready = poll(&p, 1, timeout_ms);
      if (ready == 1) {
        int err = 0;
        socklen_t len = sizeof err;
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
        c = err == 0 ? 0 : -1;
        errno = err;
      } else {
        c = -1;
        if (ready == 0) errno = ETIMEDOUT;
      }
    }
    int saved = errno;
    close(fd);
    if (c == 0) {
      freeaddrinfo(res);
      return {};
    }
    last_error = std::strerror(saved);
  }
  freeaddrinfo(res);
  return core::MakeError("connect", "cannot connect to " + where + ": " + last_error);
}

}  // namespace httpconform::cli
