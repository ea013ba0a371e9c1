// fuzz merge: findings with the same reproducer (bytes and segments) are
// kept once, the first in the order of the directories; the same bytes cut
// into other segments are another finding; unreadable input is an error.
#include "harness/netfuzz/merge.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "harness/netfuzz/campaign.h"

namespace httpconform::netfuzz {
namespace {

namespace fs = std::filesystem;

class MergeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/httpconform-merge-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    root_ = tmpl;
  }
  void TearDown() override { fs::remove_all(root_); }

  // Writes a finding as the campaign does: <id>.bin and <id>.json.
  void Write(const std::string& dir, const std::string& id, const std::vector<Piece>& pieces) {
    fs::create_directories(root_ / dir);
    Finding f;
    f.id = id;
    f.kind = "status-5xx";
    f.reason = "a 5xx";
    f.pieces = pieces;
    for (const Piece& p : pieces) f.request += p.bytes;
    std::ofstream(root_ / dir / (id + ".bin"), std::ios::binary) << f.request;
    std::ofstream(root_ / dir / (id + ".json"), std::ios::binary)
        << FindingCaseJson(f, "127.0.0.1:1");
  }
  std::string Dir(const std::string& name) const { return (root_ / name).string(); }

  fs::path root_;
};

TEST_F(MergeTest, KeepsEachReproducerOnce) {
  const std::string fold = "GET / HTTP/1.1\r\nHost: {{authority}}\r\nA: b\r\n c\r\n\r\n";
  const std::string conflict = "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n";
  Write("one", "status-5xx-aaaa0001", {{fold, 0}});
  Write("one", "status-5xx-aaaa0002", {{conflict, 0}});
  Write("two", "status-5xx-aaaa0001", {{fold, 0}});  // Same as one's: a duplicate.
  Write("two", "status-5xx-bbbb0003", {{fold, 0}});  // Same again under another id.
  // The same bytes in two timed segments reproduce differently: kept.
  Write("two", "status-5xx-cccc0004", {{fold.substr(0, 10), 0}, {fold.substr(10), 50}});
  auto result = MergeFindings({Dir("one"), Dir("two")}, Dir("out"));
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->findings, 5);
  EXPECT_EQ(result->kept, (std::vector<std::string>{"status-5xx-aaaa0001", "status-5xx-aaaa0002",
                                                    "status-5xx-cccc0004"}));
  ASSERT_EQ(result->duplicates.size(), 2u);
  EXPECT_EQ(result->duplicates[0], Dir("two") + "/status-5xx-aaaa0001 = status-5xx-aaaa0001");
  EXPECT_EQ(result->duplicates[1], Dir("two") + "/status-5xx-bbbb0003 = status-5xx-aaaa0001");
  int files = 0;
  for (const auto& entry : fs::directory_iterator(root_ / "out")) {
    EXPECT_NE(entry.path().extension(), ".tmp");
    ++files;
  }
  EXPECT_EQ(files, 6);  // Three findings, each .bin and .json.
  std::ifstream in(root_ / "out" / "status-5xx-aaaa0002.bin", std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), conflict);
}

TEST_F(MergeTest, UnreadableInputIsAnError) {
  EXPECT_FALSE(MergeFindings({}, Dir("out")));
  EXPECT_FALSE(MergeFindings({Dir("missing")}, Dir("out")));
  Write("lone", "status-5xx-aaaa0001", {{"GET / HTTP/1.1\r\n\r\n", 0}});
  fs::remove(root_ / "lone" / "status-5xx-aaaa0001.bin");
  EXPECT_FALSE(MergeFindings({Dir("lone")}, Dir("out")));
  fs::create_directories(root_ / "bad");
  std::ofstream(root_ / "bad" / "x.json") << "{\"cases\": 1}";
  std::ofstream(root_ / "bad" / "x.bin") << "GET";
  auto result = MergeFindings({Dir("bad")}, Dir("out"));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, "usage");
  EXPECT_NE(result.error().message.find("not a finding's case file"), std::string::npos);
}

}  // namespace
}  // namespace httpconform::netfuzz
