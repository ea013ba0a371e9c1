// Runs over more than one HTTP version (`run --http 1.1,2`): the run holds
// one CaseResult per case and version, the versions of a case together. What every
// output needs to show them the same way is here, so the console and each
// report name a result, count a version and flag a difference alike: the
// versions a `--http` value names, the versions of a run, a result's name,
// and the cases whose verdict differs between versions.
//
// A verdict differs when a case was judged over two versions with different
// outcomes (pass, fail, error, or a skip by its own `require`). A skip
// because the case does not apply over a version (CaseResult::
// http_not_applicable) is no verdict and never differs.
#ifndef HTTPCONFORM_CORE_VERSIONS_H_
#define HTTPCONFORM_CORE_VERSIONS_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "harness/core/result.h"

namespace httpconform::core {

/// The versions a `--http` value names, in order and each once: "1.1" ->
/// {"1.1"}, "2" -> {"2"}, "1.1,2" (or "2,1.1") -> {"1.1", "2"}; nullopt for
/// anything else.
std::optional<std::vector<std::string>> ParseHttpVersions(const std::string& value);

/// "HTTP/1.1", "HTTP/2"; "" for "".
std::string HttpLabel(const std::string& version);

/// The distinct versions of the run's results, "1.1" before "2".
std::vector<std::string> VersionsOf(const RunResult& run);

/// True when the run holds results over more than one version.
bool IsMultiVersion(const RunResult& run);

/// How outputs name a result: its id, and in a run over several versions
/// the version too: "status.405.allow [HTTP/2]".
std::string ResultName(const CaseResult& result, bool multi_version);

/// The ids of the cases whose verdict differs between versions.
std::set<std::string> VerdictDiffers(const RunResult& run);

/// Counts by outcome of the results over `version`.
Summary SummarizeVersion(const RunResult& run, const std::string& version);

}  // namespace httpconform::core

#endif  // HTTPCONFORM_CORE_VERSIONS_H_
