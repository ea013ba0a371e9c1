#include "harness/cli/suggest.h"

#include <algorithm>
#include <set>
#include <utility>

#include "harness/core/edit_distance.h"

namespace httpconform::cli {

std::vector<std::string> Closest(const std::string& query,
                                 const std::vector<std::string>& candidates, std::size_t max) {
  std::vector<std::pair<std::size_t, std::size_t>> scored;  // (distance, index)
  std::set<std::string> seen;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const std::string& c = candidates[i];
    if (!seen.insert(c).second) continue;
    std::size_t d = core::EditDistance(query, c);
    if (d > 0 && !query.empty() && c.find(query) != std::string::npos) d = 1;
    scored.emplace_back(d, i);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> out;
  for (std::size_t k = 0; k < scored.size() && out.size() < max; ++k) {
    out.push_back(candidates[scored[k].second]);
  }
  return out;
}

std::string JoinComma(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace httpconform::cli
