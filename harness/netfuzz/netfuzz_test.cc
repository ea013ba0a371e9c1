// Unit tests of the netfuzz module: the seeded sequence is reproducible bit
// for bit, operators render what their names say, the oracle's table holds
// servers to what the RFC requires (and no more), finding case files load,
// and a short campaign against the embedded reference server finds a planted
// fault and nothing on a clean server. The exchange tests check that an
// exchange ends as soon as its outcome is known (not at the deadline) and
// that a hang still waits the deadline out; their time bounds are generous
// (a fraction of a 5 s deadline), so load cannot make them flaky.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <string>
#include <thread>

#include "harness/loader/loader.h"
#include "harness/netfuzz/campaign.h"
#include "harness/netfuzz/mutators.h"
#include "harness/netfuzz/oracle.h"
#include "harness/server/reference_server.h"

namespace httpconform::netfuzz {
namespace {

Plan PlanOf(bool post, std::vector<std::pair<std::string, std::uint64_t>> ops) {
  Plan plan;
  plan.post = post;
  for (auto& [name, param] : ops) {
    int op = FindOperator(name);
    EXPECT_GE(op, 0) << name;
    plan.mutations.push_back({op, param});
  }
  return plan;
}

TEST(Netfuzz, SameSeedSameRequestsBitForBit) {
  BaseTarget target{"127.0.0.1:8080", "/x"};
  auto a = RequestSequenceForTesting(42, 300, target);
  auto b = RequestSequenceForTesting(42, 300, target);
  auto c = RequestSequenceForTesting(43, 300, target);
  ASSERT_EQ(a.size(), 300u);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  std::set<std::string> distinct(a.begin(), a.end());
  EXPECT_GT(distinct.size(), 200u);  // Not one request over and over.
}

// --shard K/N: the shards' streams interleave into the unsharded one, so
// they are disjoint (no plan index in two shards) and none is lost.
TEST(Netfuzz, ShardsSplitTheSeedsSequenceDisjointly) {
  BaseTarget target{"127.0.0.1:8080", "/x"};
  const auto whole = RequestSequenceForTesting(42, 600, target);
  for (int n : {2, 3}) {
    std::vector<std::vector<std::string>> shards;
    for (int k = 1; k <= n; ++k) {
      shards.push_back(RequestSequenceForTesting(42, 600 / n, target, Shard{k, n}));
    }
    for (int i = 0; i < 600; ++i) {
      EXPECT_EQ(shards[i % n][i / n], whole[i]) << "plan " << i << " of " << n << " shards";
    }
    EXPECT_NE(shards[0], shards[1]);
  }
  EXPECT_EQ(RequestSequenceForTesting(42, 50, target, Shard{1, 1}),
            RequestSequenceForTesting(42, 50, target));
}

TEST(Netfuzz, ParseShard) {
  struct Row {
    const char* text;
    bool ok;
    int index, count;
  };
  const Row rows[] = {
      {"1/1", true, 1, 1},    {"2/3", true, 2, 3},     {"4096/4096", true, 4096, 4096},
      {"0/2", false, 0, 0},   {"3/2", false, 0, 0},    {"1/0", false, 0, 0},
      {"a/2", false, 0, 0},   {"1/", false, 0, 0},     {"/2", false, 0, 0},
      {"12", false, 0, 0},    {"1/4097", false, 0, 0}, {"1/-1", false, 0, 0},
      {"1/2/3", false, 0, 0}, {"", false, 0, 0},       {"+1/2", false, 0, 0},
  };
  for (const Row& row : rows) {
    Shard shard{7, 7};
    EXPECT_EQ(ParseShard(row.text, &shard), row.ok) << row.text;
    if (row.ok) {
      EXPECT_EQ(shard.index, row.index) << row.text;
      EXPECT_EQ(shard.count, row.count) << row.text;
    }
  }
}

TEST(Netfuzz, EveryOperatorIsDrawnAndRenders) {
  PlanGenerator gen(7);
  std::set<int> drawn;
  for (int i = 0; i < 3000; ++i) {
    Plan p = gen.Next();
    ASSERT_GE(p.mutations.size(), 1u);
    ASSERT_LE(p.mutations.size(), 3u);
    for (const Mutation& m : p.mutations) {
      drawn.insert(m.op);
      EXPECT_LE(m.param, AllOperators()[m.op].max_param);
    }
  }
  EXPECT_EQ(drawn.size(), AllOperators().size());
  std::set<std::string> names;
  for (const OperatorInfo& info : AllOperators()) {
    EXPECT_TRUE(names.insert(info.name).second) << "duplicate " << info.name;
    if (info.verdict >= Verdict::kRejectOrRepair) {
      EXPECT_FALSE(info.rule.quote.empty()) << info.name << ": a strong verdict needs its quote";
      EXPECT_EQ(info.rule.level, "MUST") << info.name;
    }
  }
}

TEST(Netfuzz, BaseAndOperatorBytes) {
  BaseTarget t{"h:1", "/p"};
  EXPECT_EQ(Render(PlanOf(false, {}), t).bytes,
            "GET /p HTTP/1.1\r\nHost: h:1\r\nUser-Agent: httpconform-fuzz\r\n"
            "Connection: close\r\n\r\n");
  EXPECT_EQ(Render(PlanOf(false, {{"obs-fold", 0}}), t).bytes,
            "GET /p HTTP/1.1\r\nHost: h:1\r\nUser-Agent: httpconform-fuzz\r\n"
            "X-Fuzz: a\r\n b\r\nConnection: close\r\n\r\n");
  EXPECT_NE(Render(PlanOf(true, {{"cl-conflict", 0}}), t)
                .bytes.find("Content-Length: 5\r\nContent-Length: 6\r\n"),
            std::string::npos);
  EXPECT_NE(Render(PlanOf(true, {{"te-not-chunked-last", 0}}), t)
                .bytes.find("Transfer-Encoding: chunked, identity\r\n"),
            std::string::npos);
  Rendered piped = Render(PlanOf(false, {{"pipeline", 1}}), t);
  EXPECT_EQ(piped.requests, 3);
  EXPECT_EQ(piped.bytes.find("Connection: close"), piped.bytes.rfind("Connection: close"));
  Rendered split = Render(PlanOf(false, {{"segment", 7}}), t);
  EXPECT_GE(split.segments.size(), 2u);
  std::string joined;
  for (const auto& s : split.segments) joined += s.bytes;
  EXPECT_EQ(joined, split.bytes);
}

struct OracleRow {
  std::vector<std::pair<std::string, std::uint64_t>> ops;
  bool post;
  Verdict verdict;
};

TEST(Netfuzz, OracleVerdictTable) {
  const OracleRow rows[] = {
      {{}, false, Verdict::kValid},
      {{{"obs-fold", 0}}, false, Verdict::kRejectOrRepair},
      {{{"space-before-colon", 0}}, false, Verdict::kMust400},
      {{{"host-missing", 0}}, false, Verdict::kMust400},
      {{{"host-duplicate", 0}}, false, Verdict::kMust400},
      {{{"cl-conflict", 0}}, true, Verdict::kMust400},
      {{{"cl-invalid", 0}}, true, Verdict::kMust400},
      {{{"cl-unusual", 0}}, true, Verdict::kValid},  // Leading zeros are 1*DIGIT.
      {{{"te-chunked", 2}}, true, Verdict::kValid},  // " chunked": OWS is not part of the value.
      {{{"ctl-in-value", 0}}, false, Verdict::kRejectOrRepair},
      {{{"method-unknown", 0}}, false, Verdict::kValid},
      {{{"invalid-chunk-size", 0}}, true, Verdict::kUnusual},  // No RFC-mandated status.
      // Masked: HTTP/1.0 needs no Host, so missing-host is no longer a MUST-400.
      {{{"host-missing", 0}, {"version-variant", 0}}, false, Verdict::kUnusual},
  };
  BaseTarget t{"127.0.0.1:1", "/"};
  for (const OracleRow& row : rows) {
    Plan plan = PlanOf(row.post, row.ops);
    Requirement req = Classify(plan, Render(plan, t));
    EXPECT_EQ(VerdictName(req.verdict), std::string(VerdictName(row.verdict)))
        << DescribePlan(plan);
    EXPECT_TRUE(req.complete) << DescribePlan(plan);
  }
}

TEST(Netfuzz, OracleJudgements) {
  BaseTarget t{"127.0.0.1:1", "/"};
  Plan fold = PlanOf(false, {{"obs-fold", 0}});
  Rendered r = Render(fold, t);
  Requirement req = Classify(fold, r);
  Outcome o;
  o.received = "HTTP/1.1 500 x\r\n\r\n";
  o.statuses = {500};
  o.complete_responses = 1;
  EXPECT_EQ(Judge(r, req, o).kind, "status-5xx");
  o.statuses = {200};  // Repair is allowed for obs-fold.
  EXPECT_EQ(Judge(r, req, o).kind, "");
  o.statuses = {400};
  EXPECT_EQ(Judge(r, req, o).kind, "");

  Plan colon = PlanOf(false, {{"space-before-colon", 0}});
  Rendered rc = Render(colon, t);
  Requirement qc = Classify(colon, rc);
  o.statuses = {200};
  EXPECT_EQ(Judge(rc, qc, o).kind, "status-2xx");
  o.statuses = {501};
  EXPECT_EQ(Judge(rc, qc, o).kind, "");

  Outcome silent;
  silent.timed_out = true;
  EXPECT_EQ(Judge(rc, qc, silent).kind, "timeout");
  // A Content-Length longer than what was sent: waiting is allowed.
  Plan incomplete = PlanOf(true, {{"cl-overflow", 2}});
  Rendered ri = Render(incomplete, t);
  EXPECT_EQ(Judge(ri, Classify(incomplete, ri), silent).kind, "");

  Plan base = PlanOf(false, {});
  Rendered rb = Render(base, t);
  Outcome two;
  two.received = "x";
  two.statuses = {200, 200};
  two.complete_responses = 2;
  EXPECT_EQ(Judge(rb, Classify(base, rb), two).kind, "desync");
  // Fewer responses than pipelined requests, then close: allowed (RFC 9112 §9.6).
  Plan piped = PlanOf(false, {{"pipeline", 0}});
  Rendered rp = Render(piped, t);
  Outcome one;
  one.received = "x";
  one.statuses = {400};
  one.complete_responses = 1;
  one.closed = true;
  EXPECT_EQ(Judge(rp, Classify(piped, rp), one).kind, "");
  one.closed = false;  // Left open and silent: the second request is lost.
  one.timed_out = true;
  EXPECT_EQ(Judge(rp, Classify(piped, rp), one).kind, "desync");
}

TEST(Netfuzz, FindingCaseFileLoads) {
  Finding f;
  f.id = "status-5xx-0123abcd";
  f.kind = "status-5xx";
  f.reason = "answered 500";
  f.verdict = Verdict::kRejectOrRepair;
  f.rule = AllOperators()[FindOperator("obs-fold")].rule;
  f.plan = "GET + obs-fold(0)";
  static const char kSent[] = "GET / HTTP/1.1\r\nHost: 127.0.0.1:9\r\nX: a$b\\\0\r\n\r\n";
  static const char kTemplate[] = "GET / HTTP/1.1\r\nHost: ${authority}\r\nX: a$$b\\\0\r\n\r\n";
  f.request = std::string(kSent, sizeof kSent - 1);
  f.pieces = {{f.request.substr(0, 10), 0}, {f.request.substr(10), 5}};
  std::string json = FindingCaseJson(f, "127.0.0.1:9");
  auto cases = loader::LoadCaseFile({"finding.json", json});
  ASSERT_TRUE(cases) << cases.error().message;
  ASSERT_EQ(cases->size(), 1u);
  const core::Case& c = cases->front();
  EXPECT_EQ(c.id, "fuzz.status-5xx-0123abcd");
  ASSERT_EQ(c.steps.size(), 1u);
  ASSERT_EQ(c.steps[0].request.segments.size(), 2u);
  EXPECT_EQ(c.steps[0].request.segments[1].delay_ms, 5);
  std::string bytes = c.steps[0].request.segments[0].bytes + c.steps[0].request.segments[1].bytes;
  EXPECT_EQ(bytes, std::string(kTemplate, sizeof kTemplate - 1));
  ASSERT_EQ(c.steps[0].expect.size(), 1u);
  const auto& st = c.steps[0].expect[0].status;
  EXPECT_NE(std::find(st.begin(), st.end(), 400), st.end());
  EXPECT_NE(std::find(st.begin(), st.end(), 200), st.end());
  EXPECT_EQ(std::find(st.begin(), st.end(), 500), st.end());
}

TEST(Netfuzz, ReportsEscape) {
  CampaignResult r;
  r.target = "http://127.0.0.1:1/<script>";
  Finding f;
  f.id = "x";
  f.reason = "<b>&\"";
  f.request = "A\r\n<";
  r.findings.push_back(f);
  std::string html = FuzzReportHtml(r);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;&amp;&quot;"), std::string::npos);
  std::string json = FuzzReportJson(r, "9");
  EXPECT_NE(json.find("\"schema\": \"httpconform-fuzz-report/1\""), std::string::npos);
  EXPECT_NE(json.find("A\\\\r\\\\n<"), std::string::npos);
}

// The campaign page shows the request and response as bytes, one line per
// line (\r\n visible, then a real break), and how to send them again.
TEST(Netfuzz, ReportShowsBytesByLineWithAReproducer) {
  CampaignResult r;
  r.target = "http://127.0.0.1:8080/";
  Finding f;
  f.id = "status-5xx-0123abcd";
  f.request = "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nX: '%\x01\r\n\r\n";
  f.pieces = {{f.request.substr(0, 5), 0}, {f.request.substr(5), 10}};
  f.response = "HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n";
  f.case_path = "fuzz-findings/status-5xx-0123abcd.json";
  r.findings.push_back(f);
  const std::string html = FuzzReportHtml(r);
  EXPECT_NE(html.find("<tr><th>Request (48 bytes)</th><td><pre>GET / HTTP/1.1\\r\\n\n"
                      "Host: 127.0.0.1:8080\\r\\n\nX: &#39;%\\x01\\r\\n\n\\r\\n\n</pre>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<tr><th>Response (40 bytes)</th><td><pre>HTTP/1.1 500 Oops\\r\\n\n"
                      "Content-Length: 0\\r\\n\n\\r\\n\n</pre>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<tr><th>Reproduce</th><td><pre>printf &#39;GET / HTTP/1.1\\r\\nHost: "
                      "127.0.0.1:8080\\r\\nX: \\047%%\\001\\r\\n\\r\\n&#39; | nc 127.0.0.1 8080\n"
                      "# sends the bytes at once; the finding sent them in 2 pieces with pauses\n"
                      "httpconform run &#39;http://127.0.0.1:8080/&#39; --no-builtin --cases "
                      "&#39;fuzz-findings/status-5xx-0123abcd.json&#39;</pre>"),
            std::string::npos)
      << html;
}

core::Expected<CampaignResult> Campaign(const std::vector<std::string>& faults, double seconds,
                                        std::int64_t requests, int timeout_ms = 1000) {
  server::ServerOptions so;
  so.faults = faults;
  auto server = server::ReferenceServer::Start(so);
  if (!server) return server.error();
  FuzzOptions o;
  o.url = (*server)->url() + "/";
  o.seed = 1;
  o.duration_s = seconds;
  o.max_requests = requests;
  o.timeout_ms = timeout_ms;
  o.out_dir = "";
  return RunCampaign(o);
}

TEST(Netfuzz, CampaignFindsObsFoldFault) {
  auto r = Campaign({"500-for-obs-fold"}, 20, 400);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_FALSE(r->findings.empty());
  EXPECT_EQ(r->findings[0].kind, "status-5xx");
  EXPECT_EQ(r->findings[0].plan, "GET + obs-fold(0)");  // Minimized.
  EXPECT_EQ(r->findings[0].rule.section, "5.2");
}

TEST(Netfuzz, CampaignCleanServerNoFinding) {
  auto r = Campaign({}, 20, 1500);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->requests, 1500);
  for (const Finding& f : r->findings) ADD_FAILURE() << f.id << ": " << f.reason << " " << f.plan;
}

// A one-connection server on 127.0.0.1 that reads a request head, writes
// `reply` and then keeps the connection open until the client closes (or
// 10 s pass): what a keep-alive or lingering server does.
class OpenServer {
 public:
  explicit OpenServer(std::string reply) : reply_(std::move(reply)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&a), len), 0);
    EXPECT_EQ(::listen(fd_, 4), 0);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~OpenServer() {
    thread_.join();
    ::close(fd_);
  }
  int port() const { return port_; }

 private:
  void Serve() {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 10000) != 1) return;
    int c = ::accept(fd_, nullptr, nullptr);
    if (c < 0) return;
    std::string got;
    char buf[4096];
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    bool replied = false;
    while (std::chrono::steady_clock::now() < end) {
      pollfd q{c, POLLIN, 0};
      if (::poll(&q, 1, 100) != 1) continue;
      ssize_t n = ::recv(c, buf, sizeof buf, 0);
      if (n <= 0) break;  // The client closed: the exchange is over.
      got.append(buf, static_cast<std::size_t>(n));
      if (!replied && got.find("\r\n\r\n") != std::string::npos) {
        replied = true;
        EXPECT_EQ(::send(c, reply_.data(), reply_.size(), MSG_NOSIGNAL),
                  static_cast<ssize_t>(reply_.size()));
      }
    }
    ::close(c);
  }

  std::string reply_;
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
};

constexpr char kOk[] = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
constexpr char kGet[] = "GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n";

TEST(NetfuzzExchange, CompleteResponseOnOpenConnectionEndsWithoutTheDeadline) {
  OpenServer server(kOk);
  auto o = Exchange("127.0.0.1", server.port(), {{kGet, 0}}, 1, 5000);
  ASSERT_TRUE(o) << o.error().message;
  EXPECT_EQ(o->complete_responses, 1);
  EXPECT_FALSE(o->timed_out);
  EXPECT_FALSE(o->closed);
  EXPECT_LT(o->duration_ms, 2500);  // Grace is at most kGraceMaxMs, not the 5 s deadline.
}

TEST(NetfuzzExchange, ExtraResponseIsStillSeen) {
  OpenServer server(std::string(kOk) + kOk);
  auto o = Exchange("127.0.0.1", server.port(), {{kGet, 0}}, 1, 5000);
  ASSERT_TRUE(o) << o.error().message;
  EXPECT_EQ(o->statuses, (std::vector<int>{200, 200}));
  EXPECT_LT(o->duration_ms, 2500);
}

TEST(NetfuzzExchange, StallIsWaitedOutOnlyWhenJudged) {
  const std::string two = std::string(kGet) + kGet;
  {
    // A stalled pipeline on a valid request is a finding: wait the deadline.
    OpenServer server(kOk);
    auto o = Exchange("127.0.0.1", server.port(), {{two, 0}}, 2, 400);
    ASSERT_TRUE(o) << o.error().message;
    EXPECT_TRUE(o->timed_out);
    EXPECT_GE(o->duration_ms, 350);
    EXPECT_EQ(o->complete_responses, 1);
  }
  {
    OpenServer server(kOk);
    ExchangeWaits waits;
    waits.judge_stall = false;
    auto o = Exchange("127.0.0.1", server.port(), {{two, 0}}, 2, 5000, false, waits);
    ASSERT_TRUE(o) << o.error().message;
    EXPECT_FALSE(o->timed_out);
    EXPECT_EQ(o->complete_responses, 1);
    EXPECT_LT(o->duration_ms, 2500);
  }
}

TEST(NetfuzzExchange, IncompleteRequestEndsAfterQuietPeriod) {
  // Content-Length longer than the content: the server waits for the rest.
  OpenServer server("");
  const std::string cut = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nhello";
  ExchangeWaits waits;
  waits.incomplete_quiet_ms = 100;
  auto o = Exchange("127.0.0.1", server.port(), {{cut, 0}}, 1, 5000, false, waits);
  ASSERT_TRUE(o) << o.error().message;
  EXPECT_TRUE(o->quiet_end);
  EXPECT_TRUE(o->timed_out);
  EXPECT_TRUE(o->received.empty());
  EXPECT_GE(o->duration_ms, 90);
  EXPECT_LT(o->duration_ms, 2500);
}

TEST(NetfuzzExchange, KeepAliveAgainstReferenceServerEndsEarly) {
  auto server = server::ReferenceServer::Start(server::ServerOptions{});
  ASSERT_TRUE(server) << server.error().message;
  auto o = Exchange("127.0.0.1", (*server)->port(), {{kGet, 0}}, 1, 5000);
  ASSERT_TRUE(o) << o.error().message;
  EXPECT_EQ(o->complete_responses, 1);
  EXPECT_FALSE(o->timed_out);
  EXPECT_LT(o->duration_ms, 2500);
}

TEST(NetfuzzExchange, HangIsStillFoundWithSeed1) {
  // The hang detector keeps the whole deadline (short here to keep the test short).
  auto r = Campaign({"hang-on-cl-conflict"}, 20, 400, 300);
  ASSERT_TRUE(r) << r.error().message;
  bool hang = false;
  for (const Finding& f : r->findings) {
    if (f.kind != "timeout") continue;
    hang = true;
    EXPECT_NE(f.plan.find("cl-conflict"), std::string::npos) << f.plan;
  }
  EXPECT_TRUE(hang);
}

TEST(Netfuzz, UnreachableTargetIsAnError) {
  FuzzOptions o;
  o.url = "http://127.0.0.1:1/";
  o.out_dir = "";
  auto r = RunCampaign(o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "connect");
  o.url = "https://127.0.0.1:1/";
  EXPECT_EQ(RunCampaign(o).error().code, "usage");
}

}  // namespace
}  // namespace httpconform::netfuzz
