// The scanner keeps a single pointer string that grows and shrinks as it
// descends, so locating costs one hash-map insertion per value. Nesting is
// capped (kMaxDepth) to keep recursion bounded on hostile input; values deeper
// than that are simply not located and errors there fall back to the nearest
// located ancestor.
#include "harness/loader/json_locator.h"

#include <algorithm>
#include <unordered_set>

#include "harness/core/utf8.h"

namespace httpconform::loader {
namespace {

constexpr int kMaxDepth = 256;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads the 4 hex digits at text[pos]; -1 if they are not there.
long Hex4(std::string_view text, std::size_t pos) {
  if (pos + 4 > text.size()) return -1;
  long value = 0;
  for (std::size_t i = pos; i < pos + 4; ++i) {
    int digit = HexValue(text[i]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

// Decodes the \u escape at text[pos] (the backslash), with a following low
// surrogate if any. Returns the source length consumed (0 if malformed).
std::size_t DecodeUnicodeEscape(std::string_view text, std::size_t pos, std::string* out) {
  long high = Hex4(text, pos + 2);
  if (high < 0) return 0;
  if (high >= 0xD800 && high <= 0xDBFF && pos + 12 <= text.size() && text[pos + 6] == '\\' &&
      text[pos + 7] == 'u') {
    long low = Hex4(text, pos + 8);
    if (low >= 0xDC00 && low <= 0xDFFF) {
      core::AppendUtf8(static_cast<char32_t>(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)),
                       out);
      return 12;
    }
  }
  core::AppendUtf8(static_cast<char32_t>(high), out);
  return 6;
}

}  // namespace

// Recursive descent that records offsets into a JsonLocator.
class JsonScanner {
 public:
  JsonScanner(std::string_view text, JsonLocator* out) : text_(text), out_(out) {}

  void Run() {
    // A UTF-8 byte order mark is skipped, as nlohmann does.
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    std::string pointer;
    if (SkipSpace()) Value(&pointer, std::nullopt, 0);
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }

  // Skips whitespace and comments; false at the end of text or in an unterminated comment.
  bool SkipSpace() {
    while (!AtEnd()) {
      char c = text_[pos_];
      if (IsSpace(c)) {
        ++pos_;
      } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '/') {
        std::size_t nl = text_.find('\n', pos_);
        pos_ = nl == std::string_view::npos ? text_.size() : nl + 1;
      } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '*') {
        std::size_t end = text_.find("*/", pos_ + 2);
        if (end == std::string_view::npos) return false;
        pos_ = end + 2;
      } else {
        return true;
      }
    }
    return false;
  }

  bool Value(std::string* pointer, std::optional<std::size_t> key, int depth) {
    if (depth > kMaxDepth) return false;
    if (depth <= out_->record_depth_) out_->entries_[*pointer] = JsonLocator::Entry{pos_, key};
    char c = text_[pos_];
    if (c == '{') return Object(pointer, depth);
    if (c == '[') return Array(pointer, depth);
    if (c == '"') return String(nullptr);
    return Scalar();
  }

  bool Object(std::string* pointer, int depth) {
    ++pos_;
    if (!SkipSpace()) return false;
    if (text_[pos_] == '}') {
      ++pos_;
      return true;
    }
    std::unordered_set<std::string> seen;
    const std::size_t base = pointer->size();
    while (true) {
      if (text_[pos_] != '"') return false;
      std::size_t key_offset = pos_;
      std::string key;
      if (!String(&key)) return false;
      pointer->append("/").append(EscapePointerToken(key));
      if (!seen.insert(key).second) out_->duplicates_.push_back({*pointer, key_offset});
      if (!SkipSpace() || text_[pos_] != ':') return false;
      ++pos_;
      if (!SkipSpace() || !Value(pointer, key_offset, depth + 1)) return false;
      pointer->resize(base);
      if (!SkipSpace()) return false;
      if (text_[pos_] == '}') {
        ++pos_;
        return true;
      }
      if (text_[pos_] != ',') return false;
      ++pos_;
      if (!SkipSpace()) return false;
    }
  }

  bool Array(std::string* pointer, int depth) {
    ++pos_;
    if (!SkipSpace()) return false;
    if (text_[pos_] == ']') {
      ++pos_;
      return true;
    }
    const std::size_t base = pointer->size();
    for (std::size_t index = 0;; ++index) {
      pointer->append("/").append(std::to_string(index));
      if (!Value(pointer, std::nullopt, depth + 1)) return false;
      pointer->resize(base);
      if (!SkipSpace()) return false;
      if (text_[pos_] == ']') {
        ++pos_;
        return true;
      }
      if (text_[pos_] != ',') return false;
      ++pos_;
      if (!SkipSpace()) return false;
    }
  }

  // pos_ is at the opening quote; decodes into *decoded when given.
  bool String(std::string* decoded) {
    ++pos_;
    while (!AtEnd()) {
      char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c != '\\') {
        if (decoded) decoded->push_back(c);
        ++pos_;
        continue;
      }
      if (pos_ + 1 >= text_.size()) return false;
      char e = text_[pos_ + 1];
      if (e == 'u') {
        std::string scratch;
        std::size_t used = DecodeUnicodeEscape(text_, pos_, decoded ? decoded : &scratch);
        if (used == 0) return false;
        pos_ += used;
        continue;
      }
      char byte;
      switch (e) {
        case 'b':
          byte = '\b';
          break;
        case 'f':
          byte = '\f';
          break;
        case 'n':
          byte = '\n';
          break;
        case 'r':
          byte = '\r';
          break;
        case 't':
          byte = '\t';
          break;
        case '"':
        case '\\':
        case '/':
          byte = e;
          break;
        default:
          return false;
      }
      if (decoded) decoded->push_back(byte);
      pos_ += 2;
    }
    return false;
  }

  // Numbers and literals: their extent is all the locator needs.
  bool Scalar() {
    std::size_t start = pos_;
    while (!AtEnd()) {
      char c = text_[pos_];
      bool part = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '+' ||
                  c == '.' || c == 'E';
      if (!part) break;
      ++pos_;
    }
    return pos_ > start;
  }

  std::string_view text_;
  JsonLocator* out_;
  std::size_t pos_ = 0;
};

JsonLocator::JsonLocator(std::string_view text, int record_depth) : record_depth_(record_depth) {
  JsonScanner(text, this).Run();
}

std::optional<std::size_t> JsonLocator::ValueOffset(const std::string& pointer) const {
  auto it = entries_.find(pointer);
  if (it == entries_.end()) return std::nullopt;
  return it->second.value;
}

std::optional<std::size_t> JsonLocator::KeyOffset(const std::string& pointer) const {
  auto it = entries_.find(pointer);
  if (it == entries_.end()) return std::nullopt;
  return it->second.key;
}

std::size_t JsonLocator::NearestValueOffset(const std::string& pointer) const {
  std::string p = pointer;
  while (true) {
    if (auto offset = ValueOffset(p)) return *offset;
    std::size_t slash = p.rfind('/');
    if (slash == std::string::npos) return 0;
    p.resize(slash);
  }
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts_.push_back(i + 1);
  }
}

LineColumn LineIndex::At(std::size_t offset) const {
  if (offset > text_.size()) offset = text_.size();
  // The last line start at or before offset.
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset) - 1;
  LineColumn lc;
  lc.line = static_cast<int>(it - starts_.begin()) + 1;
  lc.column = static_cast<int>(offset - *it) + 1;
  return lc;
}

std::string_view LineIndex::Line(std::size_t offset) const {
  if (offset > text_.size()) offset = text_.size();
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset) - 1;
  std::size_t end = it + 1 == starts_.end() ? text_.size() : *(it + 1) - 1;
  std::string_view line = text_.substr(*it, end - *it);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::string EscapePointerToken(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

LineColumn OffsetToLineColumn(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  LineColumn lc;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++lc.line;
      line_start = i + 1;
    }
  }
  lc.column = static_cast<int>(offset - line_start) + 1;
  return lc;
}

std::string_view LineAt(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  std::size_t start = offset == 0 ? 0 : text.rfind('\n', offset - 1);
  start = (start == std::string_view::npos || offset == 0) ? 0 : start + 1;
  std::size_t end = text.find('\n', offset);
  if (end == std::string_view::npos) end = text.size();
  std::string_view line = text.substr(start, end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::size_t StringCharOffset(std::string_view text, std::size_t quote_offset, std::size_t index) {
  std::size_t pos = quote_offset + 1;
  std::size_t decoded = 0;
  while (pos < text.size() && text[pos] != '"') {
    std::size_t source_len = 1;
    std::size_t decoded_len = 1;
    if (text[pos] == '\\' && pos + 1 < text.size()) {
      source_len = 2;
      if (text[pos + 1] == 'u') {
        std::string bytes;
        source_len = DecodeUnicodeEscape(text, pos, &bytes);
        if (source_len == 0) return pos;
        decoded_len = bytes.size();
      }
    }
    if (index < decoded + decoded_len) return pos;
    decoded += decoded_len;
    pos += source_len;
  }
  return pos < text.size() ? pos : quote_offset;
}

std::optional<std::size_t> PreviousTokenOffset(std::string_view text, std::size_t offset) {
  std::optional<std::size_t> last;
  std::size_t i = 0;
  const std::size_t end = offset < text.size() ? offset : text.size();
  while (i < end) {
    char c = text[i];
    if (c == '"') {
      // A string is one token; its last byte is its closing quote.
      std::size_t j = i + 1;
      while (j < text.size() && text[j] != '"') j += text[j] == '\\' ? 2 : 1;
      if (j >= end) return i;
      last = j;
      i = j + 1;
    } else if (c == '/' && i + 1 < end && text[i + 1] == '/') {
      std::size_t nl = text.find('\n', i);
      i = nl == std::string_view::npos ? end : nl + 1;
    } else if (c == '/' && i + 1 < end && text[i + 1] == '*') {
      std::size_t close = text.find("*/", i + 2);
      i = close == std::string_view::npos ? end : close + 2;
    } else {
      if (!IsSpace(c)) last = i;
      ++i;
    }
  }
  return last;
}

std::size_t TokenStartOffset(std::string_view text, std::size_t offset) {
  std::size_t i = 0;
  while (i <= offset && i < text.size()) {
    char c = text[i];
    std::size_t end = i + 1;
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    if (c == '/' && i + 1 < text.size() && (text[i + 1] == '/' || text[i + 1] == '*')) {
      std::size_t close = text[i + 1] == '/' ? text.find('\n', i) : text.find("*/", i + 2);
      if (close == std::string_view::npos) return offset;
      i = close + (text[i + 1] == '/' ? 1 : 2);
      continue;
    }
    if (c == '"') {
      while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
      ++end;  // The closing quote.
    } else if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               c == '-' || c == '+' || c == '.') {
      while (end < text.size() &&
             ((text[end] >= '0' && text[end] <= '9') || (text[end] >= 'a' && text[end] <= 'z') ||
              (text[end] >= 'A' && text[end] <= 'Z') || text[end] == '-' || text[end] == '+' ||
              text[end] == '.')) {
        ++end;
      }
    }
    if (offset < end) return i;
    i = end;
  }
  return offset;
}

bool LooksLikeMissingComma(std::string_view text, std::size_t offset, std::string_view message) {
  if (offset >= text.size()) return false;
  if (message.find("expected '}'") == std::string_view::npos &&
      message.find("expected ']'") == std::string_view::npos) {
    return false;
  }
  const char c = text[offset];
  const bool starts_value = c == '"' || c == '{' || c == '[' || c == '-' ||
                            (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n';
  const std::optional<std::size_t> previous = PreviousTokenOffset(text, offset);
  if (!starts_value || !previous) return false;
  const char p = text[*previous];
  return p == '"' || p == '}' || p == ']' || (p >= '0' && p <= '9') || p == 'e' || p == 'l';
}

}  // namespace httpconform::loader
