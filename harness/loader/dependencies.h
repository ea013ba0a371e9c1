// Dependencies between cases ("after", docs/case-format.md) are checked once
// every file of a run is loaded, because a case may name a case of another
// file, including a built-in one from a user's case file. Two rules: every id
// names a case of the set, and no case depends on itself through others (a
// cycle would leave the runner nothing it may start). Errors point at the id
// in "after", as file:line:column, like every other case-file error.
#ifndef HTTPCONFORM_LOADER_DEPENDENCIES_H_
#define HTTPCONFORM_LOADER_DEPENDENCIES_H_

#include <vector>

#include "harness/core/case.h"
#include "harness/loader/loader.h"

namespace httpconform::loader {

/// `base` (the built-in library) with `extra` (--cases files) merged in: a
/// case whose id is in `base` replaces that case in place; the others follow
/// in their order.
std::vector<core::Case> MergeCases(std::vector<core::Case> base, std::vector<core::Case> extra);

/// The dependency errors of a whole set of cases (ids are unique in it).
/// `files` are the sources the cases came from (Case::file is a path among
/// them), read to locate each error; a file not among them gives a message
/// without line and column.
std::vector<LoadError> CheckDependencies(const std::vector<core::Case>& cases,
                                         const std::vector<SourceFile>& files);

/// The cases of `all` with `selected` true (parallel to `all`), and the
/// bases of those, transitively; a kept case that was not selected gets
/// Case::pulled_in_by (the selected cases that need it). Order is that of
/// `all`.
std::vector<core::Case> WithBases(std::vector<core::Case> all, const std::vector<bool>& selected);

/// The case library as a run sees it: `builtin` files, then `extra` files
/// merged in (MergeCases), dependencies checked. The first error, formatted,
/// as Error{"case-file"}.
core::Expected<std::vector<core::Case>> LoadLibrary(const std::vector<SourceFile>& builtin,
                                                    const std::vector<SourceFile>& extra);

/// Every error LoadLibrary would stop at the first of, across all files.
std::vector<LoadError> LintLibrary(const std::vector<SourceFile>& builtin,
                                   const std::vector<SourceFile>& extra);

}  // namespace httpconform::loader

#endif  // HTTPCONFORM_LOADER_DEPENDENCIES_H_
