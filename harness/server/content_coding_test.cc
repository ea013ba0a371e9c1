// The gzip coding (round trips through zlib inflate) and the Accept-Encoding
// decisions, as a table.
#include "harness/server/content_coding.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

namespace httpconform::server {
namespace {

// Inflates a gzip member with zlib (windowBits 15 + 16 accepts gzip only).
std::string Gunzip(const std::string& gz) {
  z_stream zs{};
  EXPECT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  zs.avail_in = static_cast<uInt>(gz.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  EXPECT_EQ(rc, Z_STREAM_END);
  return out;
}

TEST(ContentCodingTest, GzipIsOneGzipMemberOfTheContent) {
  for (const std::string& data : {std::string(), std::string("a"), std::string(70000, 'x'),
                                  std::string("0123456789abcdef\r\n", 18)}) {
    const std::string gz = Gzip(data);
    ASSERT_GE(gz.size(), 18u) << data.size();
    EXPECT_EQ(gz.substr(0, 3), std::string("\x1f\x8b\x08", 3));  // RFC 1952 magic, deflate.
    EXPECT_EQ(Gunzip(gz), data);
  }
  // 70000 equal octets compress: the member is no stored copy.
  EXPECT_LT(Gzip(std::string(70000, 'x')).size(), 1000u);
}

TEST(ContentCodingTest, AcceptsGzip) {
  struct Row {
    const char* value;
    bool accepts;
  } rows[] = {
      {"gzip", true},
      {"GZIP", true},
      {"x-gzip", true},
      {"*", true},
      {"br, gzip;q=0.5", true},
      {"gzip ; q=1", true},
      {"gzip;q=0", false},
      {"gzip;q=0.000", false},
      {"gzip;Q=0.0", false},
      {"gzip;q=0.001", true},
      {"identity", false},
      {"br, deflate", false},
      {"x-httpconform-unknown", false},
      {"", false},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(AcceptsGzip({{"Accept-Encoding", row.value}}), row.accepts) << row.value;
  }
  EXPECT_FALSE(AcceptsGzip({}));
}

}  // namespace
}  // namespace httpconform::server
