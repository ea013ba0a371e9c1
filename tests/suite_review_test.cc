// Suite bugs found by running the library against real servers
// (docs/compatibility.md), each pinned by a test that would have caught it:
// the server's behaviour, scripted with FakeTransport, run through the real
// case from the embedded library. Each test also keeps the failing side of
// the case alive, so a fix cannot pass by accepting everything.
#include <gtest/gtest.h>

#include "harness/transport/fake_transport.h"
#include "tests/library_for_testing.h"

namespace httpconform {
namespace {

using transport::FakeResponse;
using transport::FakeTransport;

core::Case LibraryCase(const std::string& id) { return LibraryCaseForTesting(id); }

core::CaseResult RunWith(const core::Case& c, FakeTransport& fake) {
  return RunWithFakeForTesting(c, fake);
}

// Caddy answers an unknown route's 100-continue POST with a final 404 and
// "Connection: close" before reading the content. RFC 9112 §9.6: the close
// option ends the connection, even before its FIN reaches us; nothing can
// follow that response, so the case does not apply (it errored before).
TEST(SuiteReviewTest, ExpectContinueNoInterimAfterFinalSkipsOnAnnouncedClose) {
  core::Case c = LibraryCase("expect.100-continue.no-interim-after-final");
  FakeTransport closing;
  closing.Add(
      transport::MatchRequest("POST", "/echo"),
      FakeResponse("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"));
  transport::Exchange nothing;
  nothing.connection_closed = true;
  closing.Add(transport::MatchAny(), nothing);
  core::CaseResult r = RunWith(c, closing);
  EXPECT_EQ(r.outcome, core::Outcome::kSkip) << r.reason;

  // Still killed: a 100 after the final response on a kept connection.
  FakeTransport stray;
  stray.Add(transport::MatchRequest("POST", "/echo"),
            FakeResponse("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
  stray.Add(
      transport::MatchAny(),
      FakeResponse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
  r = RunWith(c, stray);
  EXPECT_EQ(r.outcome, core::Outcome::kFail) << r.reason;
}

// Caddy's file_server answers OPTIONS with 200 and Accept-Ranges: bytes but no
// Allow. RFC 9110 §9.3.7 asks for "any header that might indicate optional
// features ... (e.g., Allow)": Allow is an example, and range support is an
// optional feature (§14), so that response meets the SHOULD.
TEST(SuiteReviewTest, OptionsAllowAcceptsAnotherFeatureField) {
  core::Case c = LibraryCase("methods.options.allow");
  FakeTransport ranges;
  ranges.Add(transport::MatchAny(),
             FakeResponse("HTTP/1.1 200 OK\r\nAccept-Ranges: bytes\r\nContent-Length: 0\r\n\r\n"));
  core::CaseResult r = RunWith(c, ranges);
  EXPECT_EQ(r.outcome, core::Outcome::kPass) << r.reason;

  // Nothing that indicates a feature (Accept-Ranges: none says there is none).
  FakeTransport bare;
  bare.Add(transport::MatchAny(),
           FakeResponse("HTTP/1.1 200 OK\r\nAccept-Ranges: none\r\nContent-Length: 0\r\n\r\n"));
  r = RunWith(c, bare);
  EXPECT_EQ(r.outcome, core::Outcome::kFail) << r.reason;
}

// nginx and Caddy answer "Transfer-Encoding: chunked, gzip" with 501 and
// close. RFC 9112 §6.3 asks for 400 when chunked is not final, but §6.1 says a
// server that does not understand a transfer coding (gzip here) SHOULD answer
// 501; with the connection closed the framing cannot be misread either way.
TEST(SuiteReviewTest, ChunkedNotFinalAcceptsUnknownCoding501WithClose) {
  core::Case c = LibraryCase("framing.transfer-encoding.chunked-not-final-400");
  FakeTransport refused;
  refused.Add(transport::MatchAny(),
              FakeResponse("HTTP/1.1 501 Not Implemented\r\nConnection: close\r\n"
                           "Content-Length: 0\r\n\r\n",
                           false, /*closed=*/true));
  core::CaseResult r = RunWith(c, refused);
  EXPECT_EQ(r.outcome, core::Outcome::kPass) << r.reason;

  // The close is what makes it safe: a 501 on a kept connection still fails.
  FakeTransport kept;
  kept.Add(transport::MatchAny(),
           FakeResponse("HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\n\r\n"));
  r = RunWith(c, kept);
  EXPECT_EQ(r.outcome, core::Outcome::kFail) << r.reason;
}

}  // namespace
}  // namespace httpconform
