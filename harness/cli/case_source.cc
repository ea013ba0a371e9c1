// Selection keeps the dependencies of what it selects (loader::WithBases): a
// case selected by --only or --tag brings its base cases ("after"), and
// theirs, into the run, so that its verdict means what it says (a
// refinement is only judged when its base passed on this server, in this
// run). Pulled-in cases run and are reported like any other;
// Case::pulled_in_by says which selected cases needed them. A selection of
// nothing is a usage error that names the closest ids or tags.
#include "harness/cli/case_source.h"

#include <algorithm>

#include "cases/embedded_cases.h"
#include "harness/cli/suggest.h"
#include "harness/loader/dependencies.h"
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

std::vector<loader::SourceFile> BuiltinCaseFiles() {
  std::vector<loader::SourceFile> files;
  for (const cases::EmbeddedFile& f : cases::EmbeddedCaseFiles()) {
    files.push_back({f.path, f.text, /*library=*/true});
  }
  return files;
}

core::Expected<std::vector<core::Case>> SelectCases(const CaseSelection& selection) {
  std::vector<loader::SourceFile> builtin;
  if (selection.builtin) builtin = BuiltinCaseFiles();
  std::vector<loader::SourceFile> extra;
  if (!selection.paths.empty()) {
    core::Expected<std::vector<loader::SourceFile>> files = loader::ReadCasePaths(selection.paths);
    if (!files) return files.error();
    extra = std::move(*files);
  }
  core::Expected<std::vector<core::Case>> all = loader::LoadLibrary(builtin, extra);
  if (!all) return all.error();
  // Proxy cases need the scripted origin of `httpconform proxy`; origin
  // cases address an origin server directly. A command runs one kind.
  if (selection.kind != CaseSelection::Kind::kAll) {
    const bool proxy = selection.kind == CaseSelection::Kind::kProxy;
    all->erase(std::remove_if(all->begin(), all->end(),
                              [&](const core::Case& c) { return c.IsProxyCase() != proxy; }),
               all->end());
  }
  std::vector<bool> selected;
  for (const core::Case& c : *all) {
    bool id_ok = selection.only.empty() ||
                 std::any_of(selection.only.begin(), selection.only.end(),
                             [&](const std::string& p) { return c.id.rfind(p, 0) == 0; });
    bool tag_ok =
        selection.tags.empty() ||
        std::any_of(selection.tags.begin(), selection.tags.end(), [&](const std::string& t) {
          return std::find(c.tags.begin(), c.tags.end(), t) != c.tags.end();
        });
    selected.push_back(id_ok && tag_ok);
  }
  // Bases are pulled in only for what was selected: nothing selected is
  // still nothing, however many bases the library has.
  if (std::find(selected.begin(), selected.end(), true) == selected.end()) {
    return NothingMatches(selection, *all);
  }
  return loader::WithBases(std::move(*all), selected);
}

}  // namespace httpconform::cli
