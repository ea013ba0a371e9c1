#include "harness/core/bcp14.h"

namespace httpconform::core {
namespace {

bool IsLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The capital word starting at `i` if it stands alone (no letter before or
// after it), else "".
std::string WordAt(const std::string& text, std::size_t i) {
  if (i > 0 && IsLetter(text[i - 1])) return "";
  std::size_t end = i;
  while (end < text.size() && IsLetter(text[end])) ++end;
  return text.substr(i, end - i);
}

// After the word at `i` of length `n`: the offset of the next word if only
// whitespace (at least one) separates them, else npos.
std::size_t NextWordAfter(const std::string& text, std::size_t i, std::size_t n) {
  std::size_t j = i + n;
  if (j >= text.size() || !IsSpace(text[j])) return std::string::npos;
  while (j < text.size() && IsSpace(text[j])) ++j;
  return j < text.size() ? j : std::string::npos;
}

std::string LevelPhrase(Level level) {
  switch (level) {
    case Level::kMust:
      return "MUST (MUST, MUST NOT, REQUIRED, SHALL, SHALL NOT)";
    case Level::kShould:
      return "SHOULD (SHOULD, SHOULD NOT, RECOMMENDED, NOT RECOMMENDED)";
    case Level::kMay:
      return "MAY (MAY, OPTIONAL)";
  }
  return "";
}

}  // namespace

std::vector<KeywordUse> FindKeywords(const std::string& text) {
  std::vector<KeywordUse> out;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] < 'A' || text[i] > 'Z') {
      ++i;
      continue;
    }
    const std::string word = WordAt(text, i);
    if (word.empty()) {
      ++i;
      continue;
    }
    const std::size_t next = NextWordAfter(text, i, word.size());
    const std::string following = next == std::string::npos ? "" : WordAt(text, next);
    KeywordUse use;
    use.offset = i;
    std::size_t consumed = word.size();
    if ((word == "MUST" || word == "SHALL" || word == "SHOULD") && following == "NOT") {
      use.keyword = word + " NOT";
      consumed = next + following.size() - i;
    } else if (word == "NOT" && following == "RECOMMENDED") {
      use.keyword = "NOT RECOMMENDED";
      consumed = next + following.size() - i;
    } else {
      use.keyword = word;
    }
    const std::string& k = use.keyword;
    if (k == "MUST" || k == "MUST NOT" || k == "REQUIRED" || k == "SHALL" || k == "SHALL NOT") {
      use.level = Level::kMust;
    } else if (k == "SHOULD" || k == "SHOULD NOT" || k == "RECOMMENDED" || k == "NOT RECOMMENDED") {
      use.level = Level::kShould;
    } else if (k == "MAY" || k == "OPTIONAL") {
      use.level = Level::kMay;
    } else {
      i += word.size();
      continue;
    }
    out.push_back(use);
    i += consumed;
  }
  return out;
}

std::optional<KeywordProblem> CheckQuoteLevel(const std::string& quote, Level level) {
  const std::vector<KeywordUse> uses = FindKeywords(quote);
  if (uses.empty()) {
    return KeywordProblem{
        "the quote has no BCP 14 keyword in capitals (MUST, SHOULD, MAY, ...): quote the "
        "sentence that states the requirement, whose keyword sets the level",
        std::size_t{0}};
  }
  const KeywordUse& first = uses.front();
  for (const KeywordUse& use : uses) {
    if (use.level == first.level) continue;
    // Point at the keyword that does not belong to the declared level (or,
    // when neither does, at the second level's first keyword).
    const KeywordUse& odd = first.level == level ? use : first;
    return KeywordProblem{"the quote mixes keywords of two levels (\"" + first.keyword +
                              "\" and \"" + use.keyword +
                              "\"): quote only the sentence, or the clause with \"...\", that "
                              "states this case's requirement",
                          odd.offset};
  }
  if (first.level != level) {
    return KeywordProblem{std::string("level \"") + LevelName(level) +
                              "\" differs from the quote's keyword \"" + first.keyword +
                              "\", which makes it " + LevelPhrase(first.level) +
                              ": the level is the keyword's",
                          std::nullopt};
  }
  return std::nullopt;
}

}  // namespace httpconform::core
