// The response parser's framing and output (see response_parser.cc for the
// state machine that calls them): the framing decision after a head, in RFC
// 9112 §6.3's numbered order (items 1–2 here, the rest shared with the request
// parser in framing_decision.cc); chunk-size lines; counted content; the end of
// the stream; and building the owned core::Response from the compact
// records. Split from response_parser.cc along its own section markers: these
// run per message or per chunk, never per byte.
#include <algorithm>
#include <cstdio>
#include <cstring>

#include "harness/wire/framing_decision.h"
#include "harness/wire/response_parser.h"

namespace httpconform::wire {

namespace {

bool IsHttp10(std::string_view version) { return core::EqualsIgnoreCase(version, "HTTP/1.0"); }

// The response parser's words for each framing finding (RFC 9112 §6.3).
std::string_view FramingDetail(FramingFinding finding) {
  switch (finding) {
    case FramingFinding::kClAndTe:
      return "both Transfer-Encoding and Content-Length; Transfer-Encoding wins (RFC 9112 §6.3)";
    case FramingFinding::kTeInHttp10:
      return "Transfer-Encoding in an HTTP/1.0 message: framing is faulty (RFC 9112 §6.1)";
    case FramingFinding::kChunkedTwice:
      return "chunked applied more than once (RFC 9112 §6.1)";
    case FramingFinding::kTeNotChunkedLast:
      return "final transfer coding is not chunked; content is close-delimited";
    case FramingFinding::kInvalidCl:
      return "Content-Length is not 1*DIGIT";
    case FramingFinding::kConflictingCl:
      return "Content-Length lines or members differ";
    case FramingFinding::kDuplicateCl:
      return "repeated identical Content-Length values (RFC 9110 §8.6 allows accepting them)";
    case FramingFinding::kEmptyTe:  // Request policy only.
    case FramingFinding::kUnknownCoding:
      break;
  }
  return "";
}

}  // namespace

void ResponseParser::DecideFraming() {
  const HeadRef& head = final_;
  const int status = head.status;
  const bool has_te = head.transfer_encoding_lines > 0;
  const bool has_cl = head.content_length_lines > 0;
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
    framing_ = core::Framing::kNoContent;
    Complete();
    return;
  }
  // §6.3 item 2: a 2xx to CONNECT becomes a tunnel right after the head.
  if (context_.connect_request && status >= 200 && status < 300) {
    framing_ = core::Framing::kNoContent;
    Complete();
    return;
  }
  state_ = State::kContent;
  const FieldRef* const first = fields_.data() + head.first_field;
  const FieldRef* const last = first + head.field_count;
  FramingFacts facts;
  facts.http10 = IsHttp10(View(head.version_at, head.version_len));
  facts.has_content_length = has_cl;
  std::uint64_t length = 0;
  if (has_te) {
    for (const FieldRef* f = first; f != last; ++f) {
      if (NameIs(View(f->name_at, f->name_len), "Transfer-Encoding")) {
        facts.transfer_encoding.Add(View(f->value_at, f->value_len));
      }
    }
  } else if (has_cl) {
    // Content-Length is read only when it frames the message (§6.3 item 3).
    ContentLengthReader content_length;
    for (const FieldRef* f = first; f != last; ++f) {
      if (NameIs(View(f->name_at, f->name_len), "Content-Length")) {
        content_length.Add(View(f->value_at, f->value_len));
      }
    }
    facts.content_length = content_length.Result(&length);
  }
  const FramingDecision decision = DecideMessageFraming(facts, FramingPolicy::kResponse);
  for (std::size_t i = 0; i < decision.note_count; ++i) {
    const FramingNote& note = decision.notes[i];
    const std::string_view detail = FramingDetail(note.finding);
    if (note.status != 0) {
      Fatal(FramingFindingId(note.finding), head.offset, detail);
    } else {
      Note(FramingFindingId(note.finding), head.offset, detail);
    }
  }
  switch (decision.kind) {
    case FramingDecision::Kind::kRefused:
      return;
    case FramingDecision::Kind::kChunked:
      framing_ = core::Framing::kChunked;
      sub_ = Sub::kChunkSize;
      head_bytes_ = 0;
      return;
    case FramingDecision::Kind::kLength:
      framing_ = core::Framing::kContentLength;
      remaining_ = length;
      sub_ = Sub::kLength;
      if (length == 0) Complete();
      return;
    case FramingDecision::Kind::kNone:  // Not under the response policy.
    case FramingDecision::Kind::kCloseDelimited:
      framing_ = core::Framing::kCloseDelimited;
      sub_ = Sub::kClose;
      return;
  }
}

void ResponseParser::OnChunkSizeLine(std::string_view text, std::size_t start) {
  const ChunkLine chunk = ParseChunkLine(text);
  if (chunk.status != ChunkLine::Status::kOk) {
    Fatal("framing.invalid-chunk-size", start + chunk.error_index,
          chunk.status == ChunkLine::Status::kOverflow
              ? std::string_view("chunk size does not fit in 64 bits")
              : Compose({"chunk-size is not 1*HEXDIG: \"", text.substr(0, 32), "\""}));
    return;
  }
  if (chunk.has_extension) {
    Note("framing.chunk-ext", start, "chunk extension (ignored, RFC 9112 §7.1.1)");
    if (chunk.extension_bws) {
      Note("framing.chunk-ext-bws", start,
           "whitespace around \";\" or \"=\" in a chunk extension (BWS: removed, but a sender "
           "MUST NOT generate it, RFC 9110 §5.6.3)");
    }
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
  if (limits_.content_lease != nullptr) {
    // With Content-Length the whole size is known: one allocation, no copy.
    const std::uint64_t announced = sub_ == Sub::kLength ? content_size_ + remaining_ : 0;
    core::AppendLeased(&content_, bytes, limits_.max_content_bytes, limits_.content_lease,
                       static_cast<std::size_t>(std::min<std::uint64_t>(announced, SIZE_MAX)));
  } else {
    const std::size_t room = limits_.max_content_bytes > content_.size()
                                 ? limits_.max_content_bytes - content_.size()
                                 : 0;
    content_.append(bytes.data(), std::min(room, bytes.size()));
  }
  content_size_ += bytes.size();
  if (content_size_ > content_.size()) content_truncated_ = true;
}

void ResponseParser::FinishEof() {
  if (done()) return;
  built_valid_ = false;
  if (state_ == State::kContent && sub_ == Sub::kClose) {
    Complete();  // §6.3 item 8: the close ends the content.
    return;
  }
  // No heap string: nearly every input a fuzzer makes ends here, and one
  // per call was a measurable part of its time.
  std::string_view detail;
  char short_by[80];
  if (offset_ == 0) {
    detail = "stream ended before any byte";
  } else if (state_ == State::kHead) {
    detail = "stream ended inside a response head";
  } else if (framing_ == core::Framing::kChunked) {
    detail = "stream ended inside chunked content";
  } else {
    const int n =
        std::snprintf(short_by, sizeof short_by, "stream ended %llu bytes short of Content-Length",
                      static_cast<unsigned long long>(remaining_));
    detail = std::string_view(short_by, static_cast<std::size_t>(n));
  }
  // §8: an incomplete message; the transport decides whether to retry.
  Fatal("message.incomplete", offset_, detail);
}

void ResponseParser::RecordTrailingBytes(std::size_t count) {
  if (count == 0 || state_ != State::kDone) return;
  built_valid_ = false;
  const int status = final_.status;
  if (status == 101 || (context_.connect_request && status >= 200 && status < 300)) return;
  Note("message.trailing-bytes", offset_,
       Compose({DecimalText(count), " bytes after the end of the response"}));
  if (context_.head_request || status == 204 || status == 304) {
    Note("message.content-not-allowed", offset_,
         "bytes after a response that cannot have content (RFC 9112 §6.3 item 1)");
  }
}

// ------------------------------------------------------ building the model ---

namespace {

// Resizes `v` to `n`, moving dropped elements to `spare` and taking new ones
// from it (with `keep`), so that their heap buffers survive for reuse.
template <typename T>
void ResizeKeeping(std::vector<T>* v, std::size_t n, std::vector<T>* spare, bool keep) {
  if (!keep) {
    v->resize(n);
    return;
  }
  while (v->size() > n) {
    spare->push_back(std::move(v->back()));
    v->pop_back();
  }
  while (v->size() < n) {
    if (spare->empty()) {
      v->emplace_back();
    } else {
      v->push_back(std::move(spare->back()));
      spare->pop_back();
    }
  }
}

}  // namespace

// Building assigns into the strings already there, so a reused parser's
// response() cache allocates only when a name or value outgrows them.
void ResponseParser::BuildFields(const FieldRef* first, std::size_t count, core::Fields* out,
                                 bool keep) const {
  ResizeKeeping(out, count, &spare_fields_, keep);
  for (std::size_t i = 0; i < count; ++i) {
    (*out)[i].name.assign(View(first[i].name_at, first[i].name_len));
    (*out)[i].value.assign(View(first[i].value_at, first[i].value_len));
  }
}

void ResponseParser::BuildHead(const HeadRef& head, core::ResponseHead* out, bool keep) const {
  out->version.assign(View(head.version_at, head.version_len));
  out->status = head.status;
  out->reason.assign(View(head.reason_at, head.reason_len));
  out->offset = head.offset;
  BuildFields(fields_.data() + head.first_field, head.field_count, &out->fields, keep);
}

void ResponseParser::Build(core::Response* out, bool keep) const {
  ResizeKeeping(&out->interim, interim_.size(), &spare_heads_, keep);
  for (std::size_t i = 0; i < interim_.size(); ++i) {
    BuildHead(interim_[i], &out->interim[i], keep);
  }
  BuildHead(final_, &out->head, keep);
  out->content_size = content_size_;
  out->content_truncated = content_truncated_;
  BuildFields(trailers_.data(), trailers_.size(), &out->trailers, keep);
  out->framing = framing_;
  out->complete = complete_;
  ResizeKeeping(&out->diagnostics, diagnostic_count_, &spare_diagnostics_, keep);
  for (std::size_t i = 0; i < diagnostic_count_; ++i) out->diagnostics[i] = diagnostics_[i];
}

const core::Response& ResponseParser::response() const {
  if (!built_valid_) {
    Build(&built_, /*keep=*/true);
    built_.content.assign(content_);
    built_valid_ = true;
  }
  return built_;
}

core::Response ResponseParser::TakeResponse() {
  core::Response out;
  Build(&out, /*keep=*/false);
  out.content = std::move(content_);
  content_.clear();
  built_valid_ = false;
  return out;
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
