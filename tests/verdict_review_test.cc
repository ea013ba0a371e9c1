// Verdicts reviewed against the RFC text after runs against real servers
// (docs/compatibility.md): FAILs that blamed behaviour the RFC allows, and
// answers a case could not see. Each test replays the server's own exchange,
// scripted with FakeTransport, through the real case from the embedded
// library, and keeps the failing side alive: a fix that accepted everything
// would break the second half of each test.
#include <gtest/gtest.h>

#include "harness/transport/fake_transport.h"
#include "tests/library_for_testing.h"

namespace httpconform {
namespace {

using core::Outcome;
using transport::FakeResponse;
using transport::FakeTransport;
using transport::MatchAny;
using transport::MatchRawPrefix;
using transport::MatchRequest;

core::Case LibraryCase(const std::string& id) { return LibraryCaseForTesting(id); }

core::CaseResult RunWith(const core::Case& c, FakeTransport& fake) {
  return RunWithFakeForTesting(c, fake);
}

constexpr char kData[] =
    "HTTP/1.1 200 OK\r\nETag: \"d\"\r\nLast-Modified: Mon, 07 Dec 2026 13:05:19 GMT\r\n"
    "Accept-Ranges: bytes\r\nContent-Length: 40\r\n\r\n0123456789abcdefghijklmnopqrstuvwxyzABCD";

// apache2 and Caddy answer OPTIONS * with 200 and no Allow. §9.3.7's SHOULD
// asks for fields "applicable to the target resource", and "*" names none:
// the case reports what came and never fails.
TEST(VerdictReviewTest, OptionsAsteriskWithoutAllowIsNoFailure) {
  core::Case c = LibraryCase("methods.options.asterisk.allow");
  EXPECT_TRUE(c.killed_by.empty());
  EXPECT_FALSE(c.unkillable.empty());
  FakeTransport apache;
  apache.Add(MatchAny(), FakeResponse("HTTP/1.1 200 OK\r\nDate: x\r\nServer: Apache/2.4.71 "
                                      "(Debian)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                                      false, /*closed=*/true));
  core::CaseResult r = RunWith(c, apache);
  EXPECT_EQ(r.outcome, Outcome::kSkip) << r.reason;
  EXPECT_NE(r.reason.find("RFC 9110 §9.3.7"), std::string::npos) << r.reason;
  FakeTransport lighttpd;
  lighttpd.Add(MatchAny(), FakeResponse("HTTP/1.1 200 OK\r\nAllow: OPTIONS, GET, HEAD, POST\r\n"
                                        "Content-Length: 0\r\nConnection: close\r\n\r\n",
                                        false, /*closed=*/true));
  EXPECT_EQ(RunWith(c, lighttpd).outcome, Outcome::kPass);
}

// h2o and Caddy answer a Range in an unknown unit with 416: §14.2 also says a
// server SHOULD send 416 when "the range-unit is not supported for that
// target resource". A 206 for it still fails: the unit was not ignored.
TEST(VerdictReviewTest, UnknownRangeUnitAccepts416) {
  core::Case c = LibraryCase("range.unknown-unit.ignored");
  FakeTransport h2o;
  h2o.Add(MatchAny(), FakeResponse(kData));
  h2o.Add(MatchAny(), FakeResponse("HTTP/1.1 416 Requested Range Not Satisfiable\r\n"
                                   "Content-Range: bytes */40\r\nContent-Length: 0\r\n\r\n"));
  EXPECT_EQ(RunWith(c, h2o).outcome, Outcome::kPass);
  FakeTransport as_bytes;
  as_bytes.Add(MatchAny(), FakeResponse(kData));
  as_bytes.Add(MatchAny(),
               FakeResponse("HTTP/1.1 206 Partial Content\r\n"
                            "Content-Range: bytes 1-2/40\r\nContent-Length: 2\r\n\r\n12"));
  EXPECT_EQ(RunWith(c, as_bytes).outcome, Outcome::kFail);
}

// A 416 to a satisfiable range was a skip ("the server ignores Range") in
// every range case; only the whole representation in a 200 is the §14.2
// choice. The base case fails it under the §14.2 sentence and passes both
// allowed answers.
TEST(VerdictReviewTest, SatisfiableRangeFailsA416AndAcceptsIgnoring) {
  core::Case c = LibraryCase("range.satisfiable.206");
  FakeTransport refusing;
  refusing.Add(MatchAny(), FakeResponse(kData));
  refusing.Add(MatchAny(), FakeResponse("HTTP/1.1 206 Partial Content\r\nContent-Range: bytes "
                                        "0-9/40\r\nContent-Length: 10\r\n\r\n0123456789"));
  refusing.Add(MatchAny(), FakeResponse("HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: "
                                        "bytes */40\r\nContent-Length: 0\r\n\r\n"));
  core::CaseResult r = RunWith(c, refusing);
  EXPECT_EQ(r.outcome, Outcome::kFail) << r.reason;
  EXPECT_NE(r.reason.find("step 3"), std::string::npos) << r.reason;  // bytes=-5.
  FakeTransport ignoring;
  ignoring.Add(MatchAny(), FakeResponse(kData), /*repeat=*/true);
  EXPECT_EQ(RunWith(c, ignoring).outcome, Outcome::kPass);
}

// Caddy answers bytes=-0 (a suffix range of length zero: unsatisfiable,
// RFC 9110 §14.1.2) with "206 Partial Content" and "Content-Range: bytes
// 1000-999/1000"; range.416.suffix-zero.content-range skipped it as "did not
// answer with 416". The base case fails it.
TEST(VerdictReviewTest, UnsatisfiableRangeFailsA206) {
  core::Case c = LibraryCase("range.unsatisfiable.416");
  FakeTransport caddy;
  caddy.Add(MatchAny(), FakeResponse(kData));
  caddy.Add(MatchAny(), FakeResponse("HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: "
                                     "bytes */40\r\nContent-Length: 0\r\n\r\n"));
  caddy.Add(MatchAny(), FakeResponse("HTTP/1.1 206 Partial Content\r\nContent-Length: 0\r\n"
                                     "Content-Range: bytes 40-39/40\r\n\r\n"));
  core::CaseResult r = RunWith(c, caddy);
  EXPECT_EQ(r.outcome, Outcome::kFail) << r.reason;
  EXPECT_NE(r.reason.find("step 3"), std::string::npos) << r.reason;
  FakeTransport ignoring;
  ignoring.Add(MatchAny(), FakeResponse(kData), /*repeat=*/true);
  EXPECT_EQ(RunWith(c, ignoring).outcome, Outcome::kPass);
}

// python answers a POST with an invalid Content-Length with "HTTP/1.0 501
// Unsupported method ('POST')" and closes: the request had two errors and it
// reported the other one, without reading a byte of content. h2o answers two
// differing Content-Length lines with 404 and keeps the connection open:
// the framing is lost and the connection still used, which §6.3 forbids.
TEST(VerdictReviewTest, InvalidContentLengthAcceptsAnotherRefusalWithClose) {
  core::Case c = LibraryCase("framing.content-length.differing-lines-400");
  FakeTransport python;
  python.Add(MatchAny(), FakeResponse("HTTP/1.0 501 Unsupported method ('POST')\r\n"
                                      "Connection: close\r\nContent-Length: 0\r\n\r\n",
                                      false, /*closed=*/true));
  EXPECT_EQ(RunWith(c, python).outcome, Outcome::kPass);
  FakeTransport h2o;
  h2o.Add(MatchAny(), FakeResponse("HTTP/1.1 404 File Not Found\r\nConnection: keep-alive\r\n"
                                   "Content-Length: 9\r\n\r\nnot found"));
  core::CaseResult r = RunWith(c, h2o);
  EXPECT_EQ(r.outcome, Outcome::kFail) << r.reason;
}

// apache2 (404) and node (405) refuse POST /echo, a resource they do not
// have, when its transfer coding is unknown; h2o answers 400, which refuses
// the coding with the wrong status.
TEST(VerdictReviewTest, UnknownTransferCodingAcceptsAMethodOrResourceRefusal) {
  core::Case c = LibraryCase("framing.transfer-encoding.unknown-coding-501");
  FakeTransport node;
  node.Add(MatchAny(), FakeResponse("HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\n"
                                    "Content-Length: 0\r\n\r\n"));
  EXPECT_EQ(RunWith(c, node).outcome, Outcome::kPass);
  FakeTransport h2o;
  h2o.Add(MatchAny(), FakeResponse("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"));
  EXPECT_EQ(RunWith(c, h2o).outcome, Outcome::kFail);
}

// A server that refuses chunked content with 411 never parses a chunk-size,
// as the sibling chunked cases already accept.
TEST(VerdictReviewTest, InvalidChunkSizeAccepts411) {
  for (const char* id :
       {"framing.chunked.invalid-size-400", "framing.chunked.size-overflow-rejected"}) {
    SCOPED_TRACE(id);
    core::Case c = LibraryCase(id);
    FakeTransport refuses_chunked;
    refuses_chunked.Add(MatchRequest("POST", "/echo"),
                        FakeResponse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"));
    refuses_chunked.Add(MatchAny(),
                        FakeResponse("HTTP/1.1 411 Length Required\r\nContent-Length: 0\r\n\r\n"));
    EXPECT_EQ(RunWith(c, refuses_chunked).outcome, Outcome::kPass);
    FakeTransport accepts;
    accepts.Add(MatchRequest("POST", "/echo"),
                FakeResponse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"));
    accepts.Add(MatchAny(), FakeResponse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"));
    EXPECT_EQ(RunWith(c, accepts).outcome, Outcome::kFail);
  }
}

// If-Unmodified-Since with a date before Last-Modified is false (412); with
// a Last-Modified older than the date sent it is true, and 200 is right.
TEST(VerdictReviewTest, IfUnmodifiedSinceNeedsALaterLastModified) {
  core::Case c = LibraryCase("conditional.if-unmodified-since.412");
  FakeTransport old;
  old.Add(MatchAny(),
          FakeResponse("HTTP/1.1 200 OK\r\nLast-Modified: Fri, 01 Jan 1999 00:00:00 "
                       "GMT\r\nContent-Length: 2\r\n\r\nhi"),
          /*repeat=*/true);
  EXPECT_EQ(RunWith(c, old).outcome, Outcome::kSkip);
  FakeTransport recent;
  recent.Add(MatchAny(),
             FakeResponse("HTTP/1.1 200 OK\r\nLast-Modified: Mon, 07 Dec 2026 "
                          "13:05:19 GMT\r\nContent-Length: 2\r\n\r\nhi"),
             /*repeat=*/true);
  EXPECT_EQ(RunWith(c, recent).outcome, Outcome::kFail);
}

// python's http.server answers every request in HTTP/1.0 and closes: it
// handles HTTP/1.1 requests as HTTP/1.0 (RFC 9110 §6.2), where neither Host
// nor persistence by default exists. The same answers in HTTP/1.1 fail.
TEST(VerdictReviewTest, Http10ResponderSkipsRulesForHttp11Messages) {
  for (const char* id : {"wire.host.missing-400", "persistence.http11.persistent-by-default",
                         "persistence.not-persistent-says-close"}) {
    SCOPED_TRACE(id);
    core::Case c = LibraryCase(id);
    EXPECT_TRUE(c.http11_only);
    FakeTransport python;
    python.Add(MatchAny(),
               FakeResponse("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nhi", false, true),
               /*repeat=*/true);
    core::CaseResult r = RunWith(c, python);
    EXPECT_EQ(r.outcome, Outcome::kSkip) << r.reason;
    EXPECT_NE(r.reason.find("RFC 9110 §6.2"), std::string::npos) << r.reason;
    FakeTransport http11;
    http11.Add(MatchAny(),
               FakeResponse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", false, true),
               /*repeat=*/true);
    EXPECT_EQ(RunWith(c, http11).outcome, Outcome::kFail);
  }
}

// One close proves nothing (RFC 9112 §9.5: a server MAY close at any time):
// a server that closes one connection and keeps the next passes.
TEST(VerdictReviewTest, PersistenceNeedsMoreThanOneClose) {
  core::Case c = LibraryCase("persistence.http11.persistent-by-default");
  EXPECT_GE(c.attempts, 2);
  FakeTransport once;
  once.Add(MatchAny(), FakeResponse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi", false, true));
  once.Add(MatchAny(), FakeResponse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"),
           /*repeat=*/true);
  core::CaseResult r = RunWith(c, once);
  EXPECT_EQ(r.outcome, Outcome::kPass) << r.reason;
  EXPECT_NE(r.reason.find("passed on attempt 2"), std::string::npos) << r.reason;
}

// python answers "GET / HTTP/2.0" with its error page and no status line:
// an HTTP/0.9-style reply, whose version (0.9) is one it conforms to, so the
// MUST NOT of §6.2 is not shown broken; the SHOULD to answer in the highest
// version it conforms to (1.0) is.
TEST(VerdictReviewTest, ReplyWithoutStatusLineBreaksTheShouldNotTheMust) {
  const char* page = "<!DOCTYPE HTML>\n<html><body>Error code: 505</body></html>\n";
  FakeTransport python;
  python.Add(MatchAny(), FakeResponse(page, false, /*closed=*/true), /*repeat=*/true);
  core::CaseResult must = RunWith(LibraryCase("wire.version.major-2-response-version"), python);
  EXPECT_EQ(must.outcome, Outcome::kSkip) << must.reason;
  core::CaseResult should = RunWith(LibraryCase("wire.version.major-2-answered-in-http1"), python);
  EXPECT_EQ(should.outcome, Outcome::kFail) << should.reason;
  EXPECT_EQ(should.spec.level, core::Level::kShould);
  FakeTransport h2;
  h2.Add(MatchAny(), FakeResponse("HTTP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n"), true);
  EXPECT_EQ(RunWith(LibraryCase("wire.version.major-2-response-version"), h2).outcome,
            Outcome::kFail);
}

// A 1xx may precede any final response (RFC 9110 §15.2), so a 103 in front
// of a later response says nothing about the earlier one: the case now reads
// what follows the final response with nothing asked, where a 100 is stray.
TEST(VerdictReviewTest, NoInterimAfterFinalIgnoresLaterResponses) {
  core::Case c = LibraryCase("expect.100-continue.no-interim-after-final");
  ASSERT_EQ(c.steps.size(), 2u);
  EXPECT_TRUE(c.steps[1].request.raw);
  FakeTransport quiet;
  quiet.Add(MatchRequest("POST", "/echo"),
            FakeResponse("HTTP/1.1 200 OK\r\nContent-Length: 15\r\n\r\nhello, continue"));
  transport::Exchange nothing;
  nothing.timed_out = true;
  quiet.Add(MatchRawPrefix(""), nothing);
  EXPECT_EQ(RunWith(c, quiet).outcome, Outcome::kPass);
  FakeTransport stray;
  stray.Add(MatchRequest("POST", "/echo"),
            FakeResponse("HTTP/1.1 200 OK\r\nContent-Length: 15\r\n\r\nhello, continue"));
  stray.Add(MatchRawPrefix(""), FakeResponse("HTTP/1.1 100 Continue\r\n\r\n"));
  EXPECT_EQ(RunWith(c, stray).outcome, Outcome::kFail);
}

// The representation sent after a 304 and read by the next request: the
// transport sets it aside and says so on that request's response; the case
// fails and the passive rule names the 304's rule, not the 200's.
TEST(VerdictReviewTest, ContentAfter304ReadByTheNextRequestFails) {
  core::Case c = LibraryCase("status.304.no-stray-content");
  const char* ok =
      "HTTP/1.1 200 OK\r\nDate: x\r\nLast-Modified: Mon, 07 Dec 2026 13:05:19 GMT\r\n"
      "Content-Length: 2\r\n\r\nhi";
  const char* not_modified = "HTTP/1.1 304 Not Modified\r\nDate: x\r\n\r\n";
  FakeTransport clean;
  clean.Add(MatchAny(), FakeResponse(ok));
  clean.Add(MatchAny(), FakeResponse(not_modified));
  clean.Add(MatchAny(), FakeResponse(ok));
  EXPECT_EQ(RunWith(c, clean).outcome, Outcome::kPass);

  FakeTransport late;
  late.Add(MatchAny(), FakeResponse(ok));
  late.Add(MatchAny(), FakeResponse(not_modified));
  transport::Exchange after = FakeResponse(ok);
  after.response->diagnostics.push_back(
      {"message.content-not-allowed", 0, "2 bytes in front of this response", false});
  after.stray_after_status = 304;
  late.Add(MatchAny(), after);
  core::CaseResult r = RunWith(c, late);
  EXPECT_EQ(r.outcome, Outcome::kFail) << r.reason;
  bool rule = false;
  for (const core::PassiveFinding& f : r.findings) rule = rule || f.rule == "no-content.304";
  EXPECT_TRUE(rule);
}

}  // namespace
}  // namespace httpconform
