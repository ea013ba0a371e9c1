// SHA-256 and base64 by OpenSSL's libcrypto (EVP), which the project links
// already: one implementation, tested by the FIPS 180-4 and RFC 4648
// vectors in text_test.cc.
#include "reports/sha256.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstddef>

namespace httpconform::reports {

std::array<std::uint8_t, 32> Sha256(std::string_view data) {
  std::array<std::uint8_t, 32> digest{};
  unsigned int size = 0;
  // EVP_Digest fails only when libcrypto cannot allocate a context; the
  // digest is then all zeros, which no CSP hash or content digest matches.
  if (EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 ||
      size != digest.size()) {
    digest.fill(0);
  }
  return digest;
}

std::string Base64(std::string_view data) {
  std::string out;
  // EVP_EncodeBlock takes an int length: encode in whole 3-byte groups of at
  // most 48 MiB so that any size works (each group's output is 4/3 of it).
  constexpr std::size_t kChunk = 3 * (16u << 20);
  for (std::size_t at = 0; at < data.size(); at += kChunk) {
    const std::size_t n = std::min(kChunk, data.size() - at);
    const std::size_t start = out.size();
    out.resize(start + 4 * ((n + 2) / 3) + 1);
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(&out[start]),
                                        reinterpret_cast<const unsigned char*>(data.data() + at),
                                        static_cast<int>(n));
    out.resize(start + static_cast<std::size_t>(written));
  }
  return out;
}

}  // namespace httpconform::reports
