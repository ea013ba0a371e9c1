#include "harness/wire/stray_content.h"

#include <gtest/gtest.h>

#include <string>

namespace httpconform::wire {
namespace {

struct Row {
  const char* name;
  std::string bytes;
  std::optional<std::uint64_t> announced;
  bool at_end;
  bool continuing;
  std::size_t stray;
  bool settled;
};

const Row kRows[] = {
    // The next response right away: nothing stray.
    {"next-response", "HTTP/1.1 200 OK\r\n", std::nullopt, false, false, 0, true},
    {"next-response-lower-case", "http/1.1 200 OK\r\n", std::nullopt, false, false, 0, true},
    {"leading-crlf-is-the-parsers", "\r\nHTTP/1.1 200 OK\r\n", std::nullopt, false, false, 0, true},
    {"nothing-yet", "", std::nullopt, false, false, 0, false},
    {"nothing-at-all", "", std::nullopt, true, false, 0, true},
    {"name-still-arriving", "HTT", std::nullopt, false, false, 0, false},
    {"only-a-line-end-so-far-is-the-parsers", "\r\n", std::nullopt, false, false, 0, true},
    // The representation after a 304, then the next response.
    {"content-then-response", "hello world\nHTTP/1.1 200 OK\r\n", std::nullopt, false, false, 12,
     true},
    {"content-at-announced-length", "hello HTTP/1.x\nHTTP/1.1 200 OK\r\n", 15, false, false, 15,
     true},
    // A mention of HTTP/1. inside content is taken for the next response
    // only when nothing announced where the content ends.
    {"mention-without-announced-length", "see HTTP/1.1 spec\nHTTP/1.1 200 OK\r\n", std::nullopt,
     false, false, 4, true},
    {"mention-with-announced-length", "see HTTP/1.1 spec\nHTTP/1.1 200 OK\r\n", 18, false, false,
     18, true},
    // Only content so far: all of it is stray, but more may come.
    {"content-only", "hello world\n", std::nullopt, false, false, 12, false},
    {"content-only-at-end", "hello world\n", std::nullopt, true, false, 12, true},
    {"content-then-partial-name", "hello HTTP/", std::nullopt, false, false, 6, false},
    {"content-then-partial-name-at-end", "hello HTTP/", std::nullopt, true, false, 11, true},
    {"announced-end-not-here-yet", "hel", 5, false, false, 3, false},
    // Continuing: the first byte is inside stray content already.
    {"continuing-into-response", "HTTP/1.1 200 OK\r\n", std::nullopt, false, true, 0, true},
    {"continuing-content", "\r\nmore\r\n", std::nullopt, false, true, 8, false},
    {"continuing-whitespace-is-content", "  HTTP/1.1 200", std::nullopt, false, true, 2, true},
};

TEST(StrayContentTest, Table) {
  for (const Row& row : kRows) {
    SCOPED_TRACE(row.name);
    const StrayScan scan = ScanStrayContent(row.bytes, row.announced, row.at_end, row.continuing);
    EXPECT_EQ(scan.stray, row.stray);
    EXPECT_EQ(scan.settled, row.settled);
  }
}

// Fed piece by piece as a transport would (setting aside what is stray and
// scanning the rest again), the split is the one of a whole scan.
TEST(StrayContentTest, IncrementalScanAgreesWithOneShot) {
  const std::string stream = "cached page body\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
  for (std::size_t chunk = 1; chunk <= stream.size(); ++chunk) {
    SCOPED_TRACE(chunk);
    std::string buffered;
    std::size_t set_aside = 0;
    bool continuing = false;
    bool settled = false;
    for (std::size_t at = 0; at < stream.size() && !settled; at += chunk) {
      buffered += stream.substr(at, chunk);
      const StrayScan scan = ScanStrayContent(buffered, std::nullopt, false, continuing);
      set_aside += scan.stray;
      continuing = continuing || scan.stray > 0;
      buffered.erase(0, scan.stray);
      settled = scan.settled;
    }
    EXPECT_TRUE(settled);
    EXPECT_EQ(set_aside, 18u);
    EXPECT_EQ(buffered.rfind("HTTP/1.", 0), 0u) << buffered;
  }
}

}  // namespace
}  // namespace httpconform::wire
