// "Did you mean ...?" for misspelt names: field names in case files, case ids
// in "after". A suggestion is offered only within two edits (by
// core/edit_distance.h), beyond which it is more noise than help.
#ifndef HTTPCONFORM_LOADER_SUGGEST_H_
#define HTTPCONFORM_LOADER_SUGGEST_H_

#include <string>
#include <vector>

namespace httpconform::loader {

/// The closest of `allowed` within two edits of `key` (and closer than its
/// own length), or "" when none is.
std::string Suggest(const std::string& key, const std::vector<std::string>& allowed);

}  // namespace httpconform::loader

#endif  // HTTPCONFORM_LOADER_SUGGEST_H_
