// "Did you mean": the candidates nearest to a mistyped word, by edit
// distance (core/edit_distance.h), for messages such as "no case matches
// --only nosuch".
#ifndef HTTPCONFORM_CLI_SUGGEST_H_
#define HTTPCONFORM_CLI_SUGGEST_H_

#include <cstddef>
#include <string>
#include <vector>

namespace httpconform::cli {

/// The `max` candidates closest to `query`, nearest first (ties in the
/// candidates' order, duplicates dropped). A candidate that contains `query`
/// ranks just after an exact match: "trace" finds "methods.trace".
std::vector<std::string> Closest(const std::string& query,
                                 const std::vector<std::string>& candidates, std::size_t max = 5);

/// "a, b, c".
std::string JoinComma(const std::vector<std::string>& items);

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_SUGGEST_H_
