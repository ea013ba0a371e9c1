// gzip without compression: see content_coding.h.
#include "harness/server/content_coding.h"

#include <algorithm>

namespace httpconform::server {
namespace {

void PutLe16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>((v >> 8) & 0xff);
}

void PutLe32(std::string& out, std::uint32_t v) {
  PutLe16(out, v & 0xffff);
  PutLe16(out, v >> 16);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// §12.4.2: a weight of zero is "0" with up to three zero decimals.
bool IsZeroWeight(std::string_view q) {
  if (q.empty() || q[0] != '0') return false;
  if (q.size() == 1) return true;
  if (q[1] != '.' || q.size() > 5) return false;
  return std::all_of(q.begin() + 2, q.end(), [](char c) { return c == '0'; });
}

}  // namespace

std::uint32_t Crc32(std::string_view data) {
  std::uint32_t crc = 0xffffffffu;
  for (unsigned char byte : data) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return crc ^ 0xffffffffu;
}

std::string GzipStored(std::string_view data) {
  // RFC 1952 §2.3: magic, CM=8 (deflate), no flags, no MTIME, XFL 0, OS 255.
  std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
  std::size_t pos = 0;
  do {
    // RFC 1951 §3.2.4: BFINAL, BTYPE=00, then LEN and its complement.
    const std::size_t len = std::min<std::size_t>(data.size() - pos, 65535);
    const bool final_block = pos + len == data.size();
    out += static_cast<char>(final_block ? 1 : 0);
    PutLe16(out, static_cast<std::uint32_t>(len));
    PutLe16(out, static_cast<std::uint32_t>(~len & 0xffff));
    out.append(data.substr(pos, len));
    pos += len;
  } while (pos < data.size());
  PutLe32(out, Crc32(data));
  PutLe32(out, static_cast<std::uint32_t>(data.size() & 0xffffffffu));
  return out;
}

bool AcceptsGzip(const core::Fields& fields) {
  for (const std::string& member : core::FieldListMembers(fields, "Accept-Encoding")) {
    // codings = ( content-coding / "identity" / "*" ) [ weight ], where
    // weight = OWS ";" OWS "q=" qvalue (§12.5.3, §12.4.2).
    std::string_view m(member);
    const std::size_t semi = m.find(';');
    const std::string coding = Lower(Trim(m.substr(0, semi)));
    if (coding != "gzip" && coding != "x-gzip" && coding != "*") continue;
    bool zero = false;
    if (semi != std::string_view::npos) {
      std::string_view weight = Trim(m.substr(semi + 1));
      if (weight.size() >= 2 && (weight[0] == 'q' || weight[0] == 'Q') && weight[1] == '=') {
        zero = IsZeroWeight(Trim(weight.substr(2)));
      }
    }
    if (!zero) return true;
  }
  return false;
}

}  // namespace httpconform::server
