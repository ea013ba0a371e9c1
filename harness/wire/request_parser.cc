// The request parser: the server-side twin of ResponseParser, built on the
// same LineReader and lexical helpers, but strict where the response parser
// is lenient. A server must not guess at a request's framing (request
// smuggling, RFC 9112 §11.2), so every ambiguity the RFC lets a server reject
// is rejected with the status code a server should answer with; only what the
// RFC explicitly lets a server accept (a leading empty line and bare-LF line
// endings, §2.2; identical repeated Content-Length values, RFC 9110 §8.6) is
// accepted, with a diagnostic. Errors are decided on complete lines (or the
// first cap + 1 bytes of an over-long one), so any split of the input gives
// the same result.
#include "harness/wire/request_parser.h"

#include <algorithm>
#include <cstring>

#include "harness/wire/framing_decision.h"

namespace httpconform::wire {

namespace {

// Room for the method, the two SPs and the version around a request-target of
// max_target_bytes, so that an over-long target is told apart (414) from an
// over-long line of another shape (400).
constexpr std::size_t kRequestLineSlack = 1024;

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Bytes allowed in a request-target: the URI alphabet of RFC 3986 (unreserved,
// gen-delims, sub-delims, "%") minus "#", since a fragment is never sent.
bool IsTargetChar(char c) {
  if (IsAlpha(c) || IsDigit(c)) return true;
  return c != '\0' && std::strchr("-._~:/?[]@!$&'()*+,;=%", c) != nullptr;
}

// Bytes of uri-host [":" port] (RFC 3986 §3.2.2), as Host and authority-form use.
bool IsAuthorityChar(char c) {
  if (IsAlpha(c) || IsDigit(c)) return true;
  return c != '\0' && std::strchr("-._~!$&'()*+,;=%:[]", c) != nullptr;
}

bool IsValidAuthority(std::string_view text, bool need_port) {
  if (!std::all_of(text.begin(), text.end(), IsAuthorityChar)) return false;
  if (!need_port) return true;
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return false;
  if (text.back() == ']') return false;  // "[::1]" without a port.
  const std::string_view port = text.substr(colon + 1);
  return std::all_of(port.begin(), port.end(), IsDigit);
}

bool HasScheme(std::string_view target) {
  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) followed by ":"
  if (target.empty() || !IsAlpha(target[0])) return false;
  for (std::size_t i = 1; i < target.size(); ++i) {
    const char c = target[i];
    if (c == ':') return true;
    if (!IsAlpha(c) && !IsDigit(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return false;
}

// The request parser's words for each framing finding (RFC 9112 §6.1, §6.3).
std::string FramingDetail(FramingFinding finding, const FramingFacts& facts) {
  switch (finding) {
    case FramingFinding::kTeInHttp10:
      return "Transfer-Encoding in an HTTP/1.0 request";
    case FramingFinding::kClAndTe:
      return "both Transfer-Encoding and Content-Length";
    case FramingFinding::kEmptyTe:
      return "empty Transfer-Encoding";
    case FramingFinding::kTeNotChunkedLast:
      return "chunked is not the final transfer coding (RFC 9112 §6.3)";
    case FramingFinding::kUnknownCoding:
      return "transfer coding \"" + std::string(facts.transfer_encoding.first_other.substr(0, 32)) +
             "\" is not implemented";
    case FramingFinding::kChunkedTwice:
      return "chunked applied more than once (RFC 9112 §6.1)";
    case FramingFinding::kInvalidCl:
      return "Content-Length is not 1*DIGIT";
    case FramingFinding::kConflictingCl:
      return "Content-Length values differ";
    case FramingFinding::kDuplicateCl:
      return "repeated identical Content-Length values";
  }
  return "";
}

}  // namespace

RequestParser::RequestParser(RequestLimits limits) : limits_(limits) {}

void RequestParser::Note(const char* id, std::size_t offset, std::string detail) {
  if (core::FindDiagnostic(request_.diagnostics, id) != nullptr) return;
  request_.diagnostics.push_back(core::Diagnostic{id, offset, std::move(detail), false});
}

void RequestParser::Fail(const char* id, std::size_t offset, int status, std::string detail) {
  request_.diagnostics.push_back(core::Diagnostic{id, offset, std::move(detail), true});
  state_ = State::kError;
  error_status_ = status;
}

std::size_t RequestParser::Feed(std::string_view bytes) {
  if (state_ == State::kHeadDone || state_ == State::kDone || state_ == State::kError) return 0;
  const std::size_t base = offset_;
  std::size_t pos = 0;
  while (pos < bytes.size() && (state_ == State::kHead || state_ == State::kContent)) {
    switch (sub_) {
      case Sub::kLength:
      case Sub::kChunkData: {
        const std::size_t take =
            static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, bytes.size() - pos));
        if (!AppendContent(bytes.substr(pos, take), base + pos)) break;
        pos += take;
        remaining_ -= take;
        if (remaining_ == 0) {
          if (sub_ == Sub::kLength) {
            state_ = State::kDone;
          } else {
            sub_ = Sub::kChunkEnd;
            saw_cr_ = false;
          }
        }
        break;
      }
      case Sub::kChunkEnd: {
        const char c = bytes[pos];
        if (!saw_cr_ && c == '\r') {
          saw_cr_ = true;
          ++pos;
        } else if (c == '\n') {
          if (!saw_cr_) Note("line.bare-lf", base + pos, "LF without CR after chunk data");
          ++pos;
          sub_ = Sub::kChunkSize;
        } else {
          Fail("framing.chunk-missing-crlf", base + pos, 400,
               "chunk data not followed by CRLF (RFC 9112 §7.1)");
        }
        break;
      }
      default: {
        const std::size_t cap = sub_ == Sub::kRequestLine
                                    ? limits_.max_target_bytes + kRequestLineSlack
                                    : limits_.max_line_bytes;
        LineReader::Line line;
        const auto status = reader_.Next(bytes, &pos, base, cap, &line);
        if (status == LineReader::Status::kNeedMore) break;
        if (status == LineReader::Status::kTooLong) {
          if (sub_ == Sub::kRequestLine) {
            // Only a target can be that long in a well-formed request line.
            const std::size_t sp = line.raw.find(' ');
            if (sp != std::string_view::npos &&
                line.raw.find(' ', sp + 1) == std::string_view::npos) {
              Fail("request-line.target-too-long", line.start + sp + 1, 414,
                   "request-target longer than " + std::to_string(limits_.max_target_bytes));
            } else {
              Fail("line.too-long", line.start, 400, "request line too long");
            }
          } else if (sub_ == Sub::kFields || sub_ == Sub::kTrailers) {
            Fail("field.too-large", line.start, 431,
                 "field line longer than " + std::to_string(limits_.max_line_bytes));
          } else {
            Fail("line.too-long", line.start, 400, "chunk-size line too long");
          }
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

void RequestParser::Continue() {
  if (state_ != State::kHeadDone) return;
  if (request_.chunked) {
    state_ = State::kContent;
    sub_ = Sub::kChunkSize;
  } else if (content_length_ > 0) {
    state_ = State::kContent;
    sub_ = Sub::kLength;
    remaining_ = content_length_;
  } else {
    state_ = State::kDone;  // §6.3 item 7: no Content-Length nor Transfer-Encoding.
  }
}

void RequestParser::OnLine(const LineReader::Line& line) {
  std::string_view text = line.raw;
  if (!text.empty() && text.back() == '\r') {
    text.remove_suffix(1);
  } else {
    // §2.2: a recipient MAY recognize a single LF as a line terminator.
    Note("line.bare-lf", line.start + text.size(), "line ended by LF without CR");
  }
  const std::size_t cr = text.find('\r');
  if (cr != std::string_view::npos) {
    // §2.2: a bare CR makes the element invalid; we reject the request.
    Fail("line.bare-cr", line.start + cr, 400, "CR not followed by LF");
    return;
  }
  if (sub_ == Sub::kRequestLine || sub_ == Sub::kFields || sub_ == Sub::kTrailers) {
    head_bytes_ += line.raw.size() + 1;
    if (head_bytes_ > limits_.max_head_bytes) {
      Fail("head.too-large", line.start, 431,
           "head larger than " + std::to_string(limits_.max_head_bytes) + " bytes");
      return;
    }
  }
  switch (sub_) {
    case Sub::kRequestLine:
      if (text.empty()) {
        // §2.2: a server SHOULD ignore at least one empty line before the request-line.
        Note("request.leading-empty-line", line.start, "empty line before the request-line");
      } else {
        OnRequestLine(text, line.start);
      }
      break;
    case Sub::kFields:
      if (text.empty()) {
        OnHeadEnd(line.start);
      } else {
        OnFieldLine(text, line.start, &request_.fields);
      }
      break;
    case Sub::kTrailers:
      if (text.empty()) {
        state_ = State::kDone;
      } else {
        OnFieldLine(text, line.start, &request_.trailers);
      }
      break;
    case Sub::kChunkSize:
      OnChunkSizeLine(text, line.start);
      break;
    default:
      break;
  }
}

void RequestParser::OnRequestLine(std::string_view text, std::size_t start) {
  // request-line = method SP request-target SP HTTP-version   (RFC 9112 §3)
  const std::size_t sp1 = text.find(' ');
  const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : text.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || text.find(' ', sp2 + 1) != std::string_view::npos ||
      sp2 == sp1 + 1) {
    Fail("request-line.malformed", start, 400,
         "request-line is not method SP request-target SP HTTP-version");
    return;
  }
  const std::string_view method = text.substr(0, sp1);
  const std::string_view target = text.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = text.substr(sp2 + 1);
  if (!IsToken(method)) {
    Fail("request-line.invalid-method", start, 400, "method is not a token (RFC 9110 §9.1)");
    return;
  }
  if (target.size() > limits_.max_target_bytes) {
    Fail("request-line.target-too-long", start + sp1 + 1, 414,
         "request-target longer than " + std::to_string(limits_.max_target_bytes));
    return;
  }
  const auto bad = std::find_if_not(target.begin(), target.end(), IsTargetChar);
  if (bad != target.end()) {
    Fail("request-line.invalid-target", start + sp1 + 1 + (bad - target.begin()), 400,
         "byte not allowed in a request-target");
    return;
  }
  if (!IsHttpVersionShape(version) || version.substr(0, 5) != "HTTP/") {
    // §2.3: HTTP-name is case-sensitive; anything else is not HTTP/1.x.
    Fail("request-line.invalid-version", start + sp2 + 1, 400, "malformed HTTP-version");
    return;
  }
  if (version[5] != '1') {
    Fail("request-line.unsupported-version", start + sp2 + 1, 505,
         "major version " + std::string(1, version[5]) + " is not supported");
    return;
  }
  // §3.2: which form, and whether the method allows it.
  const bool connect = method == "CONNECT";
  TargetForm form;
  if (target == "*") {
    form = TargetForm::kAsterisk;
    if (method != "OPTIONS") {
      Fail("request-line.invalid-target-form", start + sp1 + 1, 400,
           "asterisk-form is only for OPTIONS (RFC 9112 §3.2.4)");
      return;
    }
  } else if (connect) {
    form = TargetForm::kAuthority;
    if (!IsValidAuthority(target, /*need_port=*/true)) {
      Fail("request-line.invalid-target-form", start + sp1 + 1, 400,
           "CONNECT needs authority-form host:port (RFC 9112 §3.2.3)");
      return;
    }
  } else if (target[0] == '/') {
    form = TargetForm::kOrigin;
  } else if (HasScheme(target)) {
    form = TargetForm::kAbsolute;
  } else {
    Fail("request-line.invalid-target-form", start + sp1 + 1, 400,
         "request-target is none of the forms of RFC 9112 §3.2");
    return;
  }
  request_.method = std::string(method);
  request_.target = std::string(target);
  request_.target_form = form;
  request_.version = std::string(version);
  sub_ = Sub::kFields;
}

void RequestParser::OnFieldLine(std::string_view text, std::size_t start, core::Fields* fields) {
  if (IsOws(text[0])) {
    if (fields->empty() && sub_ == Sub::kFields) {
      Fail("field.leading-whitespace", start, 400,
           "whitespace-preceded line after the request-line (RFC 9112 §2.2)");
    } else {
      Fail("field.obs-fold", start, 400, "obsolete line folding (RFC 9112 §5.2)");
    }
    return;
  }
  const FieldLineParts parts = SplitFieldLine(text);
  if (!parts.has_colon) {
    Fail("field.missing-colon", start, 400, "field line without a colon");
    return;
  }
  if (parts.name.empty()) {
    Fail("field.empty-name", start, 400, "field line with an empty name");
    return;
  }
  if (parts.space_before_colon) {
    // §5.1: a server MUST reject with 400.
    Fail("field.space-before-colon", start + parts.name.size(), 400,
         "whitespace between field name and colon");
    return;
  }
  if (!IsToken(parts.name)) {
    Fail("field.invalid-name", start, 400, "field name is not a token");
    return;
  }
  const std::size_t bad = FindInvalidTextChar(parts.value);
  if (bad != std::string_view::npos) {
    // RFC 9110 §5.5: NUL MUST be rejected or replaced; other CTLs MAY be rejected.
    Fail("field.invalid-char", start + (parts.value.data() - text.data()) + bad, 400,
         "control character in a field value");
    return;
  }
  if (++field_count_ > limits_.max_fields) {
    Fail("head.too-many-fields", start, 431,
         "more than " + std::to_string(limits_.max_fields) + " field lines");
    return;
  }
  fields->push_back(core::Field{std::string(parts.name), std::string(parts.value)});
}

void RequestParser::OnHeadEnd(std::size_t at) {
  const core::Fields& fields = request_.fields;
  // §3.2: Host is required in HTTP/1.1 and may appear only once.
  const std::size_t hosts = CountFields(fields, "Host");
  if (hosts > 1) {
    Fail("request.host-duplicate", at, 400, "more than one Host field line");
    return;
  }
  if (hosts == 0 && request_.version[7] != '0') {
    Fail("request.host-missing", at, 400, "HTTP/1.1 request without Host");
    return;
  }
  if (hosts == 1 && !IsValidAuthority(core::FindField(fields, "Host")->value, false)) {
    Fail("request.host-invalid", at, 400, "Host is not uri-host [\":\" port]");
    return;
  }
  FramingFacts facts;
  facts.http10 = request_.version == "HTTP/1.0";
  for (const core::Field& f : fields) {
    if (core::EqualsIgnoreCase(f.name, "Transfer-Encoding")) facts.transfer_encoding.Add(f.value);
  }
  facts.has_content_length = HasField(fields, "Content-Length");
  if (!facts.transfer_encoding.present) {
    facts.content_length = ParseContentLength(fields, &content_length_);
  }
  const FramingDecision decision = DecideMessageFraming(facts, FramingPolicy::kRequest);
  for (std::size_t i = 0; i < decision.note_count; ++i) {
    const FramingNote& note = decision.notes[i];
    const char* id = FramingFindingId(note.finding);
    if (note.status == 0) {
      Note(id, at, FramingDetail(note.finding, facts));
    } else {
      Fail(id, at, note.status, FramingDetail(note.finding, facts));
      return;
    }
  }
  if (decision.kind == FramingDecision::Kind::kChunked) {
    request_.chunked = true;
    state_ = State::kHeadDone;
    return;
  }
  if (content_length_ > limits_.max_content_bytes) {
    Fail("content.too-large", at, 413,
         "Content-Length over " + std::to_string(limits_.max_content_bytes));
    return;
  }
  state_ = State::kHeadDone;
}

void RequestParser::OnChunkSizeLine(std::string_view text, std::size_t start) {
  const ChunkLine chunk = ParseChunkLine(text);
  if (chunk.status != ChunkLine::Status::kOk) {
    Fail("framing.invalid-chunk-size", start + chunk.error_index, 400,
         chunk.status == ChunkLine::Status::kOverflow ? "chunk size does not fit in 64 bits"
                                                      : "chunk-size is not 1*HEXDIG");
    return;
  }
  if (chunk.has_extension) {
    if (!chunk.extension_valid) {
      Fail("framing.invalid-chunk-ext", start + chunk.error_index, 400,
           "chunk extension does not match RFC 9112 §7.1.1");
      return;
    }
    Note("framing.chunk-ext", start, "chunk extension (ignored, RFC 9112 §7.1.1)");
  }
  if (chunk.size == 0) {
    sub_ = Sub::kTrailers;
    head_bytes_ = 0;
    field_count_ = 0;
    return;
  }
  if (chunk.size > limits_.max_content_bytes - request_.content.size()) {
    Fail("content.too-large", start, 413,
         "chunked content over " + std::to_string(limits_.max_content_bytes));
    return;
  }
  remaining_ = chunk.size;
  sub_ = Sub::kChunkData;
}

bool RequestParser::AppendContent(std::string_view bytes, std::size_t at) {
  // Sizes were checked against the cap before reading; this is a backstop.
  if (request_.content.size() + bytes.size() > limits_.max_content_bytes) {
    Fail("content.too-large", at, 413, "content over the cap");
    return false;
  }
  request_.content.append(bytes.data(), bytes.size());
  return true;
}

}  // namespace httpconform::wire
