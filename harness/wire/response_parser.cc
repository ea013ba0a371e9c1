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
// its numbered order (see DecideFraming).
#include "harness/wire/response_parser.h"

#include <algorithm>
#include <cstdio>

namespace httpconform::wire {

namespace {

bool IsInterim(int status) { return status >= 100 && status < 200 && status != 101; }

bool IsHttp10(std::string_view version) { return core::EqualsIgnoreCase(version, "HTTP/1.0"); }

}  // namespace

ResponseParser::ResponseParser(ResponseContext context, ParserLimits limits)
    : context_(context), limits_(limits) {}

void ResponseParser::Note(const char* id, std::size_t offset, std::string detail) {
  if (core::FindDiagnostic(response_.diagnostics, id) != nullptr) return;
  response_.diagnostics.push_back(core::Diagnostic{id, offset, std::move(detail), false});
}

void ResponseParser::Fatal(const char* id, std::size_t offset, std::string detail) {
  response_.diagnostics.push_back(core::Diagnostic{id, offset, std::move(detail), true});
  state_ = State::kError;
  response_.complete = false;
  // Keep what was seen of the head so that reports can show it.
  if (have_status_line_ && !head_committed_) {
    response_.head = current_;
    head_committed_ = true;
  }
}

void ResponseParser::Complete() {
  response_.complete = true;
  state_ = State::kDone;
}

std::size_t ResponseParser::Feed(std::string_view bytes) {
  if (done()) return 0;
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
        if (sub_ == Sub::kChunkSize && !reader_.pending() && FastChunkSize(bytes, &pos)) {
          break;
        }
        LineReader::Line line;
        const auto status = reader_.Next(bytes, &pos, base, limits_.max_line_bytes, &line);
        if (status == LineReader::Status::kNeedMore) break;
        if (status == LineReader::Status::kTooLong) {
          Fatal("line.too-long", line.start,
                "line longer than " + std::to_string(limits_.max_line_bytes) + " bytes");
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

bool ResponseParser::FastChunkSize(std::string_view bytes, std::size_t* pos) {
  // A bare "1*16HEXDIG CRLF" line, whole in this buffer, for a non-last
  // chunk: exactly what OnLine and OnChunkSizeLine would decide for it (no
  // diagnostic can apply), without the line machinery. Anything else (an
  // extension, a split line, the last chunk) takes the general path.
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
  if (i == *pos || size == 0 || i + 1 >= bytes.size() || bytes[i] != '\r' || bytes[i + 1] != '\n' ||
      i + 1 - *pos > limits_.max_line_bytes) {
    return false;
  }
  *pos = i + 2;
  remaining_ = size;
  sub_ = Sub::kChunkData;
  return true;
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
    std::replace(scratch_.begin(), scratch_.end(), '\r', ' ');
    text = scratch_;
  }
  if (sub_ == Sub::kStatusLine || sub_ == Sub::kFields || sub_ == Sub::kTrailers) {
    head_bytes_ += line.raw.size() + 1;
    if (head_bytes_ > limits_.max_head_bytes) {
      Fatal("head.too-large", line.start,
            "head larger than " + std::to_string(limits_.max_head_bytes) + " bytes");
      return;
    }
  }
  if (clean_field) {
    PushField(parts.name, parts.value, line.start, &current_.fields);
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
        OnFieldLine(text, line.start, &current_.fields);
      }
      break;
    case Sub::kTrailers:
      if (text.empty()) {
        Complete();
      } else {
        OnFieldLine(text, line.start, &response_.trailers);
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
          "not an HTTP-version: \"" + std::string(version.substr(0, 32)) + "\"");
    return;
  }
  if (version.substr(0, 5) != "HTTP/") {
    Note("status-line.version-case", start, "HTTP-name is case-sensitive (RFC 9112 §2.3)");
  }
  if (version[5] != '1') {
    Note("status-line.unknown-version", start,
         "major version " + std::string(1, version[5]) + " in an HTTP/1.x message");
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
          "status code is not digits: \"" + std::string(code.substr(0, 16)) + "\"");
    return;
  }
  if (code.size() != 3) {
    Fatal("status-line.code-not-3-digits", start + i,
          "status code has " + std::to_string(code.size()) + " digits");
    return;
  }
  const int status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
  if (status < 100 || status > 599) {
    Note("status.out-of-range", start + i,
         std::to_string(status) + " is outside 100-599 (RFC 9110 §15)");
  }
  std::string_view reason;
  if (code_end == text.size()) {
    Note("status-line.missing-sp", start + code_end, "no SP after the status code");
  } else {
    reason = text.substr(code_end + 1);
    const std::size_t bad = FindInvalidTextChar(reason);
    if (bad != std::string_view::npos) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "%02X", static_cast<unsigned char>(reason[bad]));
      Note("status-line.invalid-reason-char", start + code_end + 1 + bad,
           std::string("byte 0x") + hex + " in the reason phrase");
    }
  }
  current_ = core::ResponseHead{};
  current_.version = std::string(version);
  current_.status = status;
  current_.reason = std::string(reason);
  current_.offset = start;
  have_status_line_ = true;
  head_committed_ = false;
  field_count_ = 0;
  sub_ = Sub::kFields;
}

void ResponseParser::OnFieldLine(std::string_view text, std::size_t start, core::Fields* fields) {
  if (IsOws(text[0])) {
    if (fields->empty()) {
      // §2.2: whitespace-preceded lines before the first field are invalid or
      // consumed without processing; we consume them.
      Note("field.leading-whitespace", start, "whitespace-preceded line before the first field");
      return;
    }
    // §5.2: a user agent MUST replace obs-fold with SP before interpreting.
    Note("field.obs-fold", start, "obsolete line folding");
    const std::string_view more = TrimOws(text);
    std::string& value = fields->back().value;
    if (!more.empty()) {
      if (!value.empty()) value += ' ';
      const std::size_t appended_at = value.size();
      value.append(more.data(), more.size());
      // The continuation is part of the value: the same RFC 9110 §5.5 rules
      // (found by fuzz/response_head: a NUL used to slip through here).
      const std::size_t bad = FindInvalidTextChar(more);
      if (bad != std::string_view::npos) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "%02X", static_cast<unsigned char>(more[bad]));
        Note("field.invalid-char",
             start + static_cast<std::size_t>(more.data() - text.data()) + bad,
             std::string("byte 0x") + hex + " in the value of " + fields->back().name);
        std::replace(value.begin() + static_cast<std::ptrdiff_t>(appended_at), value.end(), '\0',
                     ' ');
      }
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
  core::Field* pushed = PushField(parts.name, parts.value, start, fields);
  if (pushed == nullptr) return;
  core::Field& field = *pushed;
  const std::size_t bad = FindInvalidTextChar(parts.value);
  if (bad != std::string::npos) {
    const std::size_t value_at = static_cast<std::size_t>(parts.value.data() - text.data());
    char hex[8];
    std::snprintf(hex, sizeof hex, "%02X", static_cast<unsigned char>(field.value[bad]));
    Note("field.invalid-char", start + value_at + bad,
         std::string("byte 0x") + hex + " in the value of " + field.name);
    // NUL MUST be rejected or replaced with SP (RFC 9110 §5.5); we replace.
    std::replace(field.value.begin(), field.value.end(), '\0', ' ');
  }
}

core::Field* ResponseParser::PushField(std::string_view name, std::string_view value,
                                       std::size_t start, core::Fields* fields) {
  if (++field_count_ > limits_.max_fields) {
    Fatal("head.too-many-fields", start,
          "more than " + std::to_string(limits_.max_fields) + " field lines");
    return nullptr;
  }
  // Room for a typical head at once, rather than five regrowths that move
  // every field (bench/parser_bench).
  if (fields->capacity() == 0) fields->reserve(16);
  return &fields->emplace_back(core::Field{std::string(name), std::string(value)});
}

void ResponseParser::OnHeadEnd() {
  if (IsInterim(current_.status)) {
    if (HasField(current_.fields, "Content-Length")) {
      Note("framing.cl-not-allowed", current_.offset, "Content-Length in a 1xx response");
    }
    if (HasField(current_.fields, "Transfer-Encoding")) {
      Note("framing.te-not-allowed", current_.offset, "Transfer-Encoding in a 1xx response");
    }
    response_.interim.push_back(std::move(current_));
    current_ = core::ResponseHead{};
    have_status_line_ = false;
    head_bytes_ = 0;
    sub_ = Sub::kStatusLine;
    if (response_.interim.size() > limits_.max_interim) {
      Fatal("interim.too-many", response_.interim.back().offset,
            "more than " + std::to_string(limits_.max_interim) + " interim responses");
    }
    return;
  }
  response_.head = std::move(current_);
  current_ = core::ResponseHead{};
  head_committed_ = true;
  DecideFraming();
}

void ResponseParser::DecideFraming() {
  const core::ResponseHead& head = response_.head;
  const int status = head.status;
  const bool has_te = HasField(head.fields, "Transfer-Encoding");
  const bool has_cl = HasField(head.fields, "Content-Length");
  if (status == 204 || status == 101) {
    // RFC 9110 §8.6 and RFC 9112 §6.1: servers MUST NOT send these there.
    if (has_cl) Note("framing.cl-not-allowed", head.offset, "Content-Length in a 1xx/204 response");
    if (has_te) {
      Note("framing.te-not-allowed", head.offset, "Transfer-Encoding in a 1xx/204 response");
    }
  }
  // §6.3 item 1: HEAD, 1xx, 204 and 304 end at the empty line after the head.
  // A 101 switches protocols: what follows is not ours to parse.
  if (context_.head_request || status == 101 || status == 204 || status == 304) {
    response_.framing = core::Framing::kNoContent;
    Complete();
    return;
  }
  // §6.3 item 2: a 2xx to CONNECT becomes a tunnel right after the head.
  if (context_.connect_request && status >= 200 && status < 300) {
    response_.framing = core::Framing::kNoContent;
    Complete();
    return;
  }
  state_ = State::kContent;
  if (has_te) {
    // §6.3 item 3: Transfer-Encoding overrides Content-Length.
    if (has_cl) {
      Note("framing.cl-and-te", head.offset,
           "both Transfer-Encoding and Content-Length; Transfer-Encoding wins (RFC 9112 §6.3)");
    }
    if (IsHttp10(head.version)) {
      Note("framing.te-in-http10", head.offset,
           "Transfer-Encoding in an HTTP/1.0 message: framing is faulty (RFC 9112 §6.1)");
    }
    const std::vector<std::string> codings =
        core::FieldListMembers(head.fields, "Transfer-Encoding");
    std::size_t chunked = 0;
    for (const std::string& coding : codings) {
      if (core::EqualsIgnoreCase(coding, "chunked")) ++chunked;
    }
    if (chunked > 1) {
      Note("framing.chunked-twice", head.offset, "chunked applied more than once (RFC 9112 §6.1)");
    }
    if (!codings.empty() && core::EqualsIgnoreCase(codings.back(), "chunked")) {
      response_.framing = core::Framing::kChunked;
      sub_ = Sub::kChunkSize;
      head_bytes_ = 0;
      return;
    }
    // §6.3 item 4: for a response, read until the connection closes.
    Note("framing.te-not-chunked-last", head.offset,
         "final transfer coding is not chunked; content is close-delimited");
    response_.framing = core::Framing::kCloseDelimited;
    sub_ = Sub::kClose;
    return;
  }
  std::uint64_t length = 0;
  switch (ParseContentLength(head.fields, &length)) {
    case ContentLengthStatus::kInvalid:
      // §6.3 item 5: an unrecoverable error; the user agent MUST discard it.
      Fatal("framing.invalid-content-length", head.offset, "Content-Length is not 1*DIGIT");
      return;
    case ContentLengthStatus::kConflict:
      Fatal("framing.conflicting-content-length", head.offset,
            "Content-Length lines or members differ");
      return;
    case ContentLengthStatus::kDuplicate:
      Note("framing.duplicate-content-length", head.offset,
           "repeated identical Content-Length values (RFC 9110 §8.6 allows accepting them)");
      [[fallthrough]];
    case ContentLengthStatus::kOk:
      // §6.3 item 6.
      response_.framing = core::Framing::kContentLength;
      remaining_ = length;
      sub_ = Sub::kLength;
      if (length == 0) Complete();
      return;
    case ContentLengthStatus::kAbsent:
      break;
  }
  // §6.3 item 8: a response without either is delimited by the close.
  response_.framing = core::Framing::kCloseDelimited;
  sub_ = Sub::kClose;
}

void ResponseParser::OnChunkSizeLine(std::string_view text, std::size_t start) {
  const ChunkLine chunk = ParseChunkLine(text);
  if (chunk.status != ChunkLine::Status::kOk) {
    Fatal("framing.invalid-chunk-size", start + chunk.error_index,
          chunk.status == ChunkLine::Status::kOverflow
              ? "chunk size does not fit in 64 bits"
              : "chunk-size is not 1*HEXDIG: \"" + std::string(text.substr(0, 32)) + "\"");
    return;
  }
  if (chunk.has_extension) {
    Note("framing.chunk-ext", start, "chunk extension (ignored, RFC 9112 §7.1.1)");
    if (!chunk.extension_valid) {
      Note("framing.invalid-chunk-ext", start + chunk.error_index,
           "chunk extension does not match the grammar of RFC 9112 §7.1.1");
    }
  }
  if (chunk.size == 0) {
    // last-chunk; the trailer section follows (§7.1.2).
    sub_ = Sub::kTrailers;
    head_bytes_ = 0;
    field_count_ = 0;
    return;
  }
  remaining_ = chunk.size;
  sub_ = Sub::kChunkData;
}

void ResponseParser::AppendContent(std::string_view bytes) {
  response_.content_size += bytes.size();
  const std::size_t room = limits_.max_content_bytes > response_.content.size()
                               ? limits_.max_content_bytes - response_.content.size()
                               : 0;
  response_.content.append(bytes.data(), std::min(room, bytes.size()));
  if (response_.content_size > limits_.max_content_bytes) response_.content_truncated = true;
}

void ResponseParser::FinishEof() {
  if (done()) return;
  if (state_ == State::kContent && sub_ == Sub::kClose) {
    Complete();  // §6.3 item 8: the close ends the content.
    return;
  }
  std::string detail = "stream ended ";
  if (offset_ == 0) {
    detail += "before any byte";
  } else if (state_ == State::kHead) {
    detail += "inside a response head";
  } else if (response_.framing == core::Framing::kChunked) {
    detail += "inside chunked content";
  } else {
    detail += std::to_string(remaining_) + " bytes short of Content-Length";
  }
  // §8: an incomplete message; the transport decides whether to retry.
  Fatal("message.incomplete", offset_, std::move(detail));
}

void ResponseParser::RecordTrailingBytes(std::size_t count) {
  if (count == 0 || state_ != State::kDone) return;
  const int status = response_.head.status;
  if (status == 101 || (context_.connect_request && status >= 200 && status < 300)) return;
  Note("message.trailing-bytes", offset_,
       std::to_string(count) + " bytes after the end of the response");
  if (context_.head_request || status == 204 || status == 304) {
    Note("message.content-not-allowed", offset_,
         "bytes after a response that cannot have content (RFC 9112 §6.3 item 1)");
  }
}

core::Response ParseResponse(std::string_view bytes, ResponseContext context, bool eof,
                             ParserLimits limits) {
  ResponseParser parser(context, limits);
  const std::size_t used = parser.Feed(bytes);
  if (eof) {
    parser.FinishEof();
    parser.RecordTrailingBytes(bytes.size() - used);
  }
  return parser.TakeResponse();
}

}  // namespace httpconform::wire
