// ParseTarget: the URL given to `httpconform run` → Target.
//
// Deliberately narrow: http and https only, no userinfo (RFC 9110 §4.2.4
// deprecates it and we would never send it), bracketed IPv6 literals
// (RFC 3986 §3.2.2), an optional decimal port, and everything from the first
// "/" or "?" kept verbatim as the base path. The fragment is dropped: it is
// never sent (RFC 9110 §4.2.5). Errors quote the URL and say what is wrong.
#include "harness/transport/transport.h"

#include <cctype>
#include <string>

namespace httpconform::transport {
namespace {

core::Error UrlError(const std::string& url, const std::string& what) {
  return core::MakeError("usage", "invalid URL \"" + url + "\": " + what);
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

core::Expected<Target> ParseTarget(const std::string& url) {
  Target target;
  const std::size_t colon_slashes = url.find("://");
  if (colon_slashes == std::string::npos) {
    return UrlError(url, "expected http:// or https://");
  }
  target.scheme = Lower(url.substr(0, colon_slashes));
  int default_port = 0;
  if (target.scheme == "http") {
    default_port = 80;
  } else if (target.scheme == "https") {
    default_port = 443;
  } else {
    return UrlError(url, "expected http:// or https://");
  }

  const std::size_t authority_begin = colon_slashes + 3;
  std::size_t authority_end = url.find_first_of("/?#", authority_begin);
  if (authority_end == std::string::npos) authority_end = url.size();
  const std::string authority = url.substr(authority_begin, authority_end - authority_begin);
  if (authority.find('@') != std::string::npos) {
    return UrlError(url, "user information (\"user@\") is not supported");
  }

  std::string port_text;
  bool has_port = false;
  if (!authority.empty() && authority[0] == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string::npos) return UrlError(url, "missing \"]\" after IPv6 address");
    target.host = authority.substr(1, close - 1);
    if (target.host.empty() ||
        target.host.find_first_not_of("0123456789abcdefABCDEF:.") != std::string::npos) {
      return UrlError(url, "invalid IPv6 address \"" + target.host + "\"");
    }
    const std::string rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') return UrlError(url, "unexpected \"" + rest + "\" after IPv6 address");
      has_port = true;
      port_text = rest.substr(1);
    }
  } else {
    const std::size_t colon = authority.find(':');
    target.host = authority.substr(0, colon);
    if (colon != std::string::npos) {
      has_port = true;
      port_text = authority.substr(colon + 1);
    }
    if (target.host.empty()) return UrlError(url, "missing host");
    for (char c : target.host) {
      const unsigned char u = static_cast<unsigned char>(c);
      // reg-name / IPv4address characters (RFC 3986 §3.2.2), minus pct-encoding.
      if (!std::isalnum(u) && c != '-' && c != '.' && c != '_' && c != '~') {
        return UrlError(url, std::string("invalid character '") + c + "' in host");
      }
    }
  }

  target.port = default_port;
  if (has_port && !port_text.empty()) {  // RFC 3986 §3.2.3: an empty port means the default.
    if (port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(port_text) < 1 || std::stoi(port_text) > 65535) {
      return UrlError(url, "port \"" + port_text + "\" is not a number in 1..65535");
    }
    target.port = std::stoi(port_text);
  }

  const bool ipv6 = target.host.find(':') != std::string::npos;
  target.authority = ipv6 ? "[" + target.host + "]" : target.host;
  if (target.port != default_port) target.authority += ":" + std::to_string(target.port);

  std::string path = url.substr(authority_end);
  const std::size_t hash = path.find('#');
  if (hash != std::string::npos) path.resize(hash);
  if (path.empty() || path[0] != '/') path = "/" + path;  // "?q" → "/?q" (RFC 9112 §3.2.1).
  for (char c : path) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) {
      return UrlError(url, "path contains a space or control character; percent-encode it");
    }
  }
  target.base_path = path;
  return target;
}

}  // namespace httpconform::transport
