// The reference gateway as an authenticating proxy (`serve --gateway ORIGIN
// --proxy-auth USER:PASS`, RFC 9110 §11.7): a request must carry the Basic
// credentials for USER:PASS in Proxy-Authorization; one without them, or
// with others, is answered 407 (Proxy Authentication Required) with a
// Proxy-Authenticate challenge (§15.5.8, §11.7.1) and not forwarded; one
// with them is forwarded without Proxy-Authorization, which this proxy
// consumed (§11.7.2). Pure functions over fields, tested without sockets.
#ifndef HTTPCONFORM_PROXY_PROXY_AUTH_H_
#define HTTPCONFORM_PROXY_PROXY_AUTH_H_

#include <string>

#include "harness/core/message.h"

namespace httpconform::proxy {

/// "Basic " and the base64 of `user_pass` (RFC 7617).
std::string BasicCredentials(const std::string& user_pass);

enum class ProxyAuth { kNotRequired, kAccepted, kMissing, kInvalid };

/// How `fields` answer a proxy that expects `credentials` ("" requires none):
/// the auth-scheme compares case-insensitively, the token exactly.
ProxyAuth CheckProxyAuth(const core::Fields& fields, const std::string& credentials);

/// The challenge this proxy sends.
inline constexpr char kProxyChallenge[] = "Basic realm=\"httpconform gateway\", charset=\"UTF-8\"";

/// `fields` without Proxy-Authorization.
core::Fields WithoutProxyAuthorization(const core::Fields& fields);

}  // namespace httpconform::proxy

#endif  // HTTPCONFORM_PROXY_PROXY_AUTH_H_
