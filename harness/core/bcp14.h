// BCP 14 (RFC 2119, RFC 8174) requirement keywords in a quoted RFC sentence,
// and the rule that ties a case's level to them: a case's `spec.level` is the
// level of the keyword its quote states, never a level chosen beside it.
//
// The rule (docs/verdicts.md, "Levels"): the quote must contain at least one
// keyword, every keyword in it must be of one level, and that level must be
// the case's. Keywords count only in capitals, as RFC 8174 says they are
// meant only then; "must" in lower case is prose. A quote holding keywords
// of two levels ("MUST generate ..., and MAY generate ...") is refused even
// when one of them matches: the case must quote the sentence, or the clause
// with "...", that carries its requirement, so a MUST case cannot borrow an
// unrelated MUST from a sentence whose rule for its check is a SHOULD.
#ifndef HTTPCONFORM_CORE_BCP14_H_
#define HTTPCONFORM_CORE_BCP14_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/case.h"

namespace httpconform::core {

/// One keyword found in a text.
struct KeywordUse {
  std::string keyword;  ///< As classified: "MUST NOT", "RECOMMENDED", ...
  Level level = Level::kMust;
  std::size_t offset = 0;  ///< Byte offset of its first letter in the text.
};

/// Every BCP 14 keyword in `text`, in order: MUST, MUST NOT, REQUIRED,
/// SHALL, SHALL NOT (MUST); SHOULD, SHOULD NOT, RECOMMENDED, NOT
/// RECOMMENDED (SHOULD); MAY, OPTIONAL (MAY). Capitals only, whole words
/// (a letter on either side disqualifies: "OPTIONS" is not "OPTIONAL");
/// "NOT" joins its keyword across any run of whitespace.
std::vector<KeywordUse> FindKeywords(const std::string& text);

/// A breach of the keyword rule: what is wrong and where to point.
struct KeywordProblem {
  std::string message;
  /// Byte offset in the quote to point at, or nullopt to point at the level.
  std::optional<std::size_t> quote_offset;
};

/// Checks `quote` against the declared `level`; nullopt when it holds.
std::optional<KeywordProblem> CheckQuoteLevel(const std::string& quote, Level level);

}  // namespace httpconform::core

#endif  // HTTPCONFORM_CORE_BCP14_H_
