// Loading is two passes over one text. nlohmann::ordered_json parses it
// (ordered, so "headers" objects keep their order; comments ignored) and
// reports syntax errors with a byte offset; then a CaseChecker
// (case_checker.h) walks the parsed tree, building core::Case values and
// collecting every problem it sees instead of stopping at the first, so
// `lint` can show them all. The tree has no positions, so each problem names
// a JSON pointer and the JsonLocator turns it into an offset (of the value,
// or of the key for unknown fields), which becomes line:column. Rules are
// those of docs/case-format.md; the schema in cases/schema/case.schema.json
// says the same in JSON Schema, minus what a schema cannot express
// (variables, regexes, escapes, duplicate ids). This file holds the passes
// around the checker: syntax errors, the nesting bound, ids repeated across
// files, the error format, and reading files and directories.
#include "harness/loader/loader.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <system_error>
#include <tuple>
#include <utility>

#include "harness/loader/case_checker.h"
#include "harness/loader/json_locator.h"
#include "harness/loader/shape_checker.h"

namespace httpconform::loader {
namespace {

using core::Case;

std::string SyntaxMessage(const std::string& what) {
  std::size_t at = what.find("parse error");
  std::size_t colon = what.find(": ", at == std::string::npos ? 0 : at);
  std::string message = colon == std::string::npos ? what : what.substr(colon + 2);
  // nlohmann's "last read" can span already-accepted text (even lines); the
  // caret says where, so drop it.
  std::size_t last = message.find("; last read: ");
  if (last != std::string::npos) message.resize(last);
  return message;
}

struct LoadedFile {
  std::vector<Case> cases;
  std::vector<LoadError> errors;
  std::vector<LoadError> id_positions;  // Parallel to cases: where each id is written.
};

void SortErrors(std::vector<LoadError>* errors) {
  std::stable_sort(errors->begin(), errors->end(), [](const LoadError& a, const LoadError& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
}

// nlohmann parses without recursion but keeps a stack entry per open level
// and a node per value: 50 MB of "[" costs gigabytes and minutes. Case files
// nest about eight deep, so deeper nesting is refused before parsing, at the
// bracket that crosses the limit (found by the hostile-input tests).
constexpr int kMaxNesting = 64;

// The offset of the first '[' or '{' nested deeper than kMaxNesting, outside
// strings and comments; nullopt when there is none.
std::optional<std::size_t> ExcessiveNesting(const std::string& text) {
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
    } else if (c == '/' && i + 1 < text.size() && (text[i + 1] == '/' || text[i + 1] == '*')) {
      i = text[i + 1] == '/' ? text.find('\n', i) : text.find("*/", i + 2);
      if (i == std::string::npos) return std::nullopt;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxNesting) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::nullopt;
}

LoadedFile Load(const SourceFile& file) {
  LoadedFile out;
  const LineIndex lines(file.text);
  Json root;
  if (std::optional<std::size_t> deep = ExcessiveNesting(file.text)) {
    LoadError error = ErrorAt(file, lines, *deep, "");
    error.message =
        "arrays and objects nested deeper than " + std::to_string(kMaxNesting) + " levels";
    out.errors.push_back(std::move(error));
    return out;
  }
  try {
    root = Json::parse(file.text, nullptr, /*allow_exceptions=*/true, /*ignore_comments=*/true);
  } catch (const Json::parse_error& e) {
    // `byte` counts the characters read, so the offending one is at byte - 1.
    std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    if (offset > file.text.size()) offset = file.text.size();
    std::string message = SyntaxMessage(e.what());
    offset = TokenStartOffset(file.text, offset);
    if (offset < file.text.size() && (file.text[offset] == '}' || file.text[offset] == ']')) {
      auto previous = PreviousTokenOffset(file.text, offset);
      if (previous && file.text[*previous] == ',') {
        message =
            std::string("trailing comma before '") + file.text[offset] + "' (JSON allows none)";
        offset = *previous;
      }
    } else if (LooksLikeMissingComma(file.text, offset, message)) {
      // `"a": 1 "b": 2`: the caret goes where the comma belongs.
      message = "missing comma? a value follows another with no ',' between them (" + message + ")";
      offset = *PreviousTokenOffset(file.text, offset) + 1;
    }
    LoadError error = ErrorAt(file, lines, offset, "");
    error.message = message;
    out.errors.push_back(std::move(error));
    return out;
  } catch (const Json::out_of_range& e) {
    // A number too large for a double ("1e999"); nlohmann names it but gives
    // no offset, so point at the first occurrence of that token.
    std::string message = e.what();
    std::size_t bracket = message.find("] ");
    if (bracket != std::string::npos) message.erase(0, bracket + 2);
    std::size_t open = message.find('\'');
    std::size_t close = message.rfind('\'');
    std::size_t offset = 0;
    if (open != std::string::npos && close > open) {
      std::size_t at = file.text.find(message.substr(open + 1, close - open - 1));
      if (at != std::string::npos) offset = at;
    }
    LoadError error = ErrorAt(file, lines, offset, "");
    error.message = message;
    out.errors.push_back(std::move(error));
    return out;
  }
  JsonLocator locator(file.text, kShallowDepth);
  CaseChecker checker(file, locator, lines, &out.errors);
  std::vector<std::string> id_pointers;
  out.cases = checker.File(root, &id_pointers);
  for (const auto& pointer : id_pointers) {
    out.id_positions.push_back(ErrorAt(file, lines, locator.NearestValueOffset(pointer), pointer));
  }
  SortErrors(&out.errors);
  return out;
}

core::Error ToError(const LoadError& e) { return core::MakeError("case-file", e.Format()); }

LoadError InternalError(const std::string& file, const std::string& what) {
  LoadError e;
  e.file = file;
  e.message = "internal error while loading: " + what;
  return e;
}

std::vector<LoadError> LintAll(const std::vector<SourceFile>& files, std::vector<Case>* cases) {
  std::vector<LoadError> all;
  std::map<std::string, std::pair<std::string, int>> first;  // id -> (file, line).
  for (const auto& file : files) {
    LoadedFile loaded;
    try {
      loaded = Load(file);
    } catch (const std::exception& e) {
      loaded.errors.push_back(InternalError(file.path, e.what()));
    }
    for (std::size_t i = 0; i < loaded.cases.size(); ++i) {
      const Case& c = loaded.cases[i];
      if (c.id.empty()) continue;
      const LoadError& where = loaded.id_positions[i];
      auto [it, inserted] = first.emplace(c.id, std::make_pair(file.path, where.line));
      if (inserted || it->second.first == file.path) continue;  // Same file: already reported.
      LoadError e = where;
      e.message = "duplicate case id " + Quote(c.id) + " (first defined at " + it->second.first +
                  ":" + std::to_string(it->second.second) + ")";
      loaded.errors.push_back(std::move(e));
    }
    SortErrors(&loaded.errors);
    all.insert(all.end(), loaded.errors.begin(), loaded.errors.end());
    if (cases) cases->insert(cases->end(), loaded.cases.begin(), loaded.cases.end());
  }
  return all;
}

}  // namespace

std::string LoadError::Format() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  out += ": ";
  if (!pointer.empty()) out += pointer + ": ";
  out += message;
  if (line > 0) {
    // A hostile file may hold a 50 MB line or control bytes (NUL would cut
    // the message short on a terminal): show a window of at most kShown
    // bytes around the caret, control bytes as '?', one column each.
    constexpr std::size_t kShown = 200;
    const std::size_t at = static_cast<std::size_t>(std::max(column - 1, 0));
    std::size_t begin = at > kShown / 2 && source_line.size() > kShown ? at - kShown / 2 : 0;
    while (begin > 0 && (static_cast<unsigned char>(source_line[begin]) & 0xC0) == 0x80) --begin;
    std::size_t end = std::min(source_line.size(), begin + kShown);
    while (end < source_line.size() &&
           (static_cast<unsigned char>(source_line[end]) & 0xC0) == 0x80) {
      ++end;
    }
    std::string shown = begin > 0 ? "..." : "";
    for (std::size_t i = begin; i < end; ++i) {
      unsigned char c = static_cast<unsigned char>(source_line[i]);
      shown += (c < 0x20 && c != '\t') || c == 0x7F ? '?' : source_line[i];
    }
    out += "\n" + shown + (end < source_line.size() ? "..." : "") + "\n";
    // One caret column per character: tabs kept so the caret lines up,
    // UTF-8 continuation bytes skipped.
    if (begin > 0) out += "   ";
    for (std::size_t i = begin; i < at && i < end; ++i) {
      unsigned char c = static_cast<unsigned char>(source_line[i]);
      if (c == '\t') {
        out += '\t';
      } else if ((c & 0xC0) != 0x80) {
        out += ' ';
      }
    }
    out += '^';
  }
  return out;
}

std::vector<LoadError> LintCaseFile(const SourceFile& file) {
  try {
    return Load(file).errors;
  } catch (const std::exception& e) {
    return {InternalError(file.path, e.what())};
  }
}

core::Expected<std::vector<Case>> LoadCaseFile(const SourceFile& file) {
  LoadedFile loaded;
  try {
    loaded = Load(file);
  } catch (const std::exception& e) {
    return ToError(InternalError(file.path, e.what()));
  }
  if (!loaded.errors.empty()) return ToError(loaded.errors.front());
  return std::move(loaded.cases);
}

std::vector<LoadError> LintCases(const std::vector<SourceFile>& files, std::vector<Case>* cases) {
  return LintAll(files, cases);
}

core::Expected<std::vector<Case>> LoadCases(const std::vector<SourceFile>& files) {
  std::vector<Case> cases;
  std::vector<LoadError> errors = LintAll(files, &cases);
  if (!errors.empty()) return ToError(errors.front());
  return cases;
}

core::Expected<std::vector<SourceFile>> ReadCasePaths(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec)) {
      names.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, ec), end;
    if (ec) return core::MakeError("io", "cannot read " + path + ": " + ec.message());
    for (; it != end; it.increment(ec)) {
      if (ec) return core::MakeError("io", "cannot read " + path + ": " + ec.message());
      const fs::path& p = it->path();
      if (it->is_directory(ec) && p.filename() == "schema") {
        it.disable_recursion_pending();
        continue;
      }
      if (p.extension() == ".json" && it->is_regular_file(ec)) found.push_back(p.generic_string());
    }
    if (found.empty()) {
      return core::MakeError("case-file", path + ": no case files (*.json) in this directory");
    }
    std::sort(found.begin(), found.end());
    names.insert(names.end(), found.begin(), found.end());
  }
  std::vector<SourceFile> files;
  // The library's largest file is ~130 KB; parsing costs ~10x a file's size
  // in memory and a second per 3 MB, so a 50 MB "case file" is refused unread.
  constexpr std::uintmax_t kMaxCaseFileBytes = 4 << 20;
  for (const auto& name : names) {
    std::error_code size_error;
    const std::uintmax_t size = std::filesystem::file_size(name, size_error);
    if (!size_error && size > kMaxCaseFileBytes) {
      return core::MakeError("case-file", name + ": case file too large: " + std::to_string(size) +
                                              " bytes (the limit is 4 MiB)");
    }
    std::ifstream in(name, std::ios::binary);
    std::ostringstream text;
    if (in) text << in.rdbuf();
    if (!in || in.bad()) {
      return core::MakeError("io", "cannot read " + name + ": " + std::strerror(errno));
    }
    files.push_back({name, text.str()});
  }
  return files;
}

}  // namespace httpconform::loader
