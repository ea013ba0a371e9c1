// Tables for the gzip coding and Accept-Encoding: known CRC-32 check values,
// the exact bytes of small members, and the accept decisions.
#include "harness/server/content_coding.h"

#include <gtest/gtest.h>

#include <string>

namespace httpconform::server {
namespace {

TEST(ContentCodingTest, Crc32CheckValues) {
  EXPECT_EQ(Crc32(""), 0u);
  EXPECT_EQ(Crc32("123456789"), 0xcbf43926u);  // The standard check value.
  EXPECT_EQ(Crc32("a"), 0xe8b7be43u);
}

TEST(ContentCodingTest, GzipStoredBytes) {
  const std::string header("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
  // Empty: one final stored block of length 0, CRC 0, size 0.
  EXPECT_EQ(GzipStored(""), header + std::string("\x01\x00\x00\xff\xff", 5) + std::string(8, '\0'));
  // "a": the octet itself, CRC e8b7be43 little-endian, size 1.
  EXPECT_EQ(GzipStored("a"), header +
                                 std::string("\x01\x01\x00\xfe\xff"
                                             "a",
                                             6) +
                                 std::string("\x43\xbe\xb7\xe8\x01\x00\x00\x00", 8));
}

TEST(ContentCodingTest, GzipStoredSplitsLongContentIntoBlocks) {
  const std::string data(70000, 'x');
  const std::string gz = GzipStored(data);
  // Header, two block headers (5 octets each), the data, the trailer.
  ASSERT_EQ(gz.size(), 10u + 5 + 65535 + 5 + (70000 - 65535) + 8);
  EXPECT_EQ(gz[10], '\x00');              // Not final.
  EXPECT_EQ(gz[10 + 5 + 65535], '\x01');  // Final.
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
