// TLS client setup shared by every OpenSSL client of the project (the raw
// transport, and through it the preflight and discovery). Certificates are
// checked as curl checks them: against the system CA store, or only against
// the file of --cacert; the name in the URL must be one the certificate
// names (a DNS name, or an IP address for an IP literal); SNI carries host
// names only (RFC 6066 §3). `-k/--insecure` (verify_tls false) skips both
// checks. A failed handshake is told in words, with error code "tls-verify"
// when the certificate was the problem, so callers can say what to do.
#ifndef HTTPCONFORM_TRANSPORT_TLS_H_
#define HTTPCONFORM_TRANSPORT_TLS_H_

#include <openssl/ssl.h>

#include <memory>
#include <string>
#include <string_view>

#include "harness/core/expected.h"
#include "harness/transport/transport.h"

namespace httpconform::transport {

/// Error code of a handshake that failed on the server's certificate.
inline constexpr char kTlsVerifyError[] = "tls-verify";
/// Error code of any other failed handshake.
inline constexpr char kTlsError[] = "tls";

/// A client context for `options`: verification per verify_tls and ca_file,
/// ALPN offering `alpn` (wire format: length-prefixed names; empty: none).
/// Error code "tls" when OpenSSL cannot set it up or ca_file cannot be read.
core::Expected<std::shared_ptr<SSL_CTX>> MakeClientTlsContext(const TransportOptions& options,
                                                              std::string_view alpn);

/// Per connection, before the handshake: SNI for host names and, when
/// `verify`, the host name or IP address the certificate must match.
void PrepareClientTls(SSL* ssl, const std::string& host, bool verify);

/// Why the handshake on `ssl` failed (call right after it did; reads
/// OpenSSL's error queue): "certificate verify failed: self-signed
/// certificate" (code kTlsVerifyError), else OpenSSL's reasons (kTlsError).
/// `prefix` starts the message.
core::Error TlsHandshakeError(SSL* ssl, const std::string& prefix);

/// OpenSSL's queued error reasons joined with "; " (and the queue emptied).
std::string OpenSslErrors();

}  // namespace httpconform::transport

#endif  // HTTPCONFORM_TRANSPORT_TLS_H_
