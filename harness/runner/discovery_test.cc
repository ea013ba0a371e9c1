#include "harness/runner/discovery.h"

#include <gtest/gtest.h>

#include <chrono>

#include "harness/runner/runner.h"
#include "harness/runner/runner_test_support.h"
#include "harness/transport/fake_transport.h"

namespace httpconform::runner {
namespace {

using transport::FakeResponse;
using transport::FakeTransport;
using transport::MatchRequest;

using test_support::LocalTarget;

core::Case CaseWithVar(const std::string& id, const std::string& name,
                       std::optional<std::string> value) {
  core::Case c;
  c.id = id;
  c.vars[name] = std::move(value);
  core::Step step;
  step.request.target = "${" + name + "}";
  c.steps.push_back(step);
  return c;
}

const char kStaticOk[] =
    "HTTP/1.1 200 OK\r\nETag: \"a\"\r\nLast-Modified: Sat, 01 Jan 2000 00:00:00 GMT\r\n"
    "Accept-Ranges: bytes\r\nContent-Length: 24\r\n\r\n0123456789abcdefghijklmn";
const char kNotFound[] = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";

TEST(ExtractSameOriginLinksTest, ResolvesAndFiltersByOrigin) {
  const std::string html =
      "<a href=\"/a.txt\">a</a> <img src='img/b.png'> <a href=c.html#top>c</a>"
      "<a href=\"http://127.0.0.1:8080/d?x=1\">d</a> <a href=\"http://example.com/e\">e</a>"
      "<a href=\"//127.0.0.1:8080/f\">f</a> <a href=\"https://127.0.0.1:8080/g\">g</a>"
      "<a href=\"../h\">h</a> <a href=\"#frag\">self</a> <a href=\"/a.txt\">dup</a>"
      "<a href=\"mailto:x@y\">m</a>";
  std::vector<std::string> links = ExtractSameOriginLinks(html, "/dir/page.html", LocalTarget());
  EXPECT_EQ(links, (std::vector<std::string>{"/a.txt", "/dir/img/b.png", "/dir/c.html", "/d?x=1",
                                             "/f", "/h"}));
}

// The attribute grammar, row by row: case, white space, quotes, what ends an
// unquoted value, and attempts that fail (the scan moves on, finds later ones).
TEST(ExtractSameOriginLinksTest, AttributeGrammar) {
  const struct {
    const char* html;
    std::vector<std::string> links;
  } rows[] = {
      {"<A HREF=\"/a\"><IMG SRC='/b'>", {"/a", "/b"}},
      {"<a href \t\n= \r\f\v\"/a\">", {"/a"}},
      {"<a href=/a>x</a><a href=/b/c d>", {"/a", "/b/c"}},
      {"<a href=/a\"b><a href=/c'd>", {"/a", "/c"}},
      {"<a href=\"/a' x\"><a href='/b\" y'>", {"/a' x", "/b\" y"}},
      {"<a data-src=/a><a xhref=/b>", {"/a", "/b"}},  // As before: no word boundary.
      {"<a href=>x</a><a href= >x</a><a href>", {}},
      {"<a href=\"/unclosed><a href='/b'>", {"/b"}},
      {"<a href='/unclosed><a href=\"/b\">", {"/b"}},
      {"<a href=\"/a\"href=\"/b\">", {"/a", "/b"}},
      {"src=/a", {"/a"}},
      {"hre", {}},
      {"href=\"", {}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.html);
    EXPECT_EQ(ExtractSameOriginLinks(row.html, "/", LocalTarget()), row.links);
  }
}

// A page of 4.7 MB with 20,000 links (a big directory listing), and one whose
// first value never closes its quote, followed by 100,000 unquoted ones.
TEST(ExtractSameOriginLinksTest, LargePagesAreLinear) {
  std::string page = "<html><body><ul>\n";
  for (int i = 0; i < 20000; ++i) {
    page += "<li><a href=\"/files/item-" + std::to_string(i) + ".txt\">item " + std::to_string(i) +
            "</a> " + std::string(200, 'x') + "</li>\n";
  }
  page += "</ul></body></html>\n";
  ASSERT_GT(page.size(), 4500000u);
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> links = ExtractSameOriginLinks(page, "/", LocalTarget());
  ASSERT_EQ(links.size(), 20000u);
  EXPECT_EQ(links.back(), "/files/item-19999.txt");
  std::string unclosed = "<a href=\"/never-closed ";
  for (int i = 0; i < 100000; ++i) unclosed += "<a href=/u" + std::to_string(i % 3) + ">";
  EXPECT_EQ(ExtractSameOriginLinks(unclosed, "/", LocalTarget()),
            (std::vector<std::string>{"/u0", "/u1", "/u2"}));
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 20.0);
}

TEST(DiscoverTest, KeepsDefaultsTheServerServes) {
  FakeTransport fake;
  fake.Add(MatchRequest("GET", "/static/data.txt"), FakeResponse(kStaticOk), true);
  fake.Add(MatchRequest("OPTIONS", "/static/data.txt"),
           FakeResponse("HTTP/1.1 204 No Content\r\nAllow: GET, HEAD\r\n\r\n"), true);
  std::vector<core::Case> cases = {CaseWithVar("a", "resource", "/static/data.txt")};
  DiscoveryResult r = Discover(cases, LocalTarget(), fake, {});
  EXPECT_TRUE(r.replaced_defaults.empty());
  ASSERT_GE(r.notes.size(), 2u);
  EXPECT_EQ(r.notes[0],
            "discovery: resource: kept default /static/data.txt (200, ETag, Last-Modified, "
            "Accept-Ranges: bytes, 24 bytes)");
  EXPECT_EQ(r.notes[1], "discovery: OPTIONS /static/data.txt -> 204, Allow: GET, HEAD");
  // The default served: no link walk.
  EXPECT_EQ(r.probes, 2);
}

TEST(DiscoverTest, ReplacesAFailingDefaultWithALinkedResource) {
  FakeTransport fake;
  fake.Add(MatchRequest("GET", "/static/hello.txt"), FakeResponse(kNotFound), true);
  fake.Add(MatchRequest("GET", "/"),
           FakeResponse("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 48\r\n\r\n"
                        "<a href=\"small.txt\">s</a><a href=\"/big.bin\">b</a>"),
           true);
  // small.txt lacks Accept-Ranges; big.bin has everything.
  fake.Add(MatchRequest("GET", "/small.txt"),
           FakeResponse("HTTP/1.1 200 OK\r\nETag: \"s\"\r\nContent-Length: 2\r\n\r\nhi"), true);
  fake.Add(MatchRequest("GET", "/big.bin"), FakeResponse(kStaticOk), true);
  fake.Add(MatchRequest("OPTIONS", "/big.bin"),
           FakeResponse("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n"), true);
  std::vector<core::Case> cases = {CaseWithVar("a", "resource", "/static/hello.txt")};
  DiscoveryResult r = Discover(cases, LocalTarget(), fake, {});
  ASSERT_EQ(r.replaced_defaults.count("resource"), 1u);
  EXPECT_EQ(r.replaced_defaults["resource"]["/static/hello.txt"], "/big.bin");
  EXPECT_EQ(r.notes[0],
            "discovery: resource: default /static/hello.txt (404) replaced by /big.bin (200, "
            "ETag, Last-Modified, Accept-Ranges: bytes, 24 bytes)");
  EXPECT_EQ(r.notes[1], "discovery: OPTIONS /big.bin -> 405, no Allow");
}

// A static server has no /redirect/NNN routes, but redirects a directory
// requested without its trailing slash: the directory of a resource found
// becomes the redirecting resource of the code the server uses, and only that
// code's variables (and "redirect", any code) take it.
TEST(DiscoverTest, FindsTheSlashRedirectOfADirectory) {
  FakeTransport fake;
  fake.Add(MatchRequest("GET", "/static/data.txt"), FakeResponse(kStaticOk), true);
  fake.Add(MatchRequest("GET", "/static"),
           FakeResponse("HTTP/1.1 301 Moved Permanently\r\nLocation: http://127.0.0.1:8080/static/"
                        "\r\nContent-Length: 0\r\n\r\n"),
           true);
  fake.Add(transport::MatchAny(), FakeResponse(kNotFound), true);
  std::vector<core::Case> cases = {CaseWithVar("a", "resource", "/static/data.txt"),
                                   CaseWithVar("b", "redirect_301", "/redirect/301"),
                                   CaseWithVar("c", "redirect_308", "/redirect/308"),
                                   CaseWithVar("d", "redirect", "/redirect/301")};
  DiscoveryResult r = Discover(cases, LocalTarget(), fake, {});
  EXPECT_EQ(r.replaced_defaults["redirect_301"]["/redirect/301"], "/static");
  EXPECT_EQ(r.replaced_defaults["redirect"]["/redirect/301"], "/static");
  EXPECT_EQ(r.replaced_defaults.count("redirect_308"), 0u);  // A 301 is no 308.
  bool noted = false;
  for (const std::string& note : r.notes) {
    noted = noted || note ==
                         "discovery: redirect_301: default /redirect/301 (404) replaced by "
                         "/static (301, Location: http://127.0.0.1:8080/static/)";
  }
  EXPECT_TRUE(noted);
  // Directories of resources that do not exist are not tried.
  for (const transport::OutgoingRequest& req : fake.requests()) {
    EXPECT_NE(req.target, "/redirect") << "probed the directory of a 404";
  }
}

TEST(DiscoverTest, OneLinePerVariableEveryDefaultNamedOnce) {
  // Three defaults of one variable, none complete: /small and / are replaced
  // by /big, the best candidate, which is itself a default. The note must not
  // say both "replaced by /big" and "no better candidate ... keep /big".
  FakeTransport fake;
  fake.Add(MatchRequest("GET", "/small"),
           FakeResponse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"), true);
  fake.Add(MatchRequest("GET", "/big"),
           FakeResponse("HTTP/1.1 200 OK\r\nLast-Modified: Sat, 01 Jan 2000 00:00:00 GMT\r\n"
                        "Content-Length: 30\r\n\r\n012345678901234567890123456789"),
           true);
  fake.Add(MatchRequest("GET", "/"),
           FakeResponse("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 22\r\n"
                        "\r\n<a href=\"/big\">b</a>.."),
           true);
  fake.Add(MatchRequest("OPTIONS", "/big"),
           FakeResponse("HTTP/1.1 204 No Content\r\nAllow: GET\r\n\r\n"), true);
  std::vector<core::Case> cases = {CaseWithVar("a", "resource", "/small"),
                                   CaseWithVar("b", "resource", "/big"),
                                   CaseWithVar("c", "resource", "/")};
  DiscoveryResult r = Discover(cases, LocalTarget(), fake, {});
  EXPECT_EQ(r.replaced_defaults["resource"]["/small"], "/big");
  EXPECT_EQ(r.replaced_defaults["resource"]["/"], "/big");
  EXPECT_EQ(r.replaced_defaults["resource"].count("/big"), 0u);
  ASSERT_GE(r.notes.size(), 1u);
  EXPECT_EQ(r.notes[0],
            "discovery: resource: default /small (200, no ETag, no Last-Modified, no "
            "Accept-Ranges: bytes, 2 bytes) replaced by /big (200, no ETag, Last-Modified, no "
            "Accept-Ranges: bytes, 30 bytes); default / (200, no ETag, no Last-Modified, no "
            "Accept-Ranges: bytes, 22 bytes) replaced by /big (200, no ETag, Last-Modified, no "
            "Accept-Ranges: bytes, 30 bytes); default /big (200, no ETag, Last-Modified, no "
            "Accept-Ranges: bytes, 30 bytes) kept: it is that best candidate");
  EXPECT_EQ(r.notes[1].rfind("discovery: OPTIONS", 0), 0u) << r.notes[1];
  // What --var could point to instead, best first.
  EXPECT_EQ(r.candidates["resource"],
            (std::vector<std::string>{
                "/big (200, no ETag, Last-Modified, no Accept-Ranges: bytes, 30 bytes)",
                "/ (200, no ETag, no Last-Modified, no Accept-Ranges: bytes, 22 bytes)",
                "/small (200, no ETag, no Last-Modified, no Accept-Ranges: bytes, 2 bytes)"}));
}

TEST(DiscoverTest, WeakIsNotReplacedByAStrongTag) {
  // A strong-ETag resource is no stand-in for a weak one: the weak cases
  // would test something else. The default stays (and those cases skip).
  FakeTransport fake;
  fake.Add(MatchRequest("GET", "/static/weak.txt"), FakeResponse(kNotFound), true);
  fake.Add(transport::MatchAny(), FakeResponse(kStaticOk), true);
  std::vector<core::Case> cases = {CaseWithVar("a", "weak", "/static/weak.txt")};
  DiscoveryResult r = Discover(cases, LocalTarget(), fake, {});
  EXPECT_TRUE(r.replaced_defaults.empty());
  EXPECT_EQ(r.notes[0],
            "discovery: weak: no better candidate (a 200 with a weak ETag) among 2 paths probed; "
            "cases keep default /static/weak.txt (404)");
}

TEST(DiscoverTest, GivenVarsAreNotProbed) {
  FakeTransport fake;  // Any request would fail with "fake": none must be sent.
  std::vector<core::Case> cases = {CaseWithVar("a", "resource", "/x")};
  DiscoveryResult r = Discover(cases, LocalTarget(), fake, {{"resource", "/mine"}});
  EXPECT_TRUE(r.replaced_defaults.empty());
  EXPECT_TRUE(fake.requests().empty());
}

TEST(DiscoverTest, MissingFallsBackToAMadeUpPath) {
  FakeTransport fake;
  // A server that answers 200 to everything but the made-up path.
  fake.Add(MatchRequest("GET", "/httpconform-discovery-no-such-resource"), FakeResponse(kNotFound),
           true);
  fake.Add(
      transport::MatchAny(),
      FakeResponse("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1\r\n\r\nx"),
      true);
  std::vector<core::Case> cases = {CaseWithVar("a", "missing", "/nope")};
  DiscoveryResult r = Discover(cases, LocalTarget(), fake, {});
  EXPECT_EQ(r.replaced_defaults["missing"]["/nope"], "/httpconform-discovery-no-such-resource");
}

TEST(DiscoverTest, ProbesAreBounded) {
  FakeTransport fake;
  // Every page links to two more pages: an endless site.
  fake.Add(transport::MatchAny(),
           FakeResponse("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 31\r\n\r\n"
                        "<a href=x/a><a href=x/b></a>..."),
           true);
  std::vector<core::Case> cases = {CaseWithVar("a", "weak", "/w")};
  DiscoveryOptions options;
  options.max_probes = 7;
  DiscoveryResult r = Discover(cases, LocalTarget(), fake, {}, options);
  EXPECT_EQ(r.probes, 7);
  EXPECT_EQ(fake.requests().size(), 7u);
  EXPECT_TRUE(r.replaced_defaults.empty());
}

// A page of many links: breadth first, in page order, the first ones the
// probes left can reach, and a linked page's own links after them.
TEST(DiscoverTest, ABigPageIsWalkedInOrderAsFarAsTheProbesGo) {
  FakeTransport fake;
  std::string page;
  for (int i = 0; i < 5000; ++i) page += "<a href=\"/p/" + std::to_string(i) + "\">x</a>\n";
  fake.Add(MatchRequest("GET", "/"),
           FakeResponse("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
                        std::to_string(page.size()) + "\r\n\r\n" + page),
           true);
  fake.Add(transport::MatchAny(), FakeResponse(kNotFound), true);
  std::vector<core::Case> cases = {CaseWithVar("a", "weak", "/w")};
  DiscoveryOptions options;
  options.max_probes = 6;
  Discover(cases, LocalTarget(), fake, {}, options);
  std::vector<std::string> targets;
  for (const transport::OutgoingRequest& r : fake.requests()) targets.push_back(r.target);
  EXPECT_EQ(targets, (std::vector<std::string>{"/w", "/", "/p/0", "/p/1", "/p/2", "/p/3"}));
}

TEST(DiscoverTest, ATimeoutEndsDiscovery) {
  // A silent server: the first probe times out, and no other is sent.
  FakeTransport fake;
  transport::Exchange silent;
  silent.timed_out = true;
  fake.Add(transport::MatchAny(), silent, true);
  std::vector<core::Case> cases = {CaseWithVar("a", "resource", "/a"),
                                   CaseWithVar("b", "missing", "/b")};
  DiscoveryResult r = Discover(cases, LocalTarget(), fake, {});
  EXPECT_EQ(r.probes, 1);
  EXPECT_TRUE(r.replaced_defaults.empty());
  EXPECT_TRUE(r.silent);  // `run` stops here with exit 3.
}

TEST(DiscoverTest, BytesWithoutAResponseAreNotSilence) {
  // A server that stalls in the middle of its head is slow, not silent.
  FakeTransport fake;
  transport::Exchange stalled;
  stalled.timed_out = true;
  stalled.received = "HTTP/1.1 200 OK\r\nContent-Len";
  fake.Add(transport::MatchAny(), stalled, true);
  DiscoveryResult r = Discover({CaseWithVar("a", "resource", "/a")}, LocalTarget(), fake, {});
  EXPECT_EQ(r.probes, 1);
  EXPECT_FALSE(r.silent);
}

TEST(DiscoverTest, ATimeoutAfterAnAnswerIsNotSilence) {
  FakeTransport fake;
  fake.Add(MatchRequest("GET", "/a"), FakeResponse(kNotFound));
  transport::Exchange silent;
  silent.timed_out = true;
  fake.Add(transport::MatchAny(), silent, true);
  DiscoveryResult r = Discover({CaseWithVar("a", "resource", "/a")}, LocalTarget(), fake, {});
  EXPECT_EQ(r.probes, 2);
  EXPECT_FALSE(r.silent);
}

TEST(DiscoverTest, StopSendsNothing) {
  FakeTransport fake;
  fake.Add(transport::MatchAny(), FakeResponse(kStaticOk), true);
  std::atomic<bool> stop{true};
  DiscoveryOptions options;
  options.stop = &stop;
  DiscoveryResult r =
      Discover({CaseWithVar("a", "resource", "/a")}, LocalTarget(), fake, {}, options);
  EXPECT_EQ(r.probes, 0);
  EXPECT_TRUE(fake.requests().empty());
}

TEST(DiscoverTest, RunnerAppliesReplacementsBelowVar) {
  // The replacement map is what the runner reads: the case default is
  // replaced, a --var still wins.
  FakeTransport fake;
  fake.Add(MatchRequest("GET", "/found"), FakeResponse(kStaticOk), true);
  fake.Add(MatchRequest("GET", "/given"), FakeResponse(kStaticOk), true);
  core::Case c = CaseWithVar("a", "resource", "/default");
  c.steps[0].expect.push_back({});
  c.steps[0].expect[0].status = {200};
  RunOptions options;
  options.replaced_defaults["resource"]["/default"] = "/found";
  Transports transports{&fake, &fake};
  core::CaseResult result = RunCase(c, LocalTarget(), transports, options);
  EXPECT_EQ(result.outcome, core::Outcome::kPass) << result.reason;
  ASSERT_EQ(result.steps.size(), 1u);
  EXPECT_EQ(result.steps[0].request.target, "/found");
  options.vars["resource"] = "/given";
  result = RunCase(c, LocalTarget(), transports, options);
  EXPECT_EQ(result.steps[0].request.target, "/given");
}

}  // namespace
}  // namespace httpconform::runner
