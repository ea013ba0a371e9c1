// HTTP/2 header blocks from a Reply (h2_reply.h): the conforming path and
// the one thing each h2-* fault changes.
#include "harness/server/h2_reply.h"

#include <gtest/gtest.h>

namespace httpconform::server {
namespace {

Reply Sample(int status = 200) {
  Reply r;
  r.status = status;
  AddField(r.fields, "Content-Type", "text/plain");
  AddField(r.fields, "Connection", "close");
  AddField(r.fields, "Upgrade", "websocket");
  r.content = "hello";
  return r;
}

FaultSet Faults(const std::vector<std::string>& names) { return *FaultSet::Parse(names); }

const core::Field* Find(const core::Fields& f, const std::string& name) {
  for (const core::Field& x : f) {
    if (x.name == name) return &x;
  }
  return nullptr;
}

TEST(H2ReplyTest, ConformingResponse) {
  H2Response r = BuildH2Response(Sample(), false, 0, Faults({}));
  ASSERT_FALSE(r.head.empty());
  EXPECT_EQ(r.head[0].name, ":status");
  EXPECT_EQ(r.head[0].value, "200");
  EXPECT_NE(Find(r.head, "content-type"), nullptr);
  EXPECT_EQ(Find(r.head, "Content-Type"), nullptr);
  EXPECT_EQ(Find(r.head, "connection"), nullptr);
  EXPECT_EQ(Find(r.head, "upgrade"), nullptr);
  ASSERT_NE(Find(r.head, "content-length"), nullptr);
  EXPECT_EQ(Find(r.head, "content-length")->value, "5");
  EXPECT_EQ(r.data, "hello");
}

TEST(H2ReplyTest, NoDataForHead204And304) {
  H2Response head = BuildH2Response(Sample(), true, 0, Faults({}));
  EXPECT_TRUE(head.data.empty());
  EXPECT_EQ(Find(head.head, "content-length")->value, "5");  // What GET would send.
  for (int status : {204, 304}) {
    H2Response r = BuildH2Response(Sample(status), false, 0, Faults({}));
    EXPECT_TRUE(r.data.empty()) << status;
    EXPECT_EQ(Find(r.head, "content-length"), nullptr) << status;
  }
}

TEST(H2ReplyTest, Never101) {
  Reply r = Sample(101);
  Reply interim;
  interim.status = 101;
  r.interim.push_back(interim);
  H2Response out = BuildH2Response(r, false, 0, Faults({}));
  EXPECT_TRUE(out.interim.empty());
  EXPECT_NE(out.head[0].value, "101");
}

TEST(H2ReplyTest, EachFaultBreaksItsRule) {
  auto built = [](const char* fault, bool head = false, int status = 200) {
    return BuildH2Response(Sample(status), head, 0, Faults({fault}));
  };
  EXPECT_NE(Find(built("h2-uppercase-name").head, "Content-Type"), nullptr);
  EXPECT_NE(Find(built("h2-connection-field").head, "connection"), nullptr);
  EXPECT_NE(Find(built("h2-transfer-encoding-field").head, "transfer-encoding"), nullptr);
  EXPECT_EQ(Find(built("h2-content-length-mismatch").head, "content-length")->value, "6");
  ASSERT_EQ(built("h2-status-101").interim.size(), 1u);
  EXPECT_EQ(built("h2-status-101").interim[0][0].value, "101");
  EXPECT_FALSE(built("h2-data-without-content", true).data.empty());
  EXPECT_FALSE(built("h2-data-without-content", false, 304).data.empty());
  EXPECT_EQ(built("h2-status-not-first").head[0].name, "date");
  EXPECT_EQ(built("h2-status-repeated").head[1].name, ":status");
}

}  // namespace
}  // namespace httpconform::server
