// The response parser: a state machine over complete lines (status line,
// field lines, chunk-size lines, trailers) and counted byte runs (content).
//
// Lines come from LineReader, which returns a view into the caller's buffer
// when a line arrived whole and buffers (at most max_line_bytes + 1 bytes)
// only across Feed() calls; every decision is taken on a complete line, or on
// the first max_line_bytes + 1 bytes of an over-long one, so the result does
// not depend on how the stream was split. Non-fatal diagnostics are recorded
// once per id (the first occurrence), which bounds their number whatever the
// peer repeats; fatal ones stop the parser. Framing follows RFC 9112 §6.3 in
// its numbered order (DecideFraming, in response_framing.cc with the rest of
// the per-message work: content, end of stream, building the model).
//
// Heads are recorded compactly (see the header): each status line and field
// line is appended once to arena_, and fields are offsets into it, so the
// per-line cost is one copy and no allocation once the buffers have grown.
// The framing fields (Content-Length, Transfer-Encoding) are counted as
// their lines arrive, so the framing decision looks only at those lines.
#include "harness/wire/response_parser.h"

#include <algorithm>
#include <cstring>

namespace httpconform::wire {

namespace {

bool IsInterim(int status) { return status >= 100 && status < 200 && status != 101; }

// True when [begin, end) holds `id` (by address).
HTTPCONFORM_TABLE_SCAN bool FindPointer(const char* const* begin, const char* const* end,
                                        const char* id) {
  for (; begin != end; ++begin) {
    if (*begin == id) return true;
  }
  return false;
}

}  // namespace

ResponseParser::ResponseParser(ResponseContext context, ParserLimits limits)
    : context_(context), limits_(limits) {}

void ResponseParser::Reset(ResponseContext context) {
  state_ = State::kHead;
  response_started_ = false;
  context_ = context;
  arena_size_ = 0;
  fields_.clear();
  trailers_.clear();
  interim_.clear();
  final_ = HeadRef{};
  content_.clear();
  content_size_ = 0;
  content_truncated_ = false;
  framing_ = core::Framing::kNoContent;
  diagnostic_count_ = 0;
  complete_ = false;
  built_valid_ = false;
  reader_.Clear();
  sub_ = Sub::kStatusLine;
  offset_ = 0;
  head_bytes_ = 0;
  field_count_ = 0;
  remaining_ = 0;
  saw_cr_ = false;
  have_status_line_ = false;
  head_committed_ = false;
  current_ = HeadRef{};
}

HTTPCONFORM_TABLE_SCAN bool ResponseParser::Recorded(const char* id) const {
  // The same call site passes the same literal, and a line-level deviation
  // (a bare LF, say) repeats on every line: the pointers answer those
  // without comparing text, and with pointer comparisons only, which the
  // fuzzer's trace-cmp hooks leave alone. Identical literals need not share
  // an address (ASan pads each one), so the text decides when no pointer
  // matched: a length first, so that the memcmp (which the fuzzer also
  // hooks) runs only for a real candidate.
  const char* const* const ids = recorded_ids_.data();
  if (FindPointer(ids, ids + diagnostic_count_, id)) return true;
  const std::size_t len = std::strlen(id);
  const core::Diagnostic* const first = diagnostics_.data();
  for (const core::Diagnostic* d = first; d != first + diagnostic_count_; ++d) {
    if (d->id.size() == len && std::memcmp(d->id.data(), id, len) == 0) return true;
  }
  return false;
}

// Exempt from UBSan like the scans (syntax.h): it indexes only below the
// sizes it has just checked, and it runs for nearly every line a fuzzer makes.
HTTPCONFORM_TABLE_SCAN void ResponseParser::Record(const char* id, std::size_t offset,
                                                   std::string_view detail, bool fatal) {
  if (diagnostic_count_ == diagnostics_.size()) {
    diagnostics_.emplace_back();
    recorded_ids_.push_back(nullptr);
  }
  // By data(): vector::operator[] brings its own UBSan check, which the
  // exemption of this function does not reach.
  recorded_ids_.data()[diagnostic_count_] = id;
  core::Diagnostic& d = diagnostics_.data()[diagnostic_count_++];
  d.id.assign(id);
  d.offset = offset;
  d.detail.assign(detail);
  d.fatal = fatal;
}

std::string_view ResponseParser::Compose(std::initializer_list<std::string_view> parts) {
  detail_.clear();
  for (const std::string_view part : parts) detail_.append(part);
  return detail_;
}

void ResponseParser::Note(const char* id, std::size_t offset, std::string_view detail) {
  if (!Recorded(id)) Record(id, offset, detail, false);
}

void ResponseParser::Fatal(const char* id, std::size_t offset, std::string_view detail) {
  Record(id, offset, detail, true);
  state_ = State::kError;
  complete_ = false;
  // Keep what was seen of the head so that reports can show it.
  if (have_status_line_ && !head_committed_) {
    final_ = current_;
    head_committed_ = true;
  }
}

void ResponseParser::Complete() {
  complete_ = true;
  state_ = State::kDone;
}

std::size_t ResponseParser::Feed(std::string_view bytes) {
  if (done()) return 0;
  built_valid_ = false;
  if (!bytes.empty()) response_started_ = true;
  const std::size_t base = offset_;
  std::size_t pos = 0;
  while (pos < bytes.size() && !done()) {
    switch (sub_) {
      case Sub::kLength:
      case Sub::kChunkData: {
        const std::size_t take =
            static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, bytes.size() - pos));
        AppendContent(bytes.substr(pos, take));
        pos += take;
        remaining_ -= take;
        if (remaining_ == 0) {
          if (sub_ == Sub::kLength) {
            Complete();
          } else {
            sub_ = Sub::kChunkEnd;
            saw_cr_ = false;
          }
        }
        break;
      }
      case Sub::kClose:
        AppendContent(bytes.substr(pos));
        pos = bytes.size();
        break;
      case Sub::kChunkEnd: {
        // The CRLF after chunk data (RFC 9112 §7.1); read byte-wise so that
        // overrunning data is reported as such rather than as a long line.
        const char c = bytes[pos];
        if (!saw_cr_ && c == '\r' && pos + 1 < bytes.size() && bytes[pos + 1] == '\n') {
          pos += 2;  // The usual CRLF, both bytes at once.
          sub_ = Sub::kChunkSize;
          break;
        }
        if (!saw_cr_ && c == '\r') {
          saw_cr_ = true;
          ++pos;
        } else if (c == '\n') {
          if (!saw_cr_) Note("line.bare-lf", base + pos, "LF without CR after chunk data");
          ++pos;
          sub_ = Sub::kChunkSize;
        } else {
          Fatal("framing.chunk-missing-crlf", base + pos,
                "chunk data not followed by CRLF (more data than the chunk size?)");
        }
        break;
      }
      default: {
        if (!reader_.pending()) {
          // One-pass paths for the common lines (see each); they consume
          // nothing when the general path must decide.
          if (sub_ == Sub::kFields && FastFieldLine(bytes, base, &pos)) break;
          if (sub_ == Sub::kChunkSize && FastChunks(bytes, &pos)) break;
          if (sub_ == Sub::kStatusLine && FastStatusLine(bytes, base, &pos)) break;
        }
        LineReader::Line line;
        const auto status = reader_.Next(bytes, &pos, base, limits_.max_line_bytes, &line);
        if (status == LineReader::Status::kNeedMore) break;
        if (status == LineReader::Status::kTooLong) {
          Fatal("line.too-long", line.start,
                Compose({"line longer than ", DecimalText(limits_.max_line_bytes), " bytes"}));
          break;
        }
        OnLine(line);
        break;
      }
    }
  }
  offset_ = base + pos;
  return pos;
}

void ResponseParser::GrowArena(std::size_t len) {
  // Room for a typical head at once, then doubling: a reused parser grows
  // once to its largest head and never again.
  arena_.resize(std::max({arena_.size() * 2, arena_size_ + len, std::size_t{1024}}));
}

bool ResponseParser::FastStatusLine(std::string_view bytes, std::size_t base, std::size_t* pos) {
  // `HTTP/1.x NNN reason CRLF`, whole in this buffer, with a code in 100-599
  // and a clean reason: exactly what OnLine and OnStatusLine would decide
  // for it (no diagnostic can apply), in one pass. Anything else takes the
  // general path, which sees the same bytes again.
  const char* const p = bytes.data() + *pos;
  const std::size_t n = bytes.size() - *pos;
  if (n < 15 || std::memcmp(p, "HTTP/1.", 7) != 0 || (p[7] != '1' && p[7] != '0') || p[8] != ' ' ||
      p[12] != ' ' || p[9] < '1' || p[9] > '5' || p[10] < '0' || p[10] > '9' || p[11] < '0' ||
      p[11] > '9') {
    return false;
  }
  const std::size_t scan = std::min(n - 13, limits_.max_line_bytes);
  const std::size_t stop = FindInvalidTextChar(std::string_view(p + 13, scan));
  if (stop == std::string_view::npos) return false;
  const std::size_t cr = 13 + stop;
  if (p[cr] != '\r' || cr + 1 >= n || p[cr + 1] != '\n' || cr + 1 > limits_.max_line_bytes ||
      head_bytes_ + cr + 2 > limits_.max_head_bytes) {
    return false;
  }
  head_bytes_ += cr + 2;
  const int status = (p[9] - '0') * 100 + (p[10] - '0') * 10 + (p[11] - '0');
  StartHead(std::string_view(p, 8), status, std::string_view(p + 13, cr - 13), base + *pos);
  *pos += cr + 2;
  return true;
}

bool ResponseParser::FastFieldLine(std::string_view bytes, std::size_t base, std::size_t* pos) {
  // A clean field line, `token ":" OWS value OWS CRLF` whole in this buffer,
  // or the empty line that ends the head: what OnLine would decide for it
  // (the same checks, one pass, no line buffer). The first CTL in the value
  // must be the CR of a CRLF; anything else takes the general path.
  const char* const p = bytes.data() + *pos;
  const std::size_t n = bytes.size() - *pos;
  if (n >= 2 && p[0] == '\r' && p[1] == '\n') {
    if (head_bytes_ + 2 > limits_.max_head_bytes) return false;
    head_bytes_ += 2;
    *pos += 2;
    OnHeadEnd();
    return true;
  }
  const char* const end = p + n;
  const char* const colon = SkipClass(kTchar, p, end);
  if (colon == p || colon == end || *colon != ':') return false;
  const std::string_view name(p, static_cast<std::size_t>(colon - p));
  const std::size_t value_at = static_cast<std::size_t>(SkipClass(kOws, colon + 1, end) - p);
  if (value_at > limits_.max_line_bytes) return false;
  const std::size_t scan = std::min(n - value_at, limits_.max_line_bytes + 1 - value_at);
  const std::size_t stop = FindInvalidTextChar(std::string_view(p + value_at, scan));
  if (stop == std::string_view::npos) return false;
  const std::size_t cr = value_at + stop;
  if (p[cr] != '\r' || cr + 1 >= n || p[cr + 1] != '\n' || cr + 1 > limits_.max_line_bytes ||
      head_bytes_ + cr + 2 > limits_.max_head_bytes) {
    return false;
  }
  const std::size_t value_end =
      static_cast<std::size_t>(TrimClassBack(kOws, p + value_at, p + cr) - p);
  head_bytes_ += cr + 2;
  const std::size_t start = base + *pos;
  *pos += cr + 2;
  PushField(std::string_view(p, value_end), name,
            std::string_view(p + value_at, value_end - value_at), start, /*trailer=*/false);
  return true;
}

bool ResponseParser::FastChunks(std::string_view bytes, std::size_t* pos) {
  // Bare "1*16HEXDIG CRLF" lines of non-last chunks, whole in this buffer:
  // exactly what OnLine and OnChunkSizeLine would decide for them (no
  // diagnostic can apply), without the line machinery; a chunk whose data
  // and CRLF are here too is consumed at once, and the next one tried.
  // Anything else (an extension, a split line, the last chunk) takes the
  // general path.
  bool consumed = false;
  while (true) {
    std::size_t i = *pos;
    std::uint64_t size = 0;
    for (; i < bytes.size() && i - *pos < 16; ++i) {
      const char c = bytes[i];
      int digit;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      } else {
        break;
      }
      size = (size << 4) | static_cast<std::uint64_t>(digit);
    }
    if (i == *pos || size == 0 || i + 1 >= bytes.size() || bytes[i] != '\r' ||
        bytes[i + 1] != '\n' || i + 1 - *pos > limits_.max_line_bytes) {
      return consumed;
    }
    const std::size_t data_at = i + 2;
    const std::size_t left = bytes.size() - data_at;
    if (left >= 2 && size <= left - 2 && bytes[data_at + size] == '\r' &&
        bytes[data_at + size + 1] == '\n') {
      AppendContent(bytes.substr(data_at, size));
      *pos = data_at + static_cast<std::size_t>(size) + 2;
      consumed = true;
      continue;
    }
    *pos = data_at;
    remaining_ = size;
    sub_ = Sub::kChunkData;
    return true;
  }
}

void ResponseParser::OnLine(const LineReader::Line& line) {
  std::string_view text = line.raw;
  // RFC 9112 §2.2: CRLF ends a line; a bare LF MAY be accepted.
  if (!text.empty() && text.back() == '\r') {
    text.remove_suffix(1);
  } else {
    Note("line.bare-lf", line.start + text.size(), "line ended by LF without CR");
  }
  // The common field line, `token ":" OWS clean-value OWS`, is recognised in
  // one pass before anything else: such a line cannot hold a bare CR, so the
  // scan for one is skipped, and OnFieldLine's checks could only pass.
  FieldLineParts parts;
  const bool clean_field = sub_ == Sub::kFields && SplitTokenFieldLine(text, &parts) &&
                           FindInvalidTextChar(parts.value) == std::string_view::npos;
  // A bare CR: a recipient MUST treat the element as invalid or replace each
  // bare CR with SP (§2.2); we replace, so that parsing can go on.
  const std::size_t cr = clean_field ? std::string_view::npos : text.find('\r');
  if (cr != std::string_view::npos) {
    Note("line.bare-cr", line.start + cr, "CR not followed by LF");
    scratch_.assign(text);
    // From the first bare CR on, by memchr: a per-byte compare would call
    // the fuzzer's comparison hook on every byte of the line.
    char* const stop = &scratch_[0] + scratch_.size();
    for (char* q = &scratch_[cr]; q != nullptr;
         q = static_cast<char*>(std::memchr(q + 1, '\r', static_cast<std::size_t>(stop - q - 1)))) {
      *q = ' ';
    }
    text = scratch_;
  }
  if (sub_ == Sub::kStatusLine || sub_ == Sub::kFields || sub_ == Sub::kTrailers) {
    head_bytes_ += line.raw.size() + 1;
    if (head_bytes_ > limits_.max_head_bytes) {
      Fatal("head.too-large", line.start,
            Compose({"head larger than ", DecimalText(limits_.max_head_bytes), " bytes"}));
      return;
    }
  }
  if (clean_field) {
    PushField(text, parts.name, parts.value, line.start, /*trailer=*/false);
    return;
  }
  switch (sub_) {
    case Sub::kStatusLine:
      OnStatusLine(text, line.start);
      break;
    case Sub::kFields:
      if (text.empty()) {
        OnHeadEnd();
      } else {
        OnFieldLine(text, line.start, /*trailer=*/false);
      }
      break;
    case Sub::kTrailers:
      if (text.empty()) {
        Complete();
      } else {
        OnFieldLine(text, line.start, /*trailer=*/true);
      }
      break;
    case Sub::kChunkSize:
      OnChunkSizeLine(text, line.start);
      break;
    default:
      break;
  }
}

void ResponseParser::OnStatusLine(std::string_view text, std::size_t start) {
  if (text.empty()) {
    // Not allowed before a response (§2.2 only lets servers skip them).
    Note("message.leading-empty-line", start, "empty line before the status line");
    return;
  }
  std::size_t at = 0;
  while (at < text.size() && IsOws(text[at])) ++at;
  if (at > 0) Note("status-line.leading-whitespace", start, "whitespace before the status line");
  text.remove_prefix(at);
  start += at;

  // status-line = HTTP-version SP status-code SP [ reason-phrase ]   (§4)
  const std::size_t sp = text.find(' ');
  const std::string_view version = text.substr(0, sp);
  if (!IsHttpVersionShape(version)) {
    Fatal("status-line.invalid-version", start,
          Compose({"not an HTTP-version: \"", version.substr(0, 32), "\""}));
    return;
  }
  if (version.substr(0, 5) != "HTTP/") {
    Note("status-line.version-case", start, "HTTP-name is case-sensitive (RFC 9112 §2.3)");
  }
  if (version[5] != '1' && !Recorded("status-line.unknown-version")) {
    Note("status-line.unknown-version", start,
         Compose({"major version ", version.substr(5, 1), " in an HTTP/1.x message"}));
  }
  if (sp == std::string_view::npos) {
    Fatal("status-line.malformed", start + text.size(), "no status code");
    return;
  }
  std::size_t i = sp + 1;
  if (i < text.size() && text[i] == ' ') {
    Note("status-line.extra-sp", start + i, "more than one SP after the version");
    while (i < text.size() && text[i] == ' ') ++i;
  }
  const std::size_t code_end = std::min(text.find(' ', i), text.size());
  const std::string_view code = text.substr(i, code_end - i);
  const bool digits = !code.empty() && std::all_of(code.begin(), code.end(),
                                                   [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) {
    Fatal("status-line.invalid-code", start + i,
          Compose({"status code is not digits: \"", code.substr(0, 16), "\""}));
    return;
  }
  if (code.size() != 3) {
    Fatal("status-line.code-not-3-digits", start + i,
          Compose({"status code has ", DecimalText(code.size()), " digits"}));
    return;
  }
  const int status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
  if ((status < 100 || status > 599) && !Recorded("status.out-of-range")) {
    Note("status.out-of-range", start + i,
         Compose({DecimalText(static_cast<std::uint64_t>(status)),
                  " is outside 100-599 (RFC 9110 §15)"}));
  }
  std::string_view reason;
  if (code_end == text.size()) {
    Note("status-line.missing-sp", start + code_end, "no SP after the status code");
  } else {
    reason = text.substr(code_end + 1);
    const std::size_t bad = FindInvalidTextChar(reason);
    if (bad != std::string_view::npos && !Recorded("status-line.invalid-reason-char")) {
      Note("status-line.invalid-reason-char", start + code_end + 1 + bad,
           Compose({"byte 0x", HexByteText(static_cast<unsigned char>(reason[bad])),
                    " in the reason phrase"}));
    }
  }
  StartHead(version, status, reason, start);
}

void ResponseParser::StartHead(std::string_view version, int status, std::string_view reason,
                               std::size_t start) {
  // Room for a typical head at once rather than regrowths that copy it.
  if (fields_.capacity() < 16) fields_.reserve(16);
  current_ = HeadRef{};
  current_.version_at = arena_size_;
  current_.version_len = version.size();
  Append(version.data(), version.size());
  current_.reason_at = arena_size_;
  current_.reason_len = reason.size();
  Append(reason.data(), reason.size());
  current_.status = status;
  current_.offset = start;
  current_.first_field = fields_.size();
  have_status_line_ = true;
  head_committed_ = false;
  field_count_ = 0;
  sub_ = Sub::kFields;
}

void ResponseParser::OnFieldLine(std::string_view text, std::size_t start, bool trailer) {
  if (IsOws(text[0])) {
    const bool none = trailer ? trailers_.empty() : current_.field_count == 0;
    if (none) {
      // §2.2: whitespace-preceded lines before the first field are invalid or
      // consumed without processing; we consume them.
      Note("field.leading-whitespace", start, "whitespace-preceded line before the first field");
      return;
    }
    // §5.2: a user agent MUST replace obs-fold with SP before interpreting.
    Note("field.obs-fold", start, "obsolete line folding");
    const std::string_view more = TrimOws(text);
    if (more.empty()) return;
    FieldRef& field = trailer ? trailers_.back() : fields_.back();
    if (field.value_at + field.value_len != arena_size_) {
      // The value is not the arena's last bytes (a trailing OWS was left
      // out): move it there, so that the continuation can follow it.
      scratch_.assign(View(field.value_at, field.value_len));
      field.value_at = arena_size_;
      Append(scratch_.data(), scratch_.size());
    }
    if (field.value_len != 0) Append(" ", 1);
    const std::size_t appended_at = arena_size_;
    Append(more.data(), more.size());
    field.value_len = arena_size_ - field.value_at;
    // The continuation is part of the value: the same RFC 9110 §5.5 rules
    // (found by fuzz/response_head: a NUL used to slip through here).
    const std::size_t bad = FindInvalidTextChar(more);
    if (bad != std::string_view::npos) {
      if (!Recorded("field.invalid-char")) {
        Note("field.invalid-char",
             start + static_cast<std::size_t>(more.data() - text.data()) + bad,
             Compose({"byte 0x", HexByteText(static_cast<unsigned char>(more[bad])),
                      " in the value of ", View(field.name_at, field.name_len)}));
      }
      std::replace(arena_.begin() + static_cast<std::ptrdiff_t>(appended_at),
                   arena_.begin() + static_cast<std::ptrdiff_t>(arena_size_), '\0', ' ');
    }
    return;
  }
  FieldLineParts parts;
  // The one-pass split answers for nearly every line; its lines have a token
  // name, so the checks below that it skips could only pass.
  const bool token_line = SplitTokenFieldLine(text, &parts);
  if (!token_line) parts = SplitFieldLine(text);
  if (!parts.has_colon) {
    Note("field.missing-colon", start, "field line without a colon; ignored");
    return;
  }
  if (parts.name.empty()) {
    Note("field.empty-name", start, "field line with an empty name; ignored");
    return;
  }
  if (parts.space_before_colon) {
    Note("field.space-before-colon", start + parts.name.size(),
         "whitespace between field name and colon (RFC 9112 §5.1)");
  }
  if (!token_line && !IsToken(parts.name)) {
    Note("field.invalid-name", start, "field name is not a token");
  }
  if (!PushField(text, parts.name, parts.value, start, trailer)) return;
  const std::size_t bad = FindInvalidTextChar(parts.value);
  if (bad != std::string::npos) {
    if (!Recorded("field.invalid-char")) {
      const std::size_t value_at = static_cast<std::size_t>(parts.value.data() - text.data());
      Note("field.invalid-char", start + value_at + bad,
           Compose({"byte 0x", HexByteText(static_cast<unsigned char>(parts.value[bad])),
                    " in the value of ", parts.name}));
    }
    // NUL MUST be rejected or replaced with SP (RFC 9110 §5.5); we replace.
    const FieldRef& field = trailer ? trailers_.back() : fields_.back();
    const auto from = arena_.begin() + static_cast<std::ptrdiff_t>(field.value_at);
    std::replace(from, from + static_cast<std::ptrdiff_t>(field.value_len), '\0', ' ');
  }
}

bool ResponseParser::PushField(std::string_view line, std::string_view name, std::string_view value,
                               std::size_t start, bool trailer) {
  if (++field_count_ > limits_.max_fields) {
    Fatal("head.too-many-fields", start,
          Compose({"more than ", DecimalText(limits_.max_fields), " field lines"}));
    return false;
  }
  // One copy of the line up to the end of its value: name and value are
  // offsets into it.
  const std::size_t at = arena_size_;
  const std::size_t name_off = static_cast<std::size_t>(name.data() - line.data());
  const std::size_t value_off = static_cast<std::size_t>(value.data() - line.data());
  Append(line.data(), value_off + value.size());
  // Stored member by member: building the record on the stack and copying
  // it stalled on store forwarding (most of this function's time).
  FieldRef& ref = trailer ? trailers_.emplace_back() : fields_.emplace_back();
  ref.name_at = at + name_off;
  ref.name_len = name.size();
  ref.value_at = at + value_off;
  ref.value_len = value.size();
  if (trailer) return true;
  ++current_.field_count;
  // The two names the framing decision needs, counted as they arrive.
  if (NameIs(name, "Content-Length")) {
    ++current_.content_length_lines;
  } else if (NameIs(name, "Transfer-Encoding")) {
    ++current_.transfer_encoding_lines;
  }
  return true;
}

void ResponseParser::OnHeadEnd() {
  if (IsInterim(current_.status)) {
    if (current_.content_length_lines > 0) {
      Note("framing.cl-not-allowed", current_.offset, "Content-Length in a 1xx response");
    }
    if (current_.transfer_encoding_lines > 0) {
      Note("framing.te-not-allowed", current_.offset, "Transfer-Encoding in a 1xx response");
    }
    interim_.push_back(current_);
    current_ = HeadRef{};
    have_status_line_ = false;
    head_bytes_ = 0;
    sub_ = Sub::kStatusLine;
    if (interim_.size() > limits_.max_interim) {
      Fatal("interim.too-many", interim_.back().offset,
            Compose({"more than ", DecimalText(limits_.max_interim), " interim responses"}));
    }
    return;
  }
  final_ = current_;
  current_ = HeadRef{};
  head_committed_ = true;
  DecideFraming();
}

}  // namespace httpconform::wire
