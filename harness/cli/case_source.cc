#include "harness/cli/case_source.h"

#include <algorithm>
#include <map>

#include "cases/embedded_cases.h"
#include "harness/loader/loader.h"

namespace httpconform::cli {

core::Expected<std::vector<core::Case>> SelectCases(const CaseSelection& selection) {
  std::vector<loader::SourceFile> builtin;
  if (selection.builtin) {
    for (const cases::EmbeddedFile& f : cases::EmbeddedCaseFiles()) {
      builtin.push_back({f.path, f.text, /*library=*/true});
    }
  }
  core::Expected<std::vector<core::Case>> base = loader::LoadCases(builtin);
  if (!base) return base.error();
  std::vector<core::Case> all = std::move(*base);
  if (!selection.paths.empty()) {
    core::Expected<std::vector<loader::SourceFile>> files = loader::ReadCasePaths(selection.paths);
    if (!files) return files.error();
    core::Expected<std::vector<core::Case>> extra = loader::LoadCases(*files);
    if (!extra) return extra.error();
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < all.size(); ++i) index[all[i].id] = i;
    for (core::Case& c : *extra) {
      auto it = index.find(c.id);
      if (it != index.end()) {
        all[it->second] = std::move(c);
      } else {
        index[c.id] = all.size();
        all.push_back(std::move(c));
      }
    }
  }
  std::vector<core::Case> out;
  for (core::Case& c : all) {
    bool id_ok = selection.only.empty() ||
                 std::any_of(selection.only.begin(), selection.only.end(),
                             [&](const std::string& p) { return c.id.rfind(p, 0) == 0; });
    bool tag_ok =
        selection.tags.empty() ||
        std::any_of(selection.tags.begin(), selection.tags.end(), [&](const std::string& t) {
          return std::find(c.tags.begin(), c.tags.end(), t) != c.tags.end();
        });
    if (id_ok && tag_ok) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace httpconform::cli
