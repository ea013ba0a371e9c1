// The reference server's TLS (see tls_server.h). The relay uses
// non-blocking sockets and polls in 100 ms slices, as the rest of the
// server does, so that a stop is seen promptly and no peer can hold it.
#include "harness/server/tls_server.h"

#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <string_view>

namespace httpconform::server {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kSliceMs = 100;

std::string Errors() {
  std::string text;
  while (unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    text += (text.empty() ? "" : "; ") + std::string(buffer);
  }
  return text.empty() ? "unknown TLS error" : text;
}

// ALPN (RFC 7301 §3.2): h2 when offered, else http/1.1; no protocol in
// common is no ALPN at all, and the connection loop tells the version by
// what the client sends.
int SelectAlpn(SSL*, const unsigned char** out, unsigned char* outlen, const unsigned char* in,
               unsigned int inlen, void*) {
  for (std::string_view want : {std::string_view("h2"), std::string_view("http/1.1")}) {
    for (unsigned int i = 0; i < inlen;) {
      const unsigned int n = in[i];
      if (i + 1 + n > inlen) break;
      if (std::string_view(reinterpret_cast<const char*>(in + i + 1), n) == want) {
        *out = in + i + 1;
        *outlen = static_cast<unsigned char>(n);
        return SSL_TLSEXT_ERR_OK;
      }
      i += 1 + n;
    }
  }
  return SSL_TLSEXT_ERR_NOACK;
}

core::Expected<void> UseSelfSigned(SSL_CTX* ctx) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* cert = X509_new();
  bool ok = key != nullptr && cert != nullptr;
  if (ok) {
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), static_cast<long>(std::time(nullptr)));
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509V3_CTX v3;
    X509V3_set_ctx_nodb(&v3);
    X509V3_set_ctx(&v3, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* san = X509V3_EXT_conf_nid(nullptr, &v3, NID_subject_alt_name,
                                              "DNS:localhost,IP:127.0.0.1,IP:::1");
    ok = san != nullptr && X509_add_ext(cert, san, -1) == 1;
    X509_EXTENSION_free(san);
    ok = ok && X509_sign(cert, key, EVP_sha256()) > 0 && SSL_CTX_use_certificate(ctx, cert) == 1 &&
         SSL_CTX_use_PrivateKey(ctx, key) == 1;
  }
  X509_free(cert);
  EVP_PKEY_free(key);
  if (!ok) return core::MakeError("tls", "cannot make a self-signed certificate: " + Errors());
  return {};
}

// Waits until `fd` is ready for what OpenSSL asked for (`ssl_error`).
bool WaitFor(int fd, int ssl_error, Clock::time_point deadline, const std::atomic<bool>& stopping) {
  pollfd p{fd, static_cast<short>(ssl_error == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN), 0};
  while (!stopping && Clock::now() < deadline) {
    if (::poll(&p, 1, kSliceMs) != 0) return true;
  }
  return false;
}

}  // namespace

core::Expected<std::shared_ptr<SSL_CTX>> MakeServerTlsContext(const std::string& cert_file,
                                                              const std::string& key_file) {
  ERR_clear_error();
  SSL_CTX* raw = SSL_CTX_new(TLS_server_method());
  if (raw == nullptr) return core::MakeError("tls", Errors());
  std::shared_ptr<SSL_CTX> ctx(raw, SSL_CTX_free);
  // RFC 9113 §9.2: TLS 1.2 or later for HTTP/2.
  SSL_CTX_set_min_proto_version(raw, TLS1_2_VERSION);
  SSL_CTX_set_alpn_select_cb(raw, SelectAlpn, nullptr);
  if (cert_file.empty() && key_file.empty()) {
    if (core::Expected<void> made = UseSelfSigned(raw); !made) return made.error();
    return ctx;
  }
  if (SSL_CTX_use_certificate_chain_file(raw, cert_file.c_str()) != 1) {
    return core::MakeError("tls", "cannot use certificate " + cert_file + ": " + Errors());
  }
  if (SSL_CTX_use_PrivateKey_file(raw, key_file.c_str(), SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(raw) != 1) {
    return core::MakeError("tls", "cannot use key " + key_file + ": " + Errors());
  }
  return ctx;
}

void RelayTls(SSL_CTX* ctx, int tcp_fd, int inner_fd, int timeout_ms,
              const std::atomic<bool>& stopping) {
  ::fcntl(tcp_fd, F_SETFL, ::fcntl(tcp_fd, F_GETFL) | O_NONBLOCK);
  ::fcntl(inner_fd, F_SETFL, ::fcntl(inner_fd, F_GETFL) | O_NONBLOCK);
  SSL* ssl = SSL_new(ctx);
  auto timeout = std::chrono::milliseconds(timeout_ms);
  auto deadline = Clock::now() + timeout;
  bool ok = ssl != nullptr && SSL_set_fd(ssl, tcp_fd) == 1;
  while (ok) {
    const int rv = SSL_accept(ssl);
    if (rv == 1) break;
    const int err = SSL_get_error(ssl, rv);
    ok = (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) &&
         WaitFor(tcp_fd, err, deadline, stopping);
  }
  bool client_open = true;  // The TLS side still sends.
  char buffer[16384];
  while (ok && !stopping && Clock::now() < deadline) {
    bool moved = false;
    // TLS -> inner.
    if (client_open) {
      const int n = SSL_read(ssl, buffer, sizeof buffer);
      if (n > 0) {
        moved = true;
        for (int off = 0; ok && off < n;) {
          const ssize_t w = ::send(inner_fd, buffer + off, n - off, MSG_NOSIGNAL);
          if (w > 0) {
            off += static_cast<int>(w);
          } else if (w < 0 && (errno == EAGAIN || errno == EINTR)) {
            ok = WaitFor(inner_fd, SSL_ERROR_WANT_WRITE, deadline, stopping);
          } else {
            ok = false;
          }
        }
      } else {
        const int err = SSL_get_error(ssl, n);
        if (err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE) {
          client_open = false;  // close_notify, EOF or an error: no more from the client.
          ::shutdown(inner_fd, SHUT_WR);
        }
      }
    }
    // Inner -> TLS.
    const ssize_t n = ::recv(inner_fd, buffer, sizeof buffer, 0);
    if (n == 0) break;  // The connection loop is done.
    if (n > 0) {
      moved = true;
      for (int off = 0; ok && off < n;) {
        const int w = SSL_write(ssl, buffer + off, static_cast<int>(n) - off);
        if (w > 0) {
          off += w;
          continue;
        }
        const int err = SSL_get_error(ssl, w);
        ok = (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) &&
             WaitFor(tcp_fd, err, deadline, stopping);
      }
    } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      break;
    }
    if (moved) {
      deadline = Clock::now() + timeout;
    } else if (SSL_pending(ssl) == 0) {
      // Once the client is done sending, its socket would report the hang-up
      // at every poll: wait on the inner side alone.
      pollfd p[2] = {{inner_fd, POLLIN, 0}, {tcp_fd, POLLIN, 0}};
      ::poll(p, client_open ? 2 : 1, kSliceMs);
    }
  }
  if (ssl != nullptr) {
    if (ok) SSL_shutdown(ssl);
    SSL_free(ssl);
  }
  ::close(tcp_fd);
  ::close(inner_fd);
}

}  // namespace httpconform::server
