// Levenshtein distance, for "did you mean" in messages (the loader's unknown
// fields, the CLI's selections of no case).
#ifndef HTTPCONFORM_CORE_EDIT_DISTANCE_H_
#define HTTPCONFORM_CORE_EDIT_DISTANCE_H_

#include <cstddef>
#include <string>

namespace httpconform::core {

/// Insertions, deletions and substitutions (of bytes) turning `a` into `b`.
std::size_t EditDistance(const std::string& a, const std::string& b);

}  // namespace httpconform::core

#endif  // HTTPCONFORM_CORE_EDIT_DISTANCE_H_
