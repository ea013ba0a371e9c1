// The preflight's judgement of first bytes, table-driven; the probes
// themselves run against real servers in tests/target_kind_test.sh.
#include "harness/cli/preflight.h"

#include <gtest/gtest.h>

#include <string>

namespace httpconform::cli {
namespace {

using std::string_literals::operator""s;

TEST(ClassifyFirstBytesTest, Table) {
  struct Row {
    std::string bytes;
    FirstBytes want;
  } rows[] = {
      {"", FirstBytes::kNothing},
      {"HTTP/1.1 200 OK\r\n", FirstBytes::kHttp},
      {"HTTP/1.0 400 Bad Request\r\n", FirstBytes::kHttp},
      {"H", FirstBytes::kHttp},  // A slow server: a prefix of "HTTP/" is not refuted.
      {"HTT", FirstBytes::kHttp},
      {"HTTX", FirstBytes::kOther},
      {"\x15\x03\x01\x00\x02\x02\x46"s, FirstBytes::kTls},  // Alert: protocol_version.
      {"\x16\x03\x03\x00\x7a\x02"s, FirstBytes::kTls},      // ServerHello.
      {"\x15"s, FirstBytes::kTls},
      {"\x15\x01"s, FirstBytes::kOther},
      // SETTINGS frame (length 18), then more.
      {"\x00\x00\x12\x04\x00\x00\x00\x00\x00\x00\x03"s, FirstBytes::kHttp2},
      // A SETTINGS ACK is not a server's first frame; a frame on stream 1 neither.
      {"\x00\x00\x00\x04\x00\x00\x00\x00\x01"s, FirstBytes::kOther},
      {"SSH-2.0-OpenSSH_9.2p1\r\n", FirstBytes::kOther},
      {"<html><body>hello</body></html>", FirstBytes::kOther},
      {"\r\n\r\n", FirstBytes::kOther},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(ClassifyFirstBytes(row.bytes), row.want) << FirstLineExcerpt(row.bytes);
  }
}

TEST(FirstLineExcerptTest, OneLineEscapedAndShort) {
  EXPECT_EQ(FirstLineExcerpt("SSH-2.0-OpenSSH_9.2p1\r\nmore"), "SSH-2.0-OpenSSH_9.2p1");
  EXPECT_EQ(FirstLineExcerpt("\x1b[31mred"), "\\x1b[31mred");
  EXPECT_EQ(FirstLineExcerpt(std::string(100, 'a')), std::string(40, 'a') + "...");
  EXPECT_EQ(FirstLineExcerpt("\r\n\r\n"), "\\x0d\\x0a\\x0d\\x0a");
}

}  // namespace
}  // namespace httpconform::cli
