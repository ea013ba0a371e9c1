#include "reports/reproducer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "reports/report.h"

namespace httpconform::reports {
namespace {

const char kUrl[] = "http://127.0.0.1:8080/base/";

// A string literal with its NUL bytes.
template <std::size_t N>
std::string B(const char (&s)[N]) {
  return std::string(s, N - 1);
}

core::StepResult Sent(const std::string& bytes, bool raw = false) {
  core::StepResult s;
  s.request.raw = raw;
  s.request.bytes = bytes;
  return s;
}

TEST(ReproducerTest, PlainGetBecomesCurl) {
  EXPECT_EQ(Reproducer(Sent("GET /index.html?a=1&b=2 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"
                            "User-Agent: httpconform/0.1.0\r\n\r\n"),
                       kUrl),
            "curl --http1.1 -i 'http://127.0.0.1:8080/index.html?a=1&b=2' "
            "-H 'Host: 127.0.0.1:8080' -H 'User-Agent: httpconform/0.1.0' -H 'Accept:'");
}

TEST(ReproducerTest, HttpsChecksTheCertificateAsTheRunDid) {
  const core::StepResult get = Sent("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
  const std::string rest = " 'https://h:8443/' -H 'Host: h' -H 'User-Agent:' -H 'Accept:'";
  core::RunSettings settings;  // Not recorded (an old report): unverified, as before.
  EXPECT_EQ(Reproducer(get, "https://h:8443/", settings), "curl --http1.1 -i -k" + rest);
  settings.recorded = true;  // Verified against the system store.
  EXPECT_EQ(Reproducer(get, "https://h:8443/", settings), "curl --http1.1 -i" + rest);
  settings.tls_ca_file = "/tmp/my ca.pem";
  EXPECT_EQ(Reproducer(get, "https://h:8443/", settings),
            "curl --http1.1 -i --cacert '/tmp/my ca.pem'" + rest);
  settings.tls_verify = false;  // -k
  EXPECT_EQ(Reproducer(get, "https://h:8443/", settings), "curl --http1.1 -i -k" + rest);
}

TEST(ReproducerTest, PostContentWithQuoteAndEmptyField) {
  EXPECT_EQ(Reproducer(Sent("POST /upload HTTP/1.1\r\nHost: h\r\nX-Empty:\r\nContent-Length: 11\r\n"
                            "\r\nit's a test"),
                       kUrl),
            "curl --http1.1 -i 'http://127.0.0.1:8080/upload' -H 'Host: h' -H 'X-Empty;' "
            "-H 'Content-Length: 11' -H 'User-Agent:' -H 'Accept:' -H 'Content-Type:' -H 'Expect:' "
            "--data-binary 'it'\\''s a test'");
}

TEST(ReproducerTest, MethodsTargetsAndBinaryContent) {
  EXPECT_EQ(Reproducer(Sent("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n"), kUrl),
            "curl --http1.1 -i -I 'http://127.0.0.1:8080/' -H 'Host: h' -H 'User-Agent:' "
            "-H 'Accept:'");
  EXPECT_EQ(Reproducer(Sent("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n"), kUrl),
            "curl --http1.1 -i -X OPTIONS --request-target '*' 'http://127.0.0.1:8080/' "
            "-H 'Host: h' -H 'User-Agent:' -H 'Accept:'");
  EXPECT_EQ(Reproducer(Sent("GET /a/../b HTTP/1.1\r\nHost: h\r\n\r\n"), "https://[::1]:8443"),
            "curl --http1.1 -i -k --path-as-is 'https://[::1]:8443/a/../b' -H 'Host: h' "
            "-H 'User-Agent:' -H 'Accept:'");
  EXPECT_EQ(
      Reproducer(Sent(B("PUT /x HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\na\0%")), kUrl),
      "printf 'a\\000%%' | curl --http1.1 -i -X PUT 'http://127.0.0.1:8080/x' -H 'Host: h' "
      "-H 'Content-Length: 3' -H 'User-Agent:' -H 'Accept:' -H 'Content-Type:' -H 'Expect:' "
      "--data-binary @-");
}

TEST(ReproducerTest, WhatCurlCannotSayGoesThroughPrintf) {
  // Raw request with bytes that need escaping.
  EXPECT_EQ(Reproducer(Sent(B("GET / HTTP/1.1\r\nX: 100% \\ 'q'\0\xff\t7\r\n\r\n"), true), kUrl),
            "printf 'GET / HTTP/1.1\\r\\nX: 100%% \\\\ \\047q\\047\\000\\377\\t7\\r\\n\\r\\n' | "
            "nc 127.0.0.1 8080");
  // Structured, but curl would re-chunk, or the length lies, or the shape is not plain.
  EXPECT_EQ(
      Reproducer(Sent("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"), kUrl),
      "printf 'POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n' | "
      "nc 127.0.0.1 8080");
  EXPECT_EQ(Reproducer(Sent("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab"), "http://h"),
            "printf 'POST / HTTP/1.1\\r\\nContent-Length: 5\\r\\n\\r\\nab' | nc h 80");
  EXPECT_EQ(Reproducer(Sent("GET / HTTP/1.1\r\nX:  two spaces\r\n\r\n"), "https://example.test"),
            "printf 'GET / HTTP/1.1\\r\\nX:  two spaces\\r\\n\\r\\n' | openssl s_client -quiet "
            "-connect example.test:443 -servername example.test");
}

TEST(ReproducerTest, NothingRecordedUsesTheStructuredRecord) {
  core::StepResult s;
  s.request.method = "DELETE";
  s.request.target = "/r";
  s.request.headers = {{"Host", "h"}, {"Accept", "*/*"}};
  EXPECT_EQ(Reproducer(s, kUrl),
            "curl --http1.1 -i -X DELETE 'http://127.0.0.1:8080/r' -H 'Host: h' -H 'Accept: */*' "
            "-H 'User-Agent:'");
}

// The printf command must give back every byte value exactly, in bash and in
// the POSIX sh of the system.
TEST(ReproducerTest, PrintfRoundTripsEveryByteInTheShell) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  all += "0123\\\\%%s'\"`$(x)";
  for (const char* shell : {"bash", "sh"}) {
    const std::string cmd =
        std::string(shell) + " -c " + ShellQuote("printf '" + PrintfEscape(all) + "'");
    std::FILE* p = popen(cmd.c_str(), "r");
    ASSERT_NE(p, nullptr);
    std::string got;
    char buf[512];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) got.append(buf, n);
    EXPECT_EQ(pclose(p), 0) << shell;
    EXPECT_EQ(got, all) << shell;
  }
}

TEST(ReproducerTest, Transcript) {
  core::StepResult s = Sent("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
  s.received = B("HTTP/1.1 200 \x1b[1mOK\r\nA: \\\0\r\n\r\nbody");
  EXPECT_EQ(Transcript(s),
            "> GET / HTTP/1.1\\r\\n\n"
            "> Host: h\\r\\n\n"
            "> \\r\\n\n"
            "< HTTP/1.1 200 \\x1b[1mOK\\r\\n\n"
            "< A: \\\\\\x00\\r\\n\n"
            "< \\r\\n\n"
            "< body\n");
  EXPECT_EQ(Transcript(s, 5), "> GET /\n> ... (22 more bytes)\n< HTTP/\n< ... (29 more bytes)\n");
  EXPECT_EQ(Transcript(core::StepResult{}), "> (nothing)\n< (nothing)\n");
}

TEST(ReproducerTest, HtmlShowsReproducersOfFailedCasesOnly) {
  core::RunResult run;
  run.target_url = kUrl;
  core::CaseResult failed;
  failed.id = "a.failed";
  failed.outcome = core::Outcome::kFail;
  failed.steps.push_back(Sent("GET /<x> HTTP/1.1\r\nHost: h\r\n\r\n"));
  core::CaseResult passed = failed;
  passed.id = "b.passed";
  passed.outcome = core::Outcome::kPass;
  passed.steps[0] = Sent("GET /passed HTTP/1.1\r\nHost: h\r\n\r\n");
  run.results = {failed, passed};
  const std::string html = RenderHtml(run);
  EXPECT_NE(html.find("<div class=\"repro\"><h5>Reproduce step 1</h5><pre>curl --http1.1 -i "
                      "--request-target &#39;/&lt;x&gt;&#39; &#39;http://127.0.0.1:8080/&#39; "
                      "-H &#39;Host: h&#39;"),
            std::string::npos);
  EXPECT_EQ(html.find("http://127.0.0.1:8080/passed"), std::string::npos);
}

}  // namespace
}  // namespace httpconform::reports
