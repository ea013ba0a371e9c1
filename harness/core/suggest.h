// "Did you mean ...?": the closest of a set of names to one that matches
// none, for messages about a typo (an unknown case-file field, a --var name
// no case uses).
#ifndef HTTPCONFORM_CORE_SUGGEST_H_
#define HTTPCONFORM_CORE_SUGGEST_H_

#include <cstddef>
#include <string>
#include <vector>

namespace httpconform::core {

/// Levenshtein distance (insertions, deletions, substitutions) of two strings.
std::size_t EditDistance(const std::string& a, const std::string& b);

/// The name in `candidates` closest to `name`, within two edits and fewer
/// edits than the candidate is long (beyond that a suggestion is more noise
/// than help); "" when none is that close. The first of equals wins.
std::string ClosestName(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace httpconform::core

#endif  // HTTPCONFORM_CORE_SUGGEST_H_
