// Table-driven tests of the fault helpers: each rewrite does what its fault
// says and leaves what it does not concern alone.
#include "harness/server/fault_rewrites.h"

#include <gtest/gtest.h>

#include <string>

namespace httpconform::server {
namespace {

TEST(FaultRewritesTest, SumContentLengthList) {
  struct Row {
    std::string head, want;
  } rows[] = {
      {"POST / HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\n",
       "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n"},
      {"POST / HTTP/1.1\r\ncontent-length: 3,3,3\r\n\r\n",
       "POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\n"},
      {"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n",
       "POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n"},
      {"POST / HTTP/1.1\r\nX-Length: 5, 5\r\n\r\n", "POST / HTTP/1.1\r\nX-Length: 5, 5\r\n\r\n"},
  };
  for (const Row& row : rows) {
    std::string head = row.head;
    SumContentLengthListForFault(head);
    EXPECT_EQ(head, row.want) << row.head;
  }
}

TEST(FaultRewritesTest, StripTeParameters) {
  struct Row {
    std::string head, want;
  } rows[] = {
      {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked;foo=bar\r\n\r\n",
       "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: gzip;level=1, chunked\r\n\r\n",
       "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"},
      {"POST /a;b HTTP/1.1\r\nX-Other: a;b\r\n\r\n", "POST /a;b HTTP/1.1\r\nX-Other: a;b\r\n\r\n"},
  };
  for (const Row& row : rows) {
    std::string head = row.head;
    StripTeParametersForFault(head);
    EXPECT_EQ(head, row.want) << row.head;
  }
}

TEST(FaultRewritesTest, WrapRangeNumerals) {
  EXPECT_EQ(WrapRangeNumeralsForFault("bytes=18446744073709551616-18446744073709551617"),
            "bytes=0-1");
  EXPECT_EQ(WrapRangeNumeralsForFault("bytes=0-9, 20-"), "bytes=0-9, 20-");
}

TEST(FaultRewritesTest, HasValidPort) {
  EXPECT_TRUE(HasValidPort("127.0.0.1:443"));
  EXPECT_TRUE(HasValidPort("example.com:65535"));
  EXPECT_FALSE(HasValidPort("127.0.0.1:"));
  EXPECT_FALSE(HasValidPort("127.0.0.1:99999"));
  EXPECT_FALSE(HasValidPort("127.0.0.1:65536"));
  EXPECT_FALSE(HasValidPort("127.0.0.1:8x"));
  EXPECT_FALSE(HasValidPort("127.0.0.1"));
}

TEST(FaultRewritesTest, RangeAndContentRangeOnContent) {
  wire::Request req;
  req.fields.push_back({"Range", "bytes=2-4"});
  Reply reply;
  reply.content = "0123456789";
  ApplyRangeToContentForFault(req, reply);
  EXPECT_EQ(reply.status, 206);
  EXPECT_EQ(reply.content, "234");

  wire::Request part;
  part.fields.push_back({"Content-Range", "bytes 0-4/10"});
  Reply echo;
  echo.content = "hello";
  PlaceContentRangePartForFault(part, echo);
  EXPECT_EQ(echo.content, std::string("hello\0\0\0\0\0", 10));
}

}  // namespace
}  // namespace httpconform::server
