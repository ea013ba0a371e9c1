// SHA-256 (FIPS 180-4) and base64 (RFC 4648 §4) behind a small interface:
// the HTML report's Content-Security-Policy allows exactly our own inline
// script by hash ('sha256-...', CSP Level 3), so markup that ever slipped
// through escaping still could not run; JSON reports record a digest of each
// response's content. Both are OpenSSL's (sha256.cc); callers see no OpenSSL.
#ifndef HTTPCONFORM_REPORTS_SHA256_H_
#define HTTPCONFORM_REPORTS_SHA256_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace httpconform::reports {

/// The SHA-256 digest of `data`.
std::array<std::uint8_t, 32> Sha256(std::string_view data);
/// Standard base64 with padding.
std::string Base64(std::string_view data);

}  // namespace httpconform::reports

#endif  // HTTPCONFORM_REPORTS_SHA256_H_
