#include "harness/proxy/proxy_auth.h"

namespace httpconform::proxy {

std::string BasicCredentials(const std::string& user_pass) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out = "Basic ";
  std::size_t i = 0;
  for (; i + 2 < user_pass.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(user_pass[i]) << 16) |
                       (static_cast<unsigned char>(user_pass[i + 1]) << 8) |
                       static_cast<unsigned char>(user_pass[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6) out += kAlphabet[(v >> shift) & 63];
  }
  const std::size_t left = user_pass.size() - i;
  if (left > 0) {
    unsigned v = static_cast<unsigned char>(user_pass[i]) << 16;
    if (left == 2) v |= static_cast<unsigned char>(user_pass[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += left == 2 ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

ProxyAuth CheckProxyAuth(const core::Fields& fields, const std::string& credentials) {
  if (credentials.empty()) return ProxyAuth::kNotRequired;
  const core::Field* f = core::FindField(fields, "Proxy-Authorization");
  if (f == nullptr) return ProxyAuth::kMissing;
  const std::size_t space = f->value.find(' ');
  const std::size_t want_space = credentials.find(' ');
  if (space == std::string::npos ||
      !core::EqualsIgnoreCase(f->value.substr(0, space), credentials.substr(0, want_space))) {
    return ProxyAuth::kInvalid;
  }
  const std::size_t token = f->value.find_first_not_of(' ', space);
  return token != std::string::npos && f->value.substr(token) == credentials.substr(want_space + 1)
             ? ProxyAuth::kAccepted
             : ProxyAuth::kInvalid;
}

core::Fields WithoutProxyAuthorization(const core::Fields& fields) {
  core::Fields out;
  for (const core::Field& f : fields) {
    if (!core::EqualsIgnoreCase(f.name, "Proxy-Authorization")) out.push_back(f);
  }
  return out;
}

}  // namespace httpconform::proxy
