// Where a run's cases come from: the embedded library, plus --cases paths
// (a case whose id matches an embedded one replaces it), filtered by
// --only id prefixes and --tag, plus the base cases ("after") of every case
// selected, which the filters do not drop.
#ifndef HTTPCONFORM_CLI_CASE_SOURCE_H_
#define HTTPCONFORM_CLI_CASE_SOURCE_H_

#include <string>
#include <vector>

#include "harness/core/case.h"
#include "harness/core/expected.h"
#include "harness/loader/loader.h"

namespace httpconform::cli {

/// Selection flags shared by run, list and demo.
struct CaseSelection {
  std::vector<std::string> paths;  ///< --cases
  bool builtin = true;             ///< false with --no-builtin
  std::vector<std::string> only;   ///< --only id prefixes (any)
  std::vector<std::string> tags;   ///< --tag (any)
  /// Which cases a command runs: `run` the origin cases, `proxy` the proxy
  /// cases (core::Case::IsProxyCase), each never the other's; `list` and
  /// `lint` both.
  enum class Kind { kOrigin, kProxy, kAll } kind = Kind::kOrigin;
};

/// Loads and filters (by kind, then --only and --tag); errors are case-file errors (exit 2). Cases
/// that were not selected but are bases of selected ones are kept, in library order, with
/// Case::pulled_in_by set.
core::Expected<std::vector<core::Case>> SelectCases(const CaseSelection& selection);

/// The embedded case library as source files.
std::vector<loader::SourceFile> BuiltinCaseFiles();

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_CASE_SOURCE_H_
