// hostile_server: a deliberately broken or malicious HTTP server, for tests.
//
// Design: one process, one behaviour (--behaviour NAME), listening on
// 127.0.0.1 only, on a kernel-chosen port written to --port-file once the
// socket listens (so a test can start it and wait for the file). Each
// accepted connection is served by a detached thread (or, for "serial", in
// the accept loop itself with a backlog of 1) that reads the request head for
// a short while and then misbehaves in the named way. Nothing here is a
// correct server; every behaviour breaks a rule of RFC 9112 or RFC 9110, or
// abuses a client's time or memory, and the test driving httpconform asserts
// that the tool survives it with a bounded run, bounded memory, a readable
// reason and valid reports.
//
// Bounded by construction: SIGTERM (and SIGINT) end the process at once;
// alarm(kLifetimeSeconds) ends it by itself, so a forgotten server cannot
// outlive a test run. Endless streams stop when the peer goes away (send
// fails) or at the lifetime. Only loopback addresses are ever bound.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "hostile_io.h"
#include "large_responses.h"

namespace {

using hostile::Handler;
using hostile::HoldOpen;
using hostile::ReadHead;
using hostile::SendAll;
using hostile::Sleep;

constexpr unsigned kLifetimeSeconds = 120;

extern "C" void OnTerminate(int) { _exit(0); }

// Makes the caller's close() abortive: RST instead of FIN (SO_LINGER 0).
void Reset(int fd) {
  linger l{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
}

// Repeats `unit` until the peer is gone or `limit` bytes went out.
void Repeat(int fd, std::string_view unit, std::size_t limit = SIZE_MAX) {
  std::string block;
  while (block.size() < 16 * 1024) block += unit;
  for (std::size_t sent = 0; sent < limit; sent += block.size()) {
    if (!SendAll(fd, block)) return;
  }
}

std::string OkHead(const std::string& extra = "") {
  return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + extra;
}

const char kXss[] = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
const char kBadUtf8[] = "\xff\xfe\xc3\x28\xe2\x82\xf0\x28\x8c\xbc\xed\xa0\x80\xc0\xaf";

// A gzip member of `zeros` zero bytes, compressed as far as zlib goes.
std::string GzipZeros(std::size_t zeros) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  std::string in(1 << 20, '\0');
  std::string out;
  char buffer[1 << 16];
  for (std::size_t left = zeros; left > 0 || z.avail_in > 0;) {
    if (z.avail_in == 0) {
      const std::size_t n = std::min(left, in.size());
      z.next_in = reinterpret_cast<Bytef*>(in.data());
      z.avail_in = static_cast<uInt>(n);
      left -= n;
    }
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    deflate(&z, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - z.avail_out);
  }
  int r = Z_OK;
  while (r != Z_STREAM_END) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    r = deflate(&z, Z_FINISH);
    out.append(buffer, sizeof buffer - z.avail_out);
  }
  deflateEnd(&z);
  return out;
}

// Built in main() before listening, so the first client does not wait for it.
const std::string& GzipBomb() {
  static const std::string bomb = GzipZeros(std::size_t{100} << 20);
  return bomb;
}

// Every behaviour, by name. A handler never closes `fd`: the caller does,
// after it returns.
std::map<std::string, Handler> Behaviours() {
  std::map<std::string, Handler> b;
  // Accepts, reads the request, never answers.
  b["silent"] = [](int fd) {
    ReadHead(fd);
    HoldOpen(fd);
  };
  // A valid response, one byte per second.
  b["one-byte-per-second"] = [](int fd) {
    ReadHead(fd);
    const std::string r = OkHead("Content-Length: 5\r\n\r\nhello");
    for (char c : r) {
      if (!SendAll(fd, std::string_view(&c, 1))) return;
      Sleep(1000);
    }
  };
  // A status line, then field lines forever.
  b["endless-fields"] = [](int fd) {
    ReadHead(fd);
    if (SendAll(fd, OkHead())) Repeat(fd, "X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n");
  };
  // Close-delimited content that never ends (RFC 9112 §6.3 item 8).
  b["endless-content"] = [](int fd) {
    ReadHead(fd);
    if (SendAll(fd, OkHead("Connection: close\r\n\r\n"))) Repeat(fd, "0123456789abcdef");
  };
  // Content-Length of a petabyte, content forever.
  b["petabyte-length"] = [](int fd) {
    ReadHead(fd);
    if (SendAll(fd, OkHead("Content-Length: 1000000000000000\r\n\r\n"))) Repeat(fd, "x");
  };
  // A chunk size that does not fit in 64 bits (RFC 9112 §7.1).
  b["chunk-size-overflow"] = [](int fd) {
    ReadHead(fd);
    SendAll(fd, OkHead("Transfer-Encoding: chunked\r\n\r\n") +
                    "1ffffffffffffffffffffffffffff\r\nabc\r\n0\r\n\r\n");
    HoldOpen(fd);
  };
  // 100,000 field lines, then a proper end.
  b["many-fields"] = [](int fd) {
    ReadHead(fd);
    std::string r = OkHead();
    for (int i = 0; i < 100000; ++i) r += "X-F" + std::to_string(i) + ": v\r\n";
    r += "Content-Length: 2\r\n\r\nok";
    SendAll(fd, r);
    HoldOpen(fd);
  };
  // A status line of 1 MiB (the reason phrase).
  b["huge-status-line"] = [](int fd) {
    ReadHead(fd);
    SendAll(fd, "HTTP/1.1 200 " + std::string(1 << 20, 'A') + "\r\nContent-Length: 2\r\n\r\nok");
    HoldOpen(fd);
  };
  // NUL and other CTLs in the status line and in field names and values.
  b["control-characters"] = [](int fd) {
    ReadHead(fd);
    static const char kResponse[] =
        "HTTP/1.1 200 O\0K\x01\x1b[31m\r\nX-\x7f\x02Name: a\0b\x1b[2J\x07\r\n"
        "Content-Length: 4\r\n\r\n\0\x1b\x08\x0c";
    SendAll(fd, std::string_view(kResponse, sizeof kResponse - 1));
    HoldOpen(fd);
  };
  // Bare CR as a line terminator and inside values (RFC 9112 §2.2).
  b["bare-cr"] = [](int fd) {
    ReadHead(fd);
    SendAll(fd, "HTTP/1.1 200 OK\rX-A: 1\rX-B: a\rb\r\nContent-Length: 2\r\n\r\nok");
    HoldOpen(fd);
  };
  // 100 Continue, forever (RFC 9110 §15.2: any number of interim responses).
  b["endless-100-continue"] = [](int fd) {
    ReadHead(fd);
    Repeat(fd, "HTTP/1.1 100 Continue\r\n\r\n");
  };
  // 103 Early Hints with fields, forever.
  b["endless-early-hints"] = [](int fd) {
    ReadHead(fd);
    Repeat(fd, "HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n");
  };
  // 101 Switching Protocols, then binary garbage forever.
  b["101-then-garbage"] = [](int fd) {
    ReadHead(fd);
    if (SendAll(fd,
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                "Connection: Upgrade\r\n\r\n")) {
      Repeat(fd, std::string("\x81\xff\x00\x13\x37garbage\0\xfe", 14), 8 << 20);
    }
    HoldOpen(fd);
  };
  // RST right after accept.
  b["reset-on-accept"] = [](int fd) { Reset(fd); };
  // RST in the middle of the content.
  b["reset-mid-content"] = [](int fd) {
    ReadHead(fd);
    SendAll(fd, OkHead("Content-Length: 100\r\n\r\n") + "partial");
    Sleep(50);
    Reset(fd);
  };
  // FIN in the middle of the field section.
  b["close-mid-fields"] = [](int fd) {
    ReadHead(fd);
    SendAll(fd, "HTTP/1.1 200 OK\r\nContent-Type: te");
  };
  // FIN in the middle of Content-Length content.
  b["close-mid-content"] = [](int fd) {
    ReadHead(fd);
    SendAll(fd, OkHead("Content-Length: 100\r\n\r\n") + "only part of it");
  };
  // 2 GB Content-Length, 64 KiB of it, then FIN.
  b["2gb-length-then-close"] = [](int fd) {
    ReadHead(fd);
    if (SendAll(fd, OkHead("Content-Length: 2147483648\r\n\r\n"))) Repeat(fd, "y", 64 * 1024);
  };
  // The client speaks TLS (https://); the answer is junk bytes.
  b["tls-garbage"] = [](int fd) {
    ReadHead(fd, 500);
    std::string junk;
    for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 7919 + 13) & 0xff);
    SendAll(fd, junk);
    HoldOpen(fd);
  };
  // The client speaks TLS; the answer is plaintext HTTP.
  b["tls-plaintext-answer"] = [](int fd) {
    ReadHead(fd, 500);
    SendAll(fd, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  };
  // HTTP/0.9: content with no status line, then FIN.
  b["http09"] = [](int fd) {
    ReadHead(fd);
    SendAll(fd, "<html><body>no status line here</body></html>\n");
  };
  // Two complete responses to one request.
  b["two-responses"] = [](int fd) {
    ReadHead(fd);
    SendAll(fd, OkHead("Content-Length: 3\r\n\r\none") +
                    "HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\ntwo");
    HoldOpen(fd);
  };
  // Markup and script in the reason phrase, field names and values, content.
  b["script-injection"] = [](int fd) {
    ReadHead(fd);
    const std::string x = kXss;
    const std::string content = "<html>" + x + "</html>";
    SendAll(fd, "HTTP/1.1 200 " + x + "\r\n<script>alert(3)</script>: 1\r\nX-Xss: " + x +
                    "\r\nETag: \"" + x + "\"\r\nContent-Length: " + std::to_string(content.size()) +
                    "\r\n\r\n" + content);
    HoldOpen(fd);
  };
  // Invalid UTF-8 in the reason phrase, field names and values, content.
  b["invalid-utf8"] = [](int fd) {
    ReadHead(fd);
    const std::string u = kBadUtf8;
    SendAll(fd, "HTTP/1.1 200 " + u + "\r\nX-" + u + ": " + u + "\r\nETag: \"" + u +
                    "\"\r\nContent-Length: " + std::to_string(u.size()) + "\r\n\r\n" + u);
    HoldOpen(fd);
  };
  // Header lines one every 200 ms, forever (slowloris, server side).
  b["slowloris-fields"] = [](int fd) {
    ReadHead(fd);
    if (!SendAll(fd, OkHead())) return;
    for (int i = 0; SendAll(fd, "X-Slow-" + std::to_string(i) + ": z\r\n"); ++i) Sleep(200);
  };
  // Nothing but CRLFs, forever.
  b["only-crlf"] = [](int fd) {
    ReadHead(fd);
    Repeat(fd, "\r\n");
  };
  // A field line that never ends (no CRLF, ever).
  b["endless-field-line"] = [](int fd) {
    ReadHead(fd);
    if (SendAll(fd, OkHead() + "X-Long: ")) Repeat(fd, "L");
  };
  // Chunked content of one-byte chunks, forever.
  b["endless-chunks"] = [](int fd) {
    ReadHead(fd);
    if (SendAll(fd, OkHead("Transfer-Encoding: chunked\r\n\r\n"))) Repeat(fd, "1\r\nz\r\n");
  };
  // A last chunk, then trailer fields forever.
  b["endless-trailers"] = [](int fd) {
    ReadHead(fd);
    if (SendAll(fd, OkHead("Transfer-Encoding: chunked\r\n\r\n") + "0\r\n")) {
      Repeat(fd, "X-Trailer: t\r\n");
    }
  };
  // A 100 MiB gzip bomb behind Content-Encoding: gzip (about 100 KB on the wire).
  // The tool must not decode it: it checks the content as sent (RFC 9110 §8.4).
  b["gzip-bomb"] = [](int fd) {
    const std::string& bomb = GzipBomb();
    ReadHead(fd);
    SendAll(fd, OkHead("Content-Encoding: gzip\r\nContent-Length: " + std::to_string(bomb.size()) +
                       "\r\n\r\n") +
                    bomb);
    HoldOpen(fd);
  };
  // Negative and conflicting Content-Length, plus chunked (RFC 9112 §6.3).
  b["conflicting-framing"] = [](int fd) {
    ReadHead(fd);
    SendAll(fd, OkHead("Content-Length: -1\r\nContent-Length: 5\r\nContent-Length: 500\r\n"
                       "Transfer-Encoding: gzip, chunked, identity\r\n\r\nhello"));
    HoldOpen(fd);
  };
  // Random binary from the first byte.
  b["binary-noise"] = [](int fd) {
    ReadHead(fd);
    std::string noise;
    unsigned x = 2463534242u;
    for (int i = 0; i < 256 * 1024; ++i) {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      noise += static_cast<char>(x & 0xff);
    }
    SendAll(fd, noise);
  };
  // A status line and the start of the fields, then silence.
  b["stall-mid-head"] = [](int fd) {
    ReadHead(fd);
    SendAll(fd, "HTTP/1.1 200 OK\r\nContent-Le");
    HoldOpen(fd);
  };
  // A status code out of any range, a version from the future.
  b["absurd-status"] = [](int fd) {
    ReadHead(fd);
    SendAll(fd, "HTTP/9.9 99999999999999999999 Wat\r\nContent-Length: 0\r\n\r\n");
    HoldOpen(fd);
  };
  // One connection at a time (backlog 1), each answered after 50 ms with a
  // correct 404 and closed. Special-cased in main(): no thread per client.
  b["serial"] = [](int fd) {
    const std::string head = ReadHead(fd);
    if (head.empty()) return;
    Sleep(50);
    SendAll(fd, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  };
  hostile::AddLargeResponses(&b);
  return b;
}

int Usage(const char* why) {
  std::fprintf(stderr,
               "hostile_server: %s\nusage: hostile_server --behaviour NAME --port-file PATH\n"
               "       hostile_server --list\n",
               why);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string behaviour, port_file;
  const auto behaviours = Behaviours();
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--list") {
      for (const auto& [name, handler] : behaviours) std::printf("%s\n", name.c_str());
      return 0;
    }
    if (i + 1 >= argc) return Usage("missing value");
    if (arg == "--behaviour") {
      behaviour = argv[++i];
    } else if (arg == "--port-file") {
      port_file = argv[++i];
    } else {
      return Usage("unknown flag");
    }
  }
  auto it = behaviours.find(behaviour);
  if (it == behaviours.end()) return Usage("unknown behaviour");
  if (port_file.empty()) return Usage("--port-file is required");

  signal(SIGPIPE, SIG_IGN);
  signal(SIGTERM, OnTerminate);
  signal(SIGINT, OnTerminate);
  signal(SIGALRM, OnTerminate);
  alarm(kLifetimeSeconds);

  if (behaviour == "gzip-bomb") GzipBomb();
  hostile::PrepareLargeResponse(behaviour);
  const bool serial = behaviour == "serial";
  const int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  const int one = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      listen(listener, serial ? 1 : 128) != 0) {
    std::perror("hostile_server: bind/listen");
    return 1;
  }
  socklen_t length = sizeof address;
  getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  {
    // Written then renamed, so a reader never sees a half-written port.
    const std::string tmp = port_file + ".tmp";
    std::ofstream(tmp) << ntohs(address.sin_port) << "\n";
    std::rename(tmp.c_str(), port_file.c_str());
  }
  const Handler handler = it->second;
  for (;;) {
    const int fd = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      Sleep(10);
      continue;
    }
    if (serial) {
      handler(fd);
      close(fd);
    } else {
      std::thread([handler, fd] {
        handler(fd);
        close(fd);
      }).detach();
    }
  }
}
