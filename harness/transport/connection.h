// Connection: one byte stream to a server, behind a narrow interface.
//
// Design: everything above this interface speaks HTTP (the HTTP/1.1 session
// in raw_session.cc, the network fuzzer's client, and next an HTTP/2
// transport); everything below it is sockets, TLS and poll(). A Connection
// moves bytes and nothing else: it writes all of a buffer or says why not,
// reads what has arrived, half-closes, closes, and says whether the peer is
// gone. Every call that may wait takes an absolute deadline and returns by
// it, whatever the peer does, so a caller's time budget is a number it
// computes, never a property of the network. Errors while connecting are
// core::Error values ("connect", or "tls"/"tls-verify" from tls.h); errors
// afterwards are an Io value, because an EOF or a reset is an answer an HTTP
// layer must judge, not a failure of the program.
//
// Two implementations live beside this file: TcpConnection (a non-blocking
// socket, tcp_connection.cc) and TlsConnection (OpenSSL over one,
// tls_connection.cc); tests use FakeConnection (fake_connection_for_testing.h),
// a scripted peer in memory, so the timing of a session can be tested without
// sockets or sleeps.
#ifndef HTTPCONFORM_TRANSPORT_CONNECTION_H_
#define HTTPCONFORM_TRANSPORT_CONNECTION_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "harness/core/expected.h"

typedef struct ssl_ctx_st SSL_CTX;

namespace httpconform::transport {

using Clock = std::chrono::steady_clock;
/// An absolute time by which a call returns.
using Deadline = Clock::time_point;

/// `ms` from now (a negative `ms` is now).
Deadline After(int ms);
/// Whole milliseconds left before `deadline`, rounded up; 0 once it passed.
int RemainingMs(Deadline deadline);

/// How an I/O call ended.
enum class Io {
  kOk,       ///< Bytes moved.
  kEof,      ///< The peer closed its side (FIN, or a TLS close): nothing more will arrive.
  kReset,    ///< The connection is unusable (RST, EPIPE, a TLS error, or closed by us).
  kTimeout,  ///< The deadline came first.
};

/// One connected byte stream; see the file comment.
class Connection {
 public:
  virtual ~Connection() = default;

  /// Writes all of `bytes`, or stops at a reset or the deadline; `*written`
  /// counts what went out either way.
  virtual Io WriteAll(std::string_view bytes, Deadline deadline, std::size_t* written) = 0;

  /// Appends at least one and at most `max` bytes to `*out` (kOk), or says
  /// why none came before `deadline`. Bytes already arrived are taken even
  /// when the deadline has passed: `ReadSome(out, max, Clock::now())` looks
  /// without waiting.
  virtual Io ReadSome(std::string* out, std::size_t max, Deadline deadline) = 0;

  /// Half-close: no more bytes from us (for TLS a close_notify, then FIN).
  virtual void ShutdownWrite() = 0;

  /// Closes both directions; later calls return kReset. Idempotent.
  virtual void Close() = 0;

  /// False once Close() was called (by the owner, or after a fatal error).
  virtual bool open() const = 0;

  /// Whether the peer has closed or reset the connection, looking without
  /// waiting and without consuming any byte: unread bytes in front of a
  /// close hide it (they are for the caller to read first).
  virtual bool PeerGone() = 0;

  /// The protocol the server chose by ALPN (RFC 7301), e.g. "h2" or
  /// "http/1.1"; empty for plain TCP or when the server chose none.
  virtual std::string alpn_protocol() const { return {}; }
};

/// Where and how to connect.
struct ConnectOptions {
  std::string host;  ///< A name, or an IPv4/IPv6 literal (no brackets).
  int port = 0;
  /// Non-null: TLS with this context (tls.h: MakeClientTlsContext), which
  /// holds the verification settings (verify, -k, --cacert).
  SSL_CTX* tls = nullptr;
  /// With `tls`: whether the certificate must name `host` (false is -k).
  bool verify_tls = true;
  /// With `tls`: the ALPN list for this connection in wire format
  /// ("\x02h2\x08http/1.1"), replacing the context's; empty keeps it.
  std::string alpn;
};

/// Connects to every address `host` resolves to, in order, until one
/// accepts; TCP_NODELAY is set (small requests and timed segments leave when
/// written). Then, with `tls`, the handshake. All before `deadline`. Errors:
/// "connect" ("cannot connect to HOST:PORT: why"), or from the handshake
/// "tls-verify"/"tls" (tls.h), each naming HOST:PORT.
core::Expected<std::unique_ptr<Connection>> Connect(const ConnectOptions& options,
                                                    Deadline deadline);

/// Makes a connection by a deadline: Connect() bound to its options, or a
/// scripted fake in tests.
using Connector = std::function<core::Expected<std::unique_ptr<Connection>>(Deadline deadline)>;

/// The Connector of a transport's sessions to one target: `options` with
/// their `tls` context kept alive by the connector (a session may outlive
/// its transport). `https` without a context fails every connect with
/// `tls_error`, the reason the context could not be made.
Connector TargetConnector(ConnectOptions options, bool https, std::shared_ptr<SSL_CTX> tls,
                          std::string tls_error);

/// "host:port", with brackets around an IPv6 literal.
std::string HostPort(const std::string& host, int port);

}  // namespace httpconform::transport

#endif  // HTTPCONFORM_TRANSPORT_CONNECTION_H_
