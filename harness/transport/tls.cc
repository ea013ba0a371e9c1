// TLS client setup (see tls.h). What curl does with --cacert is what this
// does with ca_file: the file replaces the system store rather than adding
// to it, so a run trusts exactly what the user named.
#include "harness/transport/tls.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

namespace httpconform::transport {
namespace {

bool IsIpLiteral(const std::string& host) {
  unsigned char buffer[sizeof(struct in6_addr)];
  return inet_pton(AF_INET, host.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

}  // namespace

std::string OpenSslErrors() {
  std::string text;
  while (unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    if (!text.empty()) text += "; ";
    text += buffer;
  }
  return text.empty() ? "unknown TLS error" : text;
}

core::Expected<std::shared_ptr<SSL_CTX>> MakeClientTlsContext(const TransportOptions& options,
                                                              std::string_view alpn) {
  ERR_clear_error();
  SSL_CTX* raw = SSL_CTX_new(TLS_client_method());
  if (raw == nullptr) return core::MakeError(kTlsError, OpenSslErrors());
  std::shared_ptr<SSL_CTX> ctx(raw, SSL_CTX_free);
  // Servers often close without close_notify; that is an end of stream to us.
  SSL_CTX_set_options(raw, SSL_OP_IGNORE_UNEXPECTED_EOF);
  if (!alpn.empty()) {
    SSL_CTX_set_alpn_protos(raw, reinterpret_cast<const unsigned char*>(alpn.data()),
                            static_cast<unsigned int>(alpn.size()));
  }
  if (!options.verify_tls) {
    SSL_CTX_set_verify(raw, SSL_VERIFY_NONE, nullptr);
    return ctx;
  }
  if (!options.ca_file.empty()) {
    if (SSL_CTX_load_verify_locations(raw, options.ca_file.c_str(), nullptr) != 1) {
      return core::MakeError(kTlsError, "cannot load CA certificates from " + options.ca_file +
                                            ": " + OpenSslErrors());
    }
  } else if (SSL_CTX_set_default_verify_paths(raw) != 1) {
    return core::MakeError(kTlsError, "cannot load the system CA store: " + OpenSslErrors());
  }
  SSL_CTX_set_verify(raw, SSL_VERIFY_PEER, nullptr);
  return ctx;
}

void PrepareClientTls(SSL* ssl, const std::string& host, bool verify) {
  const bool ip = IsIpLiteral(host);
  // RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted in "HostName"."
  if (!ip) SSL_set_tlsext_host_name(ssl, host.c_str());
  if (!verify) return;
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
  // An IP literal must be an iPAddress SAN, not a DNS name that looks like one.
  if (ip) {
    X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
  } else {
    X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size());
  }
}

core::Error TlsHandshakeError(SSL* ssl, const std::string& prefix) {
  const long verify = SSL_get_verify_result(ssl);
  if (verify != X509_V_OK && SSL_get_verify_mode(ssl) != SSL_VERIFY_NONE) {
    ERR_clear_error();
    return core::MakeError(kTlsVerifyError, prefix + "certificate verify failed: " +
                                                X509_verify_cert_error_string(verify));
  }
  return core::MakeError(kTlsError, prefix + OpenSslErrors());
}

}  // namespace httpconform::transport
