#include "harness/loader/suggest.h"

#include <cstddef>

#include "harness/core/edit_distance.h"

namespace httpconform::loader {

std::string Suggest(const std::string& key, const std::vector<std::string>& allowed) {
  std::string best;
  std::size_t best_distance = 3;  // Beyond two edits a suggestion is more noise than help.
  for (const auto& name : allowed) {
    const std::size_t d = core::EditDistance(key, name);
    if (d < best_distance && d < name.size()) {
      best = name;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace httpconform::loader
