#include "reports/html_common.h"

#include <array>
#include <cstdint>

#include "reports/sha256.h"

namespace httpconform::reports {

std::string CspHash(std::string_view text) {
  const std::array<std::uint8_t, 32> digest = Sha256(text);
  return "'sha256-" +
         Base64(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size())) +
         "'";
}

namespace {

// Sections are "13.1.2" or appendices "A.2".
bool IsSectionName(const std::string& s) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  for (char c : s) {
    const bool ok =
        (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.';
    if (!ok) return false;
  }
  return s.find("..") == std::string::npos;
}

}  // namespace

std::string RfcSectionUrl(const core::SpecRef& spec) {
  if (spec.rfc <= 0) return "";
  std::string url = "https://www.rfc-editor.org/rfc/rfc" + std::to_string(spec.rfc);
  if (IsSectionName(spec.section)) {
    const bool appendix = spec.section[0] >= 'A' && spec.section[0] <= 'Z';
    url += (appendix ? "#appendix-" : "#section-") + spec.section;
  }
  return url;
}

void AppendJsonForScript(std::string_view json, std::string* out) {
  std::size_t specials = 0;
  for (char c : json) specials += c == '<' || c == '>' || c == '&';
  out->reserve(out->size() + json.size() + 5 * specials);
  for (char c : json) {
    if (c == '<') {
      *out += "\\u003c";
    } else if (c == '>') {
      *out += "\\u003e";
    } else if (c == '&') {
      *out += "\\u0026";
    } else {
      out->push_back(c);
    }
  }
}

std::string JsonForScript(std::string_view json) {
  std::string out;
  AppendJsonForScript(json, &out);
  return out;
}

}  // namespace httpconform::reports
