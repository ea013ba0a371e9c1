// ResponseParser with a lease of the run's content budget (ParserLimits::
// content_lease): content is kept as far as the lease grows, the rest is
// counted, the message still ends where its framing says.
#include <gtest/gtest.h>

#include <string>

#include "harness/core/content_budget.h"
#include "harness/wire/response_parser.h"

namespace httpconform::wire {
namespace {

struct Row {
  const char* name;
  std::string stream;
  std::size_t content_bytes;  // Content the stream carries.
};

std::vector<Row> Rows() {
  const std::string content(20000, 'z');
  std::string chunked;
  for (std::size_t at = 0; at < content.size(); at += 1000) {
    chunked += "3e8\r\n" + content.substr(at, 1000) + "\r\n";
  }
  return {
      {"content-length", "HTTP/1.1 200 OK\r\nContent-Length: 20000\r\n\r\n" + content, 20000},
      {"chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked + "0\r\n\r\n",
       20000},
      {"close-delimited", "HTTP/1.1 200 OK\r\n\r\n" + content, 20000},
  };
}

TEST(ResponseParserBudgetTest, KeepsWhatTheLeaseGrantsAndCountsTheRest) {
  for (const Row& row : Rows()) {
    for (const std::size_t budget_bytes : {std::size_t{1} << 20, std::size_t{6000}}) {
      SCOPED_TRACE(std::string(row.name) + ", budget " + std::to_string(budget_bytes));
      auto budget = core::ContentBudget::Make(budget_bytes);
      core::ContentLease lease = budget->Open();
      ParserLimits limits;
      limits.content_lease = &lease;
      ResponseParser parser(ResponseContext{}, limits);
      // Fed in pieces, as a socket would.
      for (std::size_t at = 0; at < row.stream.size(); at += 777) {
        parser.Feed(std::string_view(row.stream).substr(at, 777));
      }
      parser.FinishEof();
      const core::Response r = parser.TakeResponse();
      EXPECT_TRUE(r.complete);
      EXPECT_EQ(r.content_size, row.content_bytes);
      EXPECT_LE(lease.held(), budget_bytes);
      EXPECT_EQ(budget->used(), lease.held());
      EXPECT_LE(r.content.size(), lease.held());
      EXPECT_EQ(r.content, std::string(r.content.size(), 'z'));
      if (budget_bytes >= row.content_bytes * 2) {
        EXPECT_EQ(r.content.size(), row.content_bytes);
        EXPECT_FALSE(r.content_truncated);
      } else {
        EXPECT_LT(r.content.size(), row.content_bytes);
        EXPECT_GE(r.content.size(), 4096u);  // At least the first grant.
        EXPECT_TRUE(r.content_truncated);
        EXPECT_TRUE(lease.refused());
      }
    }
  }
}

}  // namespace
}  // namespace httpconform::wire
