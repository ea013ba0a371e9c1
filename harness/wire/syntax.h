// Shared lexical pieces of RFC 9112 used by both the request and the
// response parser: character classes (RFC 9110 §5.6.2 tokens, §5.5 field
// values), a line reader that bounds memory and never copies a line that
// arrived whole, field-line splitting (§5.1), chunk-size lines (§7.1) and
// Content-Length lists (RFC 9110 §8.6). Everything here is pure and
// allocation-free except the line reader's bounded buffer. Not part of the
// public API of the wire library: other modules use the parsers.
#ifndef HTTPCONFORM_WIRE_SYNTAX_H_
#define HTTPCONFORM_WIRE_SYNTAX_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "harness/core/message.h"

namespace httpconform::wire {

/// tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
///         "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA   (RFC 9110 §5.6.2),
/// as a table: every byte of every field name goes through it, and one load
/// per byte beats the compare chain (bench/parser_bench).
struct TcharTable {
  bool is[256] = {};
  constexpr TcharTable() {
    for (int c = 'a'; c <= 'z'; ++c) is[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c) is[c] = true;
    for (int c = '0'; c <= '9'; ++c) is[c] = true;
    for (unsigned char c : "!#$%&'*+-.^_`|~") is[c] = c != '\0';
  }
};
inline constexpr TcharTable kTchar;

/// tchar of RFC 9110 §5.6.2.
inline bool IsTchar(unsigned char c) { return kTchar.is[c]; }
/// 1*tchar.
bool IsToken(std::string_view text);
/// SP or HTAB (RFC 9110 §5.6.3 OWS).
inline bool IsOws(char c) { return c == ' ' || c == '\t'; }
/// Removes leading and trailing SP/HTAB.
std::string_view TrimOws(std::string_view text);
/// Index of the first byte that is not HTAB, SP, VCHAR or obs-text (the
/// alphabet of field values, RFC 9110 §5.5, and reason phrases, RFC 9112 §4);
/// npos if all are fine. Also how the parsers find the CR that ends a clean
/// line: it is the first byte this stops at.
inline std::size_t FindInvalidTextChar(std::string_view text) {
  const char* const p = text.data();
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (true) {
    // The first CTL or DEL from i: eight bytes at a time, then byte-wise.
    // Per byte, with b7 = b & 0x7F (so that no sum carries into the next
    // byte): b7 + 0x60 has its high bit set iff b7 >= 0x20, and b7 + 0x01
    // iff b7 == 0x7F; a byte with its own high bit set is obs-text, always
    // fine. The lowest flagged byte is the first bad one (little-endian).
    std::size_t stop = n;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      const std::uint64_t b7 = w & kLow7;
      const std::uint64_t ctl = ~((b7 + 0x6060606060606060ULL) | w);
      const std::uint64_t del = (b7 + 0x0101010101010101ULL) & ~w;
      const std::uint64_t bad = (ctl | del) & kHigh;
      if (bad != 0) {
        stop = i + static_cast<std::size_t>(__builtin_ctzll(bad) >> 3);
        break;
      }
    }
#endif
    if (stop == n) {
      for (; i < n; ++i) {
        const unsigned char c = static_cast<unsigned char>(p[i]);
        if (c < 0x20 || c == 0x7F) break;
      }
      stop = i;
    }
    if (stop == n) return std::string_view::npos;
    if (p[stop] != '\t') return stop;
    i = stop + 1;  // HTAB is allowed: go on after it.
  }
}
/// The decimal digits of `n` (as std::to_string writes them) in a buffer of
/// its own: for composing diagnostic details without a heap string.
class DecimalText {
 public:
  explicit DecimalText(std::uint64_t n) {
    char* p = buf_ + sizeof buf_;
    do {
      *--p = static_cast<char>('0' + n % 10);
      n /= 10;
    } while (n != 0);
    at_ = static_cast<std::size_t>(p - buf_);
  }
  operator std::string_view() const { return std::string_view(buf_ + at_, sizeof buf_ - at_); }

 private:
  char buf_[20];
  std::size_t at_;
};

/// Two upper-case hex digits of a byte (printf's "%02X").
class HexByteText {
 public:
  explicit HexByteText(unsigned char c) {
    constexpr char kDigits[] = "0123456789ABCDEF";
    buf_[0] = kDigits[c >> 4];
    buf_[1] = kDigits[c & 0xF];
  }
  operator std::string_view() const { return std::string_view(buf_, 2); }

 private:
  char buf_[2];
};

/// ASCII lower-casing copy (for comparing tokens).
std::string AsciiLower(std::string_view text);

/// Accumulates one line (up to and excluding LF) across Feed() calls.
/// Memory is bounded by `cap` + 1 bytes; a line that arrives whole inside one
/// input buffer is returned as a view into that buffer without copying.
class LineReader {
 public:
  enum class Status { kNeedMore, kLine, kTooLong };
  /// What Next() found: `raw` excludes the LF (it may end in CR); `start` is
  /// the stream offset of its first byte. For kTooLong, `raw` is the first
  /// cap + 1 bytes of the line.
  struct Line {
    std::string_view raw;
    std::size_t start = 0;
  };

  /// Scans `data` from `*pos` (stream offset of data[0] is `base`); on kLine
  /// advances `*pos` past the LF. `raw` stays valid until the next call.
  Status Next(std::string_view data, std::size_t* pos, std::size_t base, std::size_t cap,
              Line* line);
  /// True while part of a line is buffered.
  bool pending() const { return !buffer_.empty() && !returned_; }
  /// Forgets any buffered line (keeping the buffer's capacity).
  void Clear() {
    buffer_.clear();
    returned_ = false;
  }

 private:
  std::string buffer_;
  std::size_t start_ = 0;
  bool returned_ = false;  // buffer_ holds a line already handed out.
};

/// A field line split per RFC 9112 §5.1 (`field-name ":" OWS field-value OWS`).
struct FieldLineParts {
  bool has_colon = false;
  bool space_before_colon = false;  ///< Whitespace between name and colon.
  std::string_view name;            ///< With any whitespace before the colon removed.
  std::string_view value;           ///< Without leading/trailing OWS.
};
/// Splits a field line (without its line terminator).
FieldLineParts SplitFieldLine(std::string_view line);
/// SplitFieldLine in one pass for the common shape, a 1*tchar name directly
/// followed by ":"; false (and `parts` untouched) for any other line.
bool SplitTokenFieldLine(std::string_view line, FieldLineParts* parts);

/// Result of parsing a chunk-size line (RFC 9112 §7.1, §7.1.1).
struct ChunkLine {
  enum class Status { kOk, kInvalidSize, kOverflow };
  Status status = Status::kOk;
  std::uint64_t size = 0;
  bool has_extension = false;
  bool extension_valid = true;
  /// Whitespace around ";" or "=" in the extension: BWS, which a recipient
  /// removes but a sender MUST NOT generate (RFC 9110 §5.6.3).
  bool extension_bws = false;
  std::size_t error_index = 0;  ///< Index in the line of the offending byte.
};
/// Parses `chunk-size [ chunk-ext ]` (line without terminator). A size is
/// 1*HEXDIG with no sign, prefix or whitespace; BWS is accepted only before ";".
ChunkLine ParseChunkLine(std::string_view line);

/// Outcome of the Content-Length field lines of a message (RFC 9110 §8.6).
enum class ContentLengthStatus { kAbsent, kOk, kDuplicate, kConflict, kInvalid };
/// Reads every Content-Length line of `fields` (comma lists included);
/// identical repeated values give kDuplicate with the value set.
ContentLengthStatus ParseContentLength(const core::Fields& fields, std::uint64_t* value);

/// ParseContentLength one field value at a time, for callers that keep
/// fields in another form: Add() each Content-Length value in order, then
/// Result(). The first problem found decides the outcome, as in
/// ParseContentLength.
class ContentLengthReader {
 public:
  void Add(std::string_view value);
  ContentLengthStatus Result(std::uint64_t* value) const;

 private:
  ContentLengthStatus problem_ = ContentLengthStatus::kOk;  // kInvalid/kConflict once found.
  bool seen_ = false;
  bool repeated_ = false;
  std::uint64_t first_ = 0;
};

/// Case-insensitive field-name comparison with the cheap answers first:
/// most names differ in length from the one sought, and most servers send
/// the canonical case.
inline bool NameIs(std::string_view name, std::string_view wanted) {
  return name.size() == wanted.size() && (name == wanted || core::EqualsIgnoreCase(name, wanted));
}

/// True if `fields` has at least one line named `name`.
bool HasField(const core::Fields& fields, std::string_view name);
/// Number of lines named `name`.
std::size_t CountFields(const core::Fields& fields, std::string_view name);

/// Checks `HTTP/` DIGIT "." DIGIT ignoring case (RFC 9112 §2.3); the caller
/// checks exact case separately.
bool IsHttpVersionShape(std::string_view version);

}  // namespace httpconform::wire

#endif  // HTTPCONFORM_WIRE_SYNTAX_H_
