#include "harness/runner/captures.h"

#include <gtest/gtest.h>

#include <map>

namespace httpconform::runner {
namespace {

using Source = core::Capture::Source;

core::Response ResponseWith(core::Fields fields, std::string content) {
  core::Response r;
  r.head.status = 206;
  r.head.fields = std::move(fields);
  r.content = std::move(content);
  r.content_size = r.content.size();
  r.complete = true;
  return r;
}

core::Capture Make(Source source, std::string header, std::string regex) {
  core::Capture c;
  c.var = "v";
  c.source = source;
  c.header = std::move(header);
  c.regex = std::move(regex);
  return c;
}

TEST(CapturesTest, EachSource) {
  const core::Response r = ResponseWith({{"ETag", "W/\"abc\""},
                                         {"Vary", "Accept"},
                                         {"vary", "Origin"},
                                         {"Content-Range", "bytes 0-9/100"},
                                         {"Content-Range", "bytes 0-9/200"}},
                                        "id=42; token=s3cr3t\xff\xfe tail");
  const struct {
    core::Capture capture;
    std::optional<std::string> value;
  } rows[] = {
      {Make(Source::kStatus, "", ""), "206"},
      {Make(Source::kHeader, "ETag", ""), "W/\"abc\""},
      {Make(Source::kHeader, "VARY", ""), "Accept, Origin"},  // Combined, any case.
      {Make(Source::kHeader, "Location", ""), std::nullopt},
      {Make(Source::kHeaderRegex, "ETag", "^W/(\".*\")$"), "\"abc\""},
      {Make(Source::kHeaderRegex, "Content-Range", "/(\\d+)$"), "100"},  // First field line.
      {Make(Source::kHeaderRegex, "ETag", "^\""), std::nullopt},
      {Make(Source::kHeaderRegex, "Location", "."), std::nullopt},
      {Make(Source::kContentRegex, "", "token=(\\w+)"), "s3cr3t"},
      {Make(Source::kContentRegex, "", "id=\\d+"), "id=42"},  // No group: the whole match.
      {Make(Source::kContentRegex, "", "t(x)?ail"), ""},      // Group took no part.
      {Make(Source::kContentRegex, "", "\\xff(.)"), "\xfe"},  // Bytes, not UTF-8.
      {Make(Source::kContentRegex, "", "nope"), std::nullopt},
      {Make(Source::kContentRegex, "", "(unclosed"), std::nullopt},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.capture.header + " /" + row.capture.regex + "/");
    EXPECT_EQ(CaptureValue(row.capture, r), row.value);
  }
}

// The whole content kept is searched: a value past the first 64 KiB (where
// captures used to stop) is found.
TEST(CapturesTest, SearchesAllTheContent) {
  std::string content(5 << 20, 'x');
  content += "token=deep";
  const core::Response r = ResponseWith({}, content);
  EXPECT_EQ(CaptureValue(Make(Source::kContentRegex, "", "token=(\\w+)"), r),
            std::optional<std::string>("deep"));
}

TEST(CapturesTest, ApplyStopsAtTheFirstThatFindsNothing) {
  const core::Response r = ResponseWith({{"ETag", "\"e\""}}, "a=1 b=2");
  std::vector<core::Capture> captures = {
      Make(Source::kHeader, "ETag", ""), Make(Source::kContentRegex, "", "a=(\\d)"),
      Make(Source::kContentRegex, "", "c=(\\d)"), Make(Source::kContentRegex, "", "b=(\\d)")};
  captures[0].var = "etag";
  captures[1].var = "a";
  captures[2].var = "c";
  captures[3].var = "b";
  std::map<std::string, std::string> set;
  auto record = [&](const std::string& name, const std::string& value) { set[name] = value; };
  EXPECT_EQ(ApplyCaptures(captures, &r, record), "c");
  EXPECT_EQ(set, (std::map<std::string, std::string>{{"etag", "\"e\""}, {"a", "1"}}));
  set.clear();
  EXPECT_EQ(ApplyCaptures(captures, nullptr, record), "etag");
  EXPECT_TRUE(set.empty());
  EXPECT_EQ(ApplyCaptures({}, nullptr, record), "");
}

}  // namespace
}  // namespace httpconform::runner
