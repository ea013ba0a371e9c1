#include "harness/cli/case_source.h"

#include <algorithm>
#include <map>

#include "cases/embedded_cases.h"
#include "harness/cli/suggest.h"
#include "harness/loader/loader.h"

namespace httpconform::cli {
namespace {

// A run (or list) of nothing tests nothing: say which flag selected nothing
// and what is close to it, rather than pass with zero cases.
core::Error NothingMatches(const CaseSelection& selection, const std::vector<core::Case>& loaded) {
  if (loaded.empty()) {
    std::string where;
    for (const std::string& p : selection.paths) where += (where.empty() ? "" : ", ") + p;
    return core::Error{"usage", "httpconform: no case matches: no case was loaded (" +
                                    std::string(selection.builtin ? "" : "--no-builtin, and ") +
                                    (where.empty() ? "no --cases" : "--cases " + where) +
                                    " holds no case)"};
  }
  // --only takes id prefixes: the candidates are every id and its dotted prefixes.
  std::vector<std::string> ids, tags;
  for (const core::Case& c : loaded) {
    for (std::size_t dot = c.id.find('.'); dot != std::string::npos;
         dot = c.id.find('.', dot + 1)) {
      ids.push_back(c.id.substr(0, dot + 1));
    }
    ids.push_back(c.id);
    tags.insert(tags.end(), c.tags.begin(), c.tags.end());
  }
  std::sort(tags.begin(), tags.end());
  std::string what, hints;
  for (const std::string& p : selection.only) {
    what += (what.empty() ? "--only " : " or --only ") + p;
    hints += "; closest ids to \"" + p + "\": " + JoinComma(Closest(p, ids));
  }
  std::string tag_what;
  for (const std::string& t : selection.tags) {
    tag_what += (tag_what.empty() ? "--tag " : " or --tag ") + t;
    hints += "; closest tags to \"" + t + "\": " + JoinComma(Closest(t, tags));
  }
  if (!what.empty() && !tag_what.empty()) what = "(" + what + ") and (" + tag_what + ")";
  if (what.empty()) what = tag_what;
  return core::Error{"usage", "httpconform: no case matches " + what + " among " +
                                  std::to_string(loaded.size()) + " cases" + hints};
}

}  // namespace

core::Expected<std::vector<core::Case>> SelectCases(const CaseSelection& selection) {
  std::vector<loader::SourceFile> builtin;
  if (selection.builtin) {
    for (const cases::EmbeddedFile& f : cases::EmbeddedCaseFiles()) {
      builtin.push_back({f.path, f.text});
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
  const std::vector<core::Case> loaded = all;  // For suggestions when nothing matches.
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
  if (out.empty()) return NothingMatches(selection, loaded);
  return out;
}

}  // namespace httpconform::cli
