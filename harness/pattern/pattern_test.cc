#include "harness/pattern/pattern.h"

#include <gtest/gtest.h>
#include <pthread.h>

#include <chrono>
#include <string>

namespace httpconform::pattern {
namespace {

std::shared_ptr<const Pattern> Must(const std::string& text) {
  auto p = Pattern::Compile(text);
  EXPECT_TRUE(p.has_value()) << text << ": " << (p ? "" : p.error().message);
  return p ? *p : nullptr;
}

TEST(PatternTest, SearchesAndCaptures) {
  auto p = Must("/(\\d+)$");
  EXPECT_TRUE(p->Search("bytes 0-9/100"));
  EXPECT_FALSE(p->Search("bytes 0-9/*"));
  EXPECT_EQ(p->Capture("bytes 0-9/100"), std::optional<std::string_view>("100"));
  EXPECT_EQ(p->groups(), 1);
  // No group: the whole match; a group that took no part: empty.
  EXPECT_EQ(Must("W/\"[^\"]*\"")->Capture("x W/\"a\" y"),
            std::optional<std::string_view>("W/\"a\""));
  EXPECT_EQ(Must("a(b)?")->Capture("xa"), std::optional<std::string_view>(""));
  EXPECT_EQ(Must("a")->Capture("b"), std::nullopt);
  // ECMAScript-compatible basics keep their meaning: ^ and $ are the ends of
  // the text, "." stops at a newline.
  EXPECT_FALSE(Must("^b")->Search("a\nb"));
  EXPECT_FALSE(Must("a$")->Search("a\n"));
  EXPECT_FALSE(Must("a.b")->Search("a\nb"));
  EXPECT_TRUE(Must("a[\\s\\S]b")->Search("a\nb"));
  EXPECT_FALSE(Pattern::Compile("(a").has_value());
  EXPECT_EQ(Pattern::Compile("(a").error().message, "missing ): (a");
}

// Server content is bytes: invalid UTF-8 is searched like anything else, a
// byte is one character, and a non-ASCII pattern character is its UTF-8 bytes.
TEST(PatternTest, MatchesBytesNotUtf8) {
  const std::string invalid = "a\xff\xfe\xc3(b\x80";
  EXPECT_TRUE(Must("a..\\xc3\\(b")->Search(invalid));
  EXPECT_TRUE(Must("^[\\s\\S]{7}$")->Search(invalid));
  EXPECT_TRUE(Must("\\xff")->Search(invalid));
  EXPECT_EQ(Must("\\((.)")->Capture(invalid), std::optional<std::string_view>("b"));
  EXPECT_TRUE(Must("caf\xc3\xa9")->Search("un caf\xc3\xa9"));
  EXPECT_TRUE(Must("^caf.{2}$")->Search("caf\xc3\xa9"));
  EXPECT_TRUE(Must("x")->Search(std::string("\0\0x", 3)));
}

TEST(PatternTest, SharedCompilesOnce) {
  auto a = Shared("^shared-once-\\d+$");
  auto b = Shared("^shared-once-\\d+$");
  ASSERT_TRUE(a.has_value());
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(a->get(), b->get());
  auto bad = Shared("(unclosed");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message, "missing ): (unclosed");
}

struct Job {
  const Pattern* pattern;
  const std::string* subject;
  bool found = false;
  std::optional<std::string_view> captured;
};

void* RunJob(void* arg) {
  auto* job = static_cast<Job*>(arg);
  job->found = job->pattern->Search(*job->subject);
  job->captured = job->pattern->Capture(*job->subject);
  return nullptr;
}

// The crash this module exists for: a search over megabytes of content on a
// thread with a small stack. A matcher that recursed per byte would overflow
// it; RE2 uses the same few frames whatever the length, and linear time.
TEST(PatternTest, LargeContentOnASmallStack) {
  std::string page;
  for (int i = 0; page.size() < (8u << 20); ++i) {
    page +=
        "<li><a href=\"/item/" + std::to_string(i) + "\">item " + std::to_string(i) + "</a></li>\n";
  }
  page += "<p>token=last</p>";
  for (const char* text : {"^[\\s\\S]*token=(\\w+)", "token=(\\w+)", "(?:a|b|c|\\d)*token=(\\w+)",
                           "^(?:[^<]|<[^p])*<p>token=(\\w+)"}) {
    SCOPED_TRACE(text);
    auto p = Must(text);
    Job job{p.get(), &page, false, std::nullopt};
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    pthread_t thread;
    const auto start = std::chrono::steady_clock::now();
    ASSERT_EQ(pthread_create(&thread, &attr, RunJob, &job), 0);
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_TRUE(job.found);
    ASSERT_TRUE(job.captured.has_value());
    EXPECT_EQ(*job.captured, "last");
    // Linear: 8 MiB in well under the limit even unoptimised under ASan.
    EXPECT_LT(seconds, 30.0);
  }
}

}  // namespace
}  // namespace httpconform::pattern
