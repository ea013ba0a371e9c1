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

// The per-byte scans of a head are table-driven, as a generated HTTP
// automaton is: one 256-entry table per character class, a run of a class
// scanned with pointers until the first byte outside it. Under the fuzzer's
// instrumentation every integer comparison calls a hook (trace-cmp) while a
// pointer comparison and a table load do not, so a scan written this way
// costs one hook per byte at most where an index loop with a compare chain
// cost three to five (profile in fuzz/README.md). The scans are exempt from
// UBSan alone (HTTPCONFORM_TABLE_SCAN): its checks there are of pointer
// arithmetic kept within [begin, end) and of loads from 256-entry tables by
// an unsigned char; ASan still checks every load.
#if defined(__clang__) || defined(__GNUC__)
#define HTTPCONFORM_TABLE_SCAN __attribute__((no_sanitize("undefined")))
#else
#define HTTPCONFORM_TABLE_SCAN
#endif

/// A character class as a table of 256 flags.
struct ByteClass {
  bool is[256] = {};
};

/// tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
///         "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA   (RFC 9110 §5.6.2).
inline constexpr ByteClass kTchar = [] {
  ByteClass t;
  for (int c = 'a'; c <= 'z'; ++c) t.is[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) t.is[c] = true;
  for (int c = '0'; c <= '9'; ++c) t.is[c] = true;
  for (unsigned char c : "!#$%&'*+-.^_`|~") t.is[c] = c != '\0';
  return t;
}();
/// OWS bytes: SP and HTAB (RFC 9110 §5.6.3).
inline constexpr ByteClass kOws = [] {
  ByteClass t;
  t.is[static_cast<unsigned char>(' ')] = true;
  t.is[static_cast<unsigned char>('\t')] = true;
  return t;
}();
/// The bytes of field values (RFC 9110 §5.5) and reason phrases (RFC 9112
/// §4): HTAB, SP, VCHAR, obs-text.
inline constexpr ByteClass kText = [] {
  ByteClass t;
  t.is[static_cast<unsigned char>('\t')] = true;
  for (int c = 0x20; c < 0x7F; ++c) t.is[c] = true;
  for (int c = 0x80; c <= 0xFF; ++c) t.is[c] = true;
  return t;
}();

/// The first byte of [p, end) not in `cls`, or end.
HTTPCONFORM_TABLE_SCAN inline const char* SkipClass(const ByteClass& cls, const char* p,
                                                    const char* end) {
  // Eight table loads per test while eight bytes remain (a field name is
  // ten to twenty bytes), then byte-wise; the bound is a pointer, so the
  // loop itself compares no integers.
  const bool* const is = cls.is;
  for (const char* const last_block = p + (end - p) / 8 * 8; p != last_block; p += 8) {
    const auto* const u = reinterpret_cast<const unsigned char*>(p);
    const int all =
        is[u[0]] + is[u[1]] + is[u[2]] + is[u[3]] + is[u[4]] + is[u[5]] + is[u[6]] + is[u[7]];
    if (all != 8) break;
  }
  while (p != end && is[static_cast<unsigned char>(*p)]) ++p;
  return p;
}
/// The end of [begin, end) once trailing bytes in `cls` are left out.
HTTPCONFORM_TABLE_SCAN inline const char* TrimClassBack(const ByteClass& cls, const char* begin,
                                                        const char* end) {
  while (end != begin && cls.is[static_cast<unsigned char>(end[-1])]) --end;
  return end;
}

/// tchar of RFC 9110 §5.6.2.
inline bool IsTchar(unsigned char c) { return kTchar.is[c]; }
/// 1*tchar.
bool IsToken(std::string_view text);
/// SP or HTAB (RFC 9110 §5.6.3 OWS).
inline bool IsOws(char c) { return kOws.is[static_cast<unsigned char>(c)]; }
/// Removes leading and trailing SP/HTAB.
std::string_view TrimOws(std::string_view text);
/// Index of the first byte that is not HTAB, SP, VCHAR or obs-text (the
/// alphabet of field values, RFC 9110 §5.5, and reason phrases, RFC 9112 §4);
/// npos if all are fine. Also how the parsers find the CR that ends a clean
/// line: it is the first byte this stops at.
HTTPCONFORM_TABLE_SCAN inline std::size_t FindInvalidTextChar(std::string_view text) {
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  const char* p = begin;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  // Eight bytes at a time to the first CTL or DEL. Per byte, with
  // b7 = b & 0x7F (so that no sum carries into the next byte): b7 + 0x60 has
  // its high bit set iff b7 >= 0x20, and b7 + 0x01 iff b7 == 0x7F; a byte
  // with its own high bit set is obs-text, always fine. The lowest flagged
  // byte is the first bad one (little-endian); an HTAB there is fine, and the
  // table decides from it on.
  if (text.size() >= 8) {
    const char* const last_word = end - 8;
    constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
    while (p <= last_word) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      const std::uint64_t b7 = w & kLow7;
      const std::uint64_t ctl = ~((b7 + 0x6060606060606060ULL) | w);
      const std::uint64_t del = (b7 + 0x0101010101010101ULL) & ~w;
      const std::uint64_t bad = (ctl | del) & kHigh;
      if (bad != 0) {
        p += __builtin_ctzll(bad) >> 3;
        if (*p != '\t') return static_cast<std::size_t>(p - begin);
        ++p;
        continue;
      }
      p += 8;
    }
  }
#endif
  p = SkipClass(kText, p, end);
  return p == end ? std::string_view::npos : static_cast<std::size_t>(p - begin);
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
