// The case loader: JSON case files (docs/case-format.md) into core::Case.
// Every problem is a LoadError carrying file:line:column, the JSON pointer of
// the offending value and the source line, formatted as ninja does
// ("file:line:col: message", the line, a caret). Nothing here throws.
#ifndef HTTPCONFORM_LOADER_LOADER_H_
#define HTTPCONFORM_LOADER_LOADER_H_

#include <string>
#include <vector>

#include "harness/core/case.h"
#include "harness/core/expected.h"

namespace httpconform::loader {

/// A case file's name (as shown in messages) and its contents.
struct SourceFile {
  std::string path;
  std::string text;
  /// A file of the built-in library: each case must also name the reference
  /// server faults that make it fail (`killed_by`) or say why none can
  /// (`unkillable`). A user's own files need neither.
  bool library = false;
};

/// One problem in a case file.
struct LoadError {
  std::string file;
  int line = 0;             ///< 1-based; 0 when unknown.
  int column = 0;           ///< 1-based byte column; 0 when unknown.
  std::string pointer;      ///< JSON pointer of the offending value ("" for syntax errors).
  std::string message;      ///< e.g. `unknown field "expcet" (did you mean "expect"?)`.
  std::string source_line;  ///< The text of `line`, without its terminator.
  /// "file:line:col: pointer: message", newline, the source line, newline, a caret line.
  std::string Format() const;
};

/// Loads the cases of one file; the Error (code "case-file") is the first problem, formatted.
core::Expected<std::vector<core::Case>> LoadCaseFile(const SourceFile& file);

/// Every problem in one file, in text order (only the first syntax error).
std::vector<LoadError> LintCaseFile(const SourceFile& file);

/// Loads all files; ids must be unique across them. Error code "case-file".
core::Expected<std::vector<core::Case>> LoadCases(const std::vector<SourceFile>& files);

/// Every problem in all files, including ids repeated across files; the
/// cases that loaded go to `cases` when it is given. Dependencies between
/// cases ("after") are checked by CheckDependencies (dependencies.h).
std::vector<LoadError> LintCases(const std::vector<SourceFile>& files,
                                 std::vector<core::Case>* cases = nullptr);

/// Reads files, and directories recursively for *.json (sorted; a directory
/// named "schema" is skipped). Error code "io" when a path cannot be read,
/// "case-file" for a directory without any *.json (a wrong path, not an
/// empty selection).
core::Expected<std::vector<SourceFile>> ReadCasePaths(const std::vector<std::string>& paths);

}  // namespace httpconform::loader

#endif  // HTTPCONFORM_LOADER_LOADER_H_
