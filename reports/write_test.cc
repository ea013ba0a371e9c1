#include <dirent.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "reports/redact.h"
#include "reports/report.h"
#include "reports/sample_run.h"

namespace httpconform::reports {
namespace {

std::vector<std::string> List(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return names;
  while (const dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(d);
  return names;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class WriteTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string templ = testing::TempDir() + "/reports_write_XXXXXX";
    ASSERT_NE(::mkdtemp(templ.data()), nullptr);
    dir_ = templ;
  }
  void TearDown() override {
    for (const std::string& name : List(dir_)) {
      const std::string path = dir_ + "/" + name;
      if (::unlink(path.c_str()) != 0) ::rmdir(path.c_str());
    }
    ::rmdir(dir_.c_str());
  }
  std::string dir_;
};

TEST_F(WriteTest, WritesAndReplacesLeavingNoTemporaryFile) {
  const std::string path = dir_ + "/report.json";
  ASSERT_TRUE(WriteFileAtomically(path, std::string("first\0x", 7)).has_value());
  EXPECT_EQ(Slurp(path), std::string("first\0x", 7));
  ASSERT_TRUE(WriteFileAtomically(path, "second").has_value());
  EXPECT_EQ(Slurp(path), "second");
  EXPECT_EQ(List(dir_), std::vector<std::string>{"report.json"});
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_NE(st.st_mode & S_IRUSR, 0u);
}

TEST_F(WriteTest, MissingDirectoryFailsWithIoErrorAndLeavesNothing) {
  const std::string path = dir_ + "/missing/report.json";
  const auto written = WriteFileAtomically(path, "x");
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().code, "io");
  EXPECT_EQ(written.error().message, path + ": No such file or directory");
  EXPECT_TRUE(List(dir_).empty());
}

TEST_F(WriteTest, FailedRenameRemovesTheTemporaryFile) {
  const std::string path = dir_ + "/taken";
  ASSERT_EQ(::mkdir(path.c_str(), 0700), 0);
  ASSERT_EQ(::mkdir((path + "/child").c_str(), 0700), 0);  // Non-empty: rename must fail.
  const auto written = WriteFileAtomically(path, "x");
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().code, "io");
  EXPECT_EQ(written.error().message.rfind(path + ": ", 0), 0u);
  EXPECT_EQ(List(dir_), std::vector<std::string>{"taken"});
  ::rmdir((path + "/child").c_str());
}

TEST_F(WriteTest, DashMeansStandardOutput) {
  testing::internal::CaptureStdout();
  const auto written = WriteFileAtomically("-", "to stdout\n");
  const std::string out = testing::internal::GetCapturedStdout();
  ASSERT_TRUE(written.has_value());
  EXPECT_EQ(out, "to stdout\n");
  EXPECT_TRUE(List(dir_).empty());
}

TEST_F(WriteTest, WriteReportByFormat) {
  const core::RunResult run = MakeSampleRunForTesting();
  for (const char* format : {"json", "html", "markdown", "junit"}) {
    const std::string path = dir_ + "/out." + format;
    const auto written = WriteReport(format, path, run);
    ASSERT_TRUE(written.has_value()) << format << ": " << written.error().message;
    EXPECT_GT(Slurp(path).size(), 100u) << format;
  }
  // WriteReport redacts credentials by default (the sample has Set-Cookie).
  EXPECT_EQ(Slurp(dir_ + "/out.json"), RenderJson(RedactRun(run)));
  EXPECT_NE(Slurp(dir_ + "/out.json"), RenderJson(run));
  const auto parsed = ParseJsonReport(Slurp(dir_ + "/out.json"));
  EXPECT_TRUE(parsed.has_value());
  const auto unknown = WriteReport("pdf", dir_ + "/out.pdf", run);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, "usage");
  EXPECT_EQ(List(dir_).size(), 4u);
}

}  // namespace
}  // namespace httpconform::reports
