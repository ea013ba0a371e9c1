// JsonLocator maps JSON pointers (RFC 6901) to byte offsets in the source
// text, which nlohmann::json does not keep. The loader validates the parsed
// document and asks the locator where each offending value (or object key)
// began, to report file:line:column. The scanner is a small, dependency-free
// recursive descent over the same grammar the parser accepts (plus // and
// /* */ comments); on a syntax error it simply stops, since the parser has
// already reported the error by then.
#ifndef HTTPCONFORM_LOADER_JSON_LOCATOR_H_
#define HTTPCONFORM_LOADER_JSON_LOCATOR_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace httpconform::loader {

/// A 1-based line and column (column counts bytes).
struct LineColumn {
  int line = 1;
  int column = 1;
};

/// A member name that occurs more than once in one object.
struct DuplicateKey {
  std::string pointer;     ///< Pointer of the member.
  std::size_t key_offset;  ///< Offset of the repeated (second or later) key.
};

/// Byte offsets of every value (and member key) of a JSON text, by JSON pointer.
class JsonLocator {
 public:
  /// Scans `text` (kept as offsets, not views). Only values at most
  /// `record_depth` levels below the root are recorded: a shallow locator
  /// is cheap for large files when only the top levels are asked about.
  explicit JsonLocator(std::string_view text, int record_depth = 1 << 30);

  /// Offset of the first byte of the value at `pointer` ("" is the root).
  std::optional<std::size_t> ValueOffset(const std::string& pointer) const;
  /// Offset of the opening quote of the member name at `pointer`.
  std::optional<std::size_t> KeyOffset(const std::string& pointer) const;
  /// Offset of the value at `pointer`, or of its nearest located ancestor, or 0.
  std::size_t NearestValueOffset(const std::string& pointer) const;
  /// Members repeated within one object, in text order, at any depth.
  const std::vector<DuplicateKey>& duplicate_keys() const { return duplicates_; }

 private:
  struct Entry {
    std::size_t value = 0;
    std::optional<std::size_t> key;
  };
  friend class JsonScanner;
  int record_depth_;
  std::unordered_map<std::string, Entry> entries_;
  std::vector<DuplicateKey> duplicates_;
};

/// The line starts of a text, for many offset -> line:column conversions
/// in O(log lines) each; `text` must outlive it.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  /// As OffsetToLineColumn.
  LineColumn At(std::size_t offset) const;
  /// As LineAt.
  std::string_view Line(std::size_t offset) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

/// Escapes one reference token for a JSON pointer: "~" as "~0", "/" as "~1".
std::string EscapePointerToken(std::string_view token);

/// The line and column of byte `offset` in `text` (offset past the end: the end).
LineColumn OffsetToLineColumn(std::string_view text, std::size_t offset);

/// The line holding byte `offset`, without its line terminator.
std::string_view LineAt(std::string_view text, std::size_t offset);

/// The offset in `text` of byte `index` of the decoded value of the JSON
/// string literal whose opening quote is at `quote_offset`. Escapes map to
/// their backslash; an index past the end maps to the closing quote.
std::size_t StringCharOffset(std::string_view text, std::size_t quote_offset, std::size_t index);

/// The offset of the last byte before `offset` that is neither whitespace nor
/// inside a comment, or nullopt. Used to point at a trailing comma.
std::optional<std::size_t> PreviousTokenOffset(std::string_view text, std::size_t offset);

/// The offset where the token holding byte `offset` starts (a string at its
/// opening quote, a literal or number at its first byte); `offset` itself when
/// it is in no token. Parsers report the byte they stopped at; people expect
/// the caret at the start of the token that was wrong.
std::size_t TokenStartOffset(std::string_view text, std::size_t offset);

/// True when a syntax error at the token starting at `offset`, with the
/// parser's `message`, is most likely a forgotten comma: the parser wanted
/// ',' or a closing bracket after a value ("expected '}'" or "']'") and found
/// the start of another value. A key without its ':' is not (the parser then
/// expects ':').
bool LooksLikeMissingComma(std::string_view text, std::size_t offset, std::string_view message);

}  // namespace httpconform::loader

#endif  // HTTPCONFORM_LOADER_JSON_LOCATOR_H_
