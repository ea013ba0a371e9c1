#include "harness/loader/dependencies.h"

#include <gtest/gtest.h>

namespace httpconform::loader {
namespace {

// A case file of `cases`, each {id, after...}; killed_by and steps are filler.
SourceFile File(const std::string& path,
                const std::vector<std::pair<std::string, std::vector<std::string>>>& cases) {
  std::string text = "{\"cases\": [\n";
  for (std::size_t i = 0; i < cases.size(); ++i) {
    std::string after;
    for (const std::string& id : cases[i].second)
      after += (after.empty() ? "" : ", ") + ("\"" + id + "\"");
    text += std::string(i ? ",\n" : "") + "{\"id\": \"" + cases[i].first +
            "\", \"title\": \"t\",\n"
            " \"spec\": {\"rfc\": 9110, \"section\": \"1\", \"level\": \"MUST\", \"quote\": \"A "
            "server MUST answer.\"},\n"
            " \"codes\": [], \"unkillable\": \"u\",\n"
            " \"after\": [" +
            after +
            "],\n"
            " \"steps\": [{\"request\": {\"target\": \"/\"}}]}";
  }
  return {path, text + "\n]}\n"};
}

TEST(DependenciesTest, LoadsAfterWithItsPointer) {
  auto loaded = LoadLibrary({File("lib.json", {{"a.base", {}}, {"a.ref", {"a.base"}}})}, {});
  ASSERT_TRUE(loaded) << loaded.error().message;
  ASSERT_EQ((*loaded)[1].after.size(), 1u);
  EXPECT_EQ((*loaded)[1].after[0].id, "a.base");
  EXPECT_EQ((*loaded)[1].after[0].pointer, "/cases/1/after/0");
}

TEST(DependenciesTest, UserFilesMayNameBuiltinCases) {
  const SourceFile builtin = File("builtin.json", {{"lib.base", {}}});
  const SourceFile mine = File("mine.json", {{"my.ref", {"lib.base"}}});
  auto loaded = LoadLibrary({builtin}, {mine});
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->size(), 2u);
  // Without the built-in library the same file names an unknown case.
  auto alone = LoadLibrary({}, {mine});
  ASSERT_FALSE(alone);
  EXPECT_NE(alone.error().message.find("mine.json:5:12: /cases/0/after/0: unknown case id "
                                       "\"lib.base\" in \"after\""),
            std::string::npos)
      << alone.error().message;
}

TEST(DependenciesTest, UnknownIdSuggestsTheClosest) {
  auto lint = LintLibrary(
      {File("lib.json", {{"range.single.206", {}}, {"range.suffix.206", {"range.single.260"}}})},
      {});
  ASSERT_EQ(lint.size(), 1u);
  EXPECT_EQ(lint[0].line, 10);
  EXPECT_EQ(lint[0].column, 12);
  EXPECT_NE(lint[0].message.find("(did you mean \"range.single.206\"?)"), std::string::npos)
      << lint[0].message;
}

TEST(DependenciesTest, CyclesAreRefusedAtTheLinkThatClosesThem) {
  // a -> b -> c -> a, and d -> a (not on the cycle, so not an error of its own).
  auto lint =
      LintLibrary({File("lib.json", {{"a", {"b"}}, {"b", {"c"}}, {"c", {"a"}}, {"d", {"a"}}})}, {});
  ASSERT_EQ(lint.size(), 1u) << lint[0].Format();
  EXPECT_EQ(lint[0].pointer, "/cases/2/after/0");
  EXPECT_NE(lint[0].message.find("a -> b -> c -> a"), std::string::npos) << lint[0].message;
  // Across files: a user case closes a loop through a built-in one.
  auto across = LintLibrary({File("builtin.json", {{"lib.a", {"my.b"}}})},
                            {File("mine.json", {{"my.b", {"lib.a"}}})});
  ASSERT_EQ(across.size(), 1u);
  EXPECT_NE(across[0].message.find("lib.a -> my.b -> lib.a"), std::string::npos);
}

TEST(DependenciesTest, AReplacingCaseBringsItsOwnDependencies) {
  // The user's lib.b replaces the built-in one, which had no "after".
  auto loaded = LoadLibrary({File("builtin.json", {{"lib.a", {}}, {"lib.b", {}}})},
                            {File("mine.json", {{"lib.b", {"lib.a"}}})});
  ASSERT_TRUE(loaded) << loaded.error().message;
  ASSERT_EQ(loaded->size(), 2u);
  EXPECT_EQ((*loaded)[1].file, "mine.json");
  ASSERT_EQ((*loaded)[1].after.size(), 1u);
}

TEST(DependenciesTest, WithBasesPullsInBasesTransitively) {
  auto loaded = LoadLibrary(
      {File("lib.json", {{"a", {}}, {"b", {"a"}}, {"c", {"b"}}, {"d", {}}, {"e", {"a"}}})}, {});
  ASSERT_TRUE(loaded) << loaded.error().message;
  std::vector<core::Case> kept = WithBases(*loaded, {false, false, true, false, true});
  std::vector<std::string> ids;
  for (const core::Case& c : kept) ids.push_back(c.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b", "c", "e"}));
  EXPECT_EQ(kept[0].pulled_in_by, (std::vector<std::string>{"c", "e"}));
  EXPECT_EQ(kept[1].pulled_in_by, (std::vector<std::string>{"c"}));
  EXPECT_TRUE(kept[2].pulled_in_by.empty());  // Selected itself.
}

}  // namespace
}  // namespace httpconform::loader
