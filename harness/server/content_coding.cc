// gzip by zlib and Accept-Encoding: see content_coding.h.
#include "harness/server/content_coding.h"

#include <zlib.h>

#include <algorithm>

#include "harness/wire/syntax.h"

namespace httpconform::server {
namespace {

// §12.4.2: a weight of zero is "0" with up to three zero decimals.
bool IsZeroWeight(std::string_view q) {
  if (q.empty() || q[0] != '0') return false;
  if (q.size() == 1) return true;
  if (q[1] != '.' || q.size() > 5) return false;
  return std::all_of(q.begin() + 2, q.end(), [](char c) { return c == '0'; });
}

}  // namespace

std::string Gzip(std::string_view data) {
  // windowBits 15 + 16: a gzip member (RFC 1952) rather than a zlib stream.
  z_stream zs{};
  if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return std::string();
  }
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END ? out : std::string();
}

bool AcceptsGzip(const core::Fields& fields) {
  for (const std::string& member : core::FieldListMembers(fields, "Accept-Encoding")) {
    // codings = ( content-coding / "identity" / "*" ) [ weight ], where
    // weight = OWS ";" OWS "q=" qvalue (§12.5.3, §12.4.2).
    std::string_view m(member);
    const std::size_t semi = m.find(';');
    const std::string coding = wire::AsciiLower(wire::TrimOws(m.substr(0, semi)));
    if (coding != "gzip" && coding != "x-gzip" && coding != "*") continue;
    bool zero = false;
    if (semi != std::string_view::npos) {
      std::string_view weight = wire::TrimOws(m.substr(semi + 1));
      if (weight.size() >= 2 && (weight[0] == 'q' || weight[0] == 'Q') && weight[1] == '=') {
        zero = IsZeroWeight(wire::TrimOws(weight.substr(2)));
      }
    }
    if (!zero) return true;
  }
  return false;
}

}  // namespace httpconform::server
