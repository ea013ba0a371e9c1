// Lexical helpers shared by the parsers; see syntax.h. Character classes
// keep the ABNF they implement beside them; the two that every byte of a
// head goes through (tchar, field-value text) are a table and a word-at-a-time
// scan, since they dominate the parser's profile (bench/parser_bench).
#include "harness/wire/syntax.h"

#include <cstring>

namespace httpconform::wire {

bool IsToken(std::string_view text) {
  const char* const end = text.data() + text.size();
  return !text.empty() && SkipClass(kTchar, text.data(), end) == end;
}

std::string_view TrimOws(std::string_view text) {
  const char* const end = text.data() + text.size();
  const char* const begin = SkipClass(kOws, text.data(), end);
  return std::string_view(begin, static_cast<std::size_t>(TrimClassBack(kOws, begin, end) - begin));
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

LineReader::Status LineReader::Next(std::string_view data, std::size_t* pos, std::size_t base,
                                    std::size_t cap, Line* line) {
  if (returned_) {
    buffer_.clear();
    returned_ = false;
  }
  const std::size_t begin = *pos;
  const char* first = data.data() + begin;
  const std::size_t avail = data.size() - begin;
  const void* lf = avail ? std::memchr(first, '\n', avail) : nullptr;
  const std::size_t take =
      lf ? static_cast<std::size_t>(static_cast<const char*>(lf) - first) : avail;
  if (buffer_.empty()) start_ = base + begin;
  // The cap applies to the line without its LF; check before copying so the
  // buffer never exceeds cap + 1 bytes whatever the peer sends.
  if (buffer_.size() + take > cap) {
    const std::size_t keep = cap + 1 - buffer_.size();
    buffer_.append(first, keep);
    *pos = begin + keep;
    line->raw = buffer_;
    line->start = start_;
    returned_ = true;
    return Status::kTooLong;
  }
  if (!lf) {
    buffer_.append(first, take);
    *pos = data.size();
    return Status::kNeedMore;
  }
  *pos = begin + take + 1;
  line->start = start_;
  if (buffer_.empty()) {
    line->raw = std::string_view(first, take);  // Whole line in this buffer: no copy.
  } else {
    buffer_.append(first, take);
    line->raw = buffer_;
    returned_ = true;
  }
  return Status::kLine;
}

FieldLineParts SplitFieldLine(std::string_view line) {
  FieldLineParts parts;
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    parts.name = line;
    return parts;
  }
  parts.has_colon = true;
  std::string_view name = line.substr(0, colon);
  std::size_t end = name.size();
  while (end > 0 && IsOws(name[end - 1])) --end;
  parts.space_before_colon = end != name.size();
  parts.name = name.substr(0, end);
  parts.value = TrimOws(line.substr(colon + 1));
  return parts;
}

bool SplitTokenFieldLine(std::string_view line, FieldLineParts* parts) {
  // Same result as SplitFieldLine when it returns true: ":" is not a tchar,
  // so the first non-tchar being ":" makes it the first colon, with no
  // whitespace before it, and the name a token.
  const char* const begin = line.data();
  const char* const end = begin + line.size();
  const char* const colon = SkipClass(kTchar, begin, end);
  if (colon == begin || colon == end || *colon != ':') return false;
  parts->has_colon = true;
  parts->space_before_colon = false;
  parts->name = std::string_view(begin, static_cast<std::size_t>(colon - begin));
  const char* const value = SkipClass(kOws, colon + 1, end);
  parts->value =
      std::string_view(value, static_cast<std::size_t>(TrimClassBack(kOws, value, end) - value));
  return true;
}

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Parses chunk-ext from `i` (RFC 9112 §7.1.1):
//   chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] )
//   chunk-ext-val = token / quoted-string
// Returns false at the first byte that does not fit, storing its index.
bool ParseChunkExtensions(std::string_view line, std::size_t i, std::size_t* error_index,
                          bool* bws) {
  const std::size_t n = line.size();
  auto skip_bws = [&] {
    const std::size_t from = i;
    while (i < n && IsOws(line[i])) ++i;
    if (i > from) *bws = true;
  };
  auto token = [&] {
    const std::size_t from = i;
    while (i < n && IsTchar(static_cast<unsigned char>(line[i]))) ++i;
    return i > from;
  };
  while (true) {
    skip_bws();
    if (i == n) return true;
    if (line[i] != ';') break;
    ++i;
    skip_bws();
    if (!token()) break;
    skip_bws();
    if (i < n && line[i] == '=') {
      ++i;
      skip_bws();
      if (i < n && line[i] == '"') {
        ++i;
        bool closed = false;
        while (i < n) {
          unsigned char c = static_cast<unsigned char>(line[i]);
          if (c == '"') {
            closed = true;
            ++i;
            break;
          }
          if (c == '\\') {
            if (i + 1 >= n) break;
            unsigned char q = static_cast<unsigned char>(line[i + 1]);
            if (!(q == '\t' || (q >= 0x20 && q != 0x7F))) break;
            i += 2;
            continue;
          }
          if (!(c == '\t' || (c >= 0x20 && c != 0x7F))) break;
          ++i;
        }
        if (!closed) break;
      } else if (!token()) {
        break;
      }
    }
  }
  *error_index = i;
  return false;
}

}  // namespace

ChunkLine ParseChunkLine(std::string_view line) {
  ChunkLine result;
  std::size_t i = 0;
  std::uint64_t size = 0;
  for (; i < line.size(); ++i) {
    const int digit = HexValue(line[i]);
    if (digit < 0) break;
    if (size > (UINT64_MAX >> 4)) {
      // Leading zeros are fine; a 17th significant digit is not.
      result.status = ChunkLine::Status::kOverflow;
      result.error_index = i;
      return result;
    }
    size = (size << 4) | static_cast<std::uint64_t>(digit);
  }
  if (i == 0) {
    // Empty, or a sign, space or other non-HEXDIG first: "+5", "-1", " 5".
    result.status = ChunkLine::Status::kInvalidSize;
    result.error_index = 0;
    return result;
  }
  result.size = size;
  if (i == line.size()) return result;
  // Only BWS followed by ";" may follow the digits; "0x5" or "5 " is invalid.
  std::size_t j = i;
  while (j < line.size() && IsOws(line[j])) ++j;
  if (j == line.size() || line[j] != ';') {
    result.status = ChunkLine::Status::kInvalidSize;
    result.error_index = i;
    return result;
  }
  result.has_extension = true;
  std::size_t error_index = 0;
  if (!ParseChunkExtensions(line, i, &error_index, &result.extension_bws)) {
    result.extension_bws = false;  // Whitespace in an invalid extension is no BWS.
    result.extension_valid = false;
    result.error_index = error_index;
  }
  return result;
}

void ContentLengthReader::Add(std::string_view value) {
  // Content-Length = 1*DIGIT (RFC 9110 §8.6). A list of identical values
  // ("1, 1", or repeated lines) MAY be accepted; anything else is invalid.
  if (problem_ != ContentLengthStatus::kOk) return;
  std::string_view rest = value;
  while (true) {
    const std::size_t comma = rest.find(',');
    const std::string_view member = TrimOws(rest.substr(0, comma));
    if (member.empty()) {
      problem_ = ContentLengthStatus::kInvalid;
      return;
    }
    std::uint64_t n = 0;
    for (char c : member) {
      if (c < '0' || c > '9') {
        problem_ = ContentLengthStatus::kInvalid;
        return;
      }
      const std::uint64_t d = static_cast<std::uint64_t>(c - '0');
      if (n > (UINT64_MAX - d) / 10) {
        problem_ = ContentLengthStatus::kInvalid;
        return;
      }
      n = n * 10 + d;
    }
    if (seen_) {
      if (n != first_) {
        problem_ = ContentLengthStatus::kConflict;
        return;
      }
      repeated_ = true;
    } else {
      seen_ = true;
      first_ = n;
    }
    if (comma == std::string_view::npos) return;
    rest = rest.substr(comma + 1);
  }
}

ContentLengthStatus ContentLengthReader::Result(std::uint64_t* value) const {
  if (problem_ != ContentLengthStatus::kOk) return problem_;
  if (!seen_) return ContentLengthStatus::kAbsent;
  *value = first_;
  return repeated_ ? ContentLengthStatus::kDuplicate : ContentLengthStatus::kOk;
}

ContentLengthStatus ParseContentLength(const core::Fields& fields, std::uint64_t* value) {
  ContentLengthReader reader;
  for (const core::Field& field : fields) {
    if (NameIs(field.name, "Content-Length")) reader.Add(field.value);
  }
  return reader.Result(value);
}

bool HasField(const core::Fields& fields, std::string_view name) {
  for (const core::Field& field : fields) {
    if (NameIs(field.name, name)) return true;
  }
  return false;
}

std::size_t CountFields(const core::Fields& fields, std::string_view name) {
  std::size_t count = 0;
  for (const core::Field& field : fields) {
    if (core::EqualsIgnoreCase(field.name, name)) ++count;
  }
  return count;
}

bool IsHttpVersionShape(std::string_view v) {
  // HTTP-version = HTTP-name "/" DIGIT "." DIGIT   (RFC 9112 §2.3)
  return v.size() == 8 &&
         (v.substr(0, 5) == "HTTP/" || core::EqualsIgnoreCase(v.substr(0, 5), "HTTP/")) &&
         v[5] >= '0' && v[5] <= '9' && v[6] == '.' && v[7] >= '0' && v[7] <= '9';
}

}  // namespace httpconform::wire
