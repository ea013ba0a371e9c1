// origin_received checks (origin_checks.h): each field compared with the
// first recorded request, table-driven over what the origin received.
#include "harness/runner/origin_checks.h"

#include <gtest/gtest.h>

namespace httpconform::runner {
namespace {

const std::string* NoVars(const std::string&) { return nullptr; }

core::StepResult Received(std::vector<core::OriginRecord> records) {
  core::StepResult step;
  step.origin_received = std::move(records);
  return step;
}

core::OriginRecord Record(std::uint64_t content_length, const std::string& framing) {
  core::OriginRecord r;
  r.method = "POST";
  r.target = "/__hc/t";
  r.version = "HTTP/1.1";
  r.content_length = content_length;
  r.framing = framing;
  return r;
}

TEST(OriginChecksTest, ContentSize) {
  struct Row {
    std::uint64_t want;
    std::vector<core::OriginRecord> got;
    bool passed;
    std::string actual;
  };
  const Row rows[] = {
      {5, {Record(5, "chunked")}, true, "origin received 5 bytes of content"},
      {5, {Record(4, "content-length")}, false, "origin received 4 bytes of content"},
      {0, {Record(0, "none")}, true, "origin received 0 bytes of content"},
      {1, {Record(1, "none"), Record(7, "none")}, true, "origin received 1 byte of content"},
      {5, {}, false, "nothing reached the origin"},
  };
  for (const Row& row : rows) {
    core::OriginExpectation e;
    e.content_size = row.want;
    const std::vector<core::CheckResult> checks = CheckOrigin(e, Received(row.got), NoVars);
    ASSERT_EQ(checks.size(), 1u);
    EXPECT_EQ(checks[0].passed, row.passed) << row.want << " vs " << checks[0].actual;
    EXPECT_EQ(checks[0].actual, row.actual);
    EXPECT_EQ(checks[0].expected, "origin received " + std::to_string(row.want) +
                                      (row.want == 1 ? " byte" : " bytes") + " of content");
  }
}

TEST(OriginChecksTest, ContentSizeIsDescribed) {
  core::OriginExpectation e;
  e.count = 1;
  e.content_size = 5;
  EXPECT_EQ(DescribeOrigin(e, NoVars), "origin received 1 request, 5 bytes of content");
}

}  // namespace
}  // namespace httpconform::runner
