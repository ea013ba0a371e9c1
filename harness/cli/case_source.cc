// Selection keeps the dependencies of what it selects (loader::WithBases): a
// case selected by --only or --tag brings its base cases ("after"), and
// theirs, into the run, so that its verdict means what it says (a
// refinement is only judged when its base passed on this server, in this
// run). Pulled-in cases run and are reported like any other;
// Case::pulled_in_by says which selected cases needed them.
#include "harness/cli/case_source.h"

#include <algorithm>

#include "cases/embedded_cases.h"
#include "harness/loader/dependencies.h"
#include "harness/loader/loader.h"

namespace httpconform::cli {

std::vector<loader::SourceFile> BuiltinCaseFiles() {
  std::vector<loader::SourceFile> files;
  for (const cases::EmbeddedFile& f : cases::EmbeddedCaseFiles()) files.push_back({f.path, f.text});
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
  return loader::WithBases(std::move(*all), selected);
}

}  // namespace httpconform::cli
