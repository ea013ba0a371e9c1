// TLS for the reference server: a server context (a certificate and key
// from files, or a throwaway self-signed one made at start), ALPN choosing
// "h2" over "http/1.1" (RFC 7301, RFC 9113 §3.2), and a relay that carries
// one TLS connection's plaintext to a socket the ordinary connection loop
// serves. The loop then sees the same bytes as over cleartext and tells
// HTTP/2 from HTTP/1.1 by the client preface, so both versions, and every
// fault, behave the same with and without TLS.
#ifndef HTTPCONFORM_SERVER_TLS_SERVER_H_
#define HTTPCONFORM_SERVER_TLS_SERVER_H_

#include <openssl/ssl.h>

#include <atomic>
#include <memory>
#include <string>

#include "harness/core/expected.h"

namespace httpconform::server {

/// A server context from PEM files, or, when both are empty, with a fresh
/// self-signed certificate (P-256, for "localhost", 127.0.0.1 and ::1, valid
/// one day). Error code "tls" when a file cannot be used.
core::Expected<std::shared_ptr<SSL_CTX>> MakeServerTlsContext(const std::string& cert_file,
                                                              const std::string& key_file);

/// Handshakes on `tcp_fd` (within `timeout_ms`), then copies plaintext both
/// ways between it and `inner_fd` until either side ends, nothing moves for
/// `timeout_ms`, or `stopping`. Closes both descriptors.
void RelayTls(SSL_CTX* ctx, int tcp_fd, int inner_fd, int timeout_ms,
              const std::atomic<bool>& stopping);

}  // namespace httpconform::server

#endif  // HTTPCONFORM_SERVER_TLS_SERVER_H_
