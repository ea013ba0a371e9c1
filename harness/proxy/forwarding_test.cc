#include "harness/proxy/forwarding.h"

#include <gtest/gtest.h>

namespace httpconform::proxy {
namespace {

GatewayFaultSet With(const std::vector<std::string>& names) {
  return *GatewayFaultSet::Parse(names);
}

std::string Names(const core::Fields& fields) {
  std::string out;
  for (const core::Field& f : fields) out += (out.empty() ? "" : ",") + f.name;
  return out;
}

TEST(ForwardFields, RemovesConnectionListedAndHopByHop) {
  struct Row {
    core::Fields in;
    bool response;
    std::vector<std::string> faults;
    std::string want;
  };
  const std::vector<Row> rows = {
      {{{"Connection", "X-A, close"}, {"X-A", "1"}, {"X-B", "2"}}, false, {}, "X-B"},
      {{{"connection", "x-a"}, {"X-A", "1"}}, false, {}, ""},
      {{{"Keep-Alive", "5"},
        {"TE", "trailers"},
        {"Upgrade", "x"},
        {"Proxy-Connection", "k"},
        {"Host", "h"}},
       false,
       {},
       "Host"},
      {{{"Content-Length", "3"}, {"Transfer-Encoding", "chunked"}, {"X", "1"}}, false, {}, "X"},
      {{{"Connection", "X-A"}, {"X-A", "1"}}, false, {"gw-forward-connection-listed"}, "X-A"},
      {{{"Connection", "X-A"}, {"X-A", "1"}}, true, {"gw-forward-connection-listed"}, ""},
      {{{"Connection", "X-A"}, {"X-A", "1"}},
       true,
       {"gw-forward-response-connection-listed"},
       "X-A"},
      {{{"Connection", "X-A"}, {"X-A", "1"}}, false, {"gw-forward-connection"}, "Connection"},
      {{{"Keep-Alive", "5"}}, true, {"gw-forward-hop-by-hop"}, "Keep-Alive"},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(Names(ForwardFields(row.in, row.response, With(row.faults))), row.want)
        << Names(row.in);
  }
}

TEST(MaxForwards, DecrementedOrAnsweredForTraceAndOptionsOnly) {
  struct Row {
    std::string method;
    std::string value;
    std::vector<std::string> faults;
    bool answer_here;
    std::string forwarded;  // "" for as received.
  };
  const std::vector<Row> rows = {
      {"OPTIONS", "5", {}, false, "4"},
      {"TRACE", "1", {}, false, "0"},
      {"TRACE", "0", {}, true, ""},
      {"OPTIONS", "0", {}, true, ""},
      {"GET", "0", {}, false, ""},
      {"OPTIONS", "x", {}, false, ""},
      {"OPTIONS", "0", {"gw-forward-max-forwards-zero"}, false, ""},
      {"OPTIONS", "5", {"gw-max-forwards-unchanged"}, false, ""},
  };
  for (const Row& row : rows) {
    MaxForwards mf = CheckMaxForwards(row.method, {{"Max-Forwards", row.value}}, With(row.faults));
    EXPECT_EQ(mf.answer_here, row.answer_here) << row.method << " " << row.value;
    EXPECT_EQ(mf.value.value_or(""), row.forwarded) << row.method << " " << row.value;
  }
}

TEST(Via, AppendedAfterTheReceivedMembers) {
  core::Fields f = {{"Via", "1.0 fred"}};
  AppendVia(&f, "HTTP/1.1", With({}));
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[1].value, "1.1 httpconform");
  core::Fields g = {{"Via", "1.0 fred"}};
  AppendVia(&g, "HTTP/1.0", With({"gw-via-replaced"}));
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].value, "1.0 httpconform");
  core::Fields h;
  AppendVia(&h, "HTTP/1.1", With({"gw-no-via"}));
  EXPECT_TRUE(h.empty());
}

TEST(GatewayFaults, UnknownNameIsAUsageError) {
  auto set = GatewayFaultSet::Parse({"gw-no-such"});
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().code, "usage");
}

}  // namespace
}  // namespace httpconform::proxy
