// Strict, incremental HTTP/1.1 response parser (RFC 9112 §§2-7).
//
// Design: a byte-driven state machine over one response stream that never
// sees sockets, curl or JSON. Feed() may be given the stream split at any
// byte; the result is identical to a one-shot parse (tests check this by
// feeding every table row byte by byte). Every deviation from RFC 9112 is
// recorded as a named core::Diagnostic with its byte offset; the parser keeps
// going wherever a lenient recipient could, so a report can say exactly what
// was wrong and where, and marks a diagnostic fatal only where it cannot.
// Interim 1xx responses are collected until the final one (101 is final: the
// stream after it belongs to another protocol). Content is framed per §6.3:
// no content for HEAD, 1xx, 204 and 304; chunked; Content-Length; or
// close-delimited (completed by FinishEof()). All memory is bounded by
// ParserLimits: lines, field counts, interim counts and captured content
// (per response, and within a lease of the run's shared content budget);
// non-fatal diagnostics are recorded once per id (the first occurrence), so
// their number is bounded too. No recursion: the work is linear in the
// bytes fed (each is looked at a bounded number of times). Ids are listed in
// diagnostics.md. A one-shot caller (ParseResponse) or a transport that sees
// the connection close with bytes left after a complete response calls
// RecordTrailingBytes().
//
// Storage: heads are kept compact while parsing (every status line and field
// line copied once into one reusable byte arena, fields as offsets into it)
// and a core::Response is built only when asked for (response(),
// TakeResponse()). The owned model costs an allocation per long name or
// value; building it once per exchange is cheap, doing it per line was most
// of the parser's time (bench/parser_bench). Reset() starts a new response
// and keeps every buffer's capacity, so a reused parser allocates nothing in
// the steady state.
#ifndef HTTPCONFORM_WIRE_RESPONSE_PARSER_H_
#define HTTPCONFORM_WIRE_RESPONSE_PARSER_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "harness/core/content_budget.h"
#include "harness/core/message.h"
#include "harness/wire/syntax.h"

namespace httpconform::wire {

/// Caps that bound memory whatever the peer sends.
struct ParserLimits {
  std::size_t max_line_bytes = 64 * 1024;           ///< Status line, field line, chunk-size line.
  std::size_t max_head_bytes = 1024 * 1024;         ///< One response head in total.
  std::size_t max_fields = 1000;                    ///< Field lines per head (and trailers).
  std::size_t max_interim = 100;                    ///< Interim responses before the final one.
  std::size_t max_content_bytes = 8 * 1024 * 1024;  ///< Content kept; the rest is counted only.
  /// When set, content is also kept only as far as this lease of the run's
  /// shared budget grows (core/content_budget.h); the rest is counted only.
  /// Not owned; it must outlive the parser's use of it.
  core::ContentLease* content_lease = nullptr;
};

/// What the parser must know about the request being answered.
struct ResponseContext {
  bool head_request = false;     ///< HEAD: the final response has no content (§6.3).
  bool connect_request = false;  ///< CONNECT: a 2xx has no content and ends the message.
};

/// Incremental response parser; see the file comment.
class ResponseParser {
 public:
  /// In this order: done() tests `>= kDone`.
  enum class State { kHead, kContent, kDone, kError };

  explicit ResponseParser(ResponseContext context = {}, ParserLimits limits = {});

  /// Starts over for a new response stream, keeping the buffers' capacity.
  void Reset(ResponseContext context = {});

  /// Consumes bytes; returns how many were used. After kDone or kError it
  /// consumes nothing: the rest belongs to the next message on the connection.
  std::size_t Feed(std::string_view bytes);

  /// The peer closed the connection: completes a close-delimited message or
  /// records that the message was cut short.
  void FinishEof();

  State state() const { return state_; }
  bool done() const { return state_ >= State::kDone; }  // kDone or kError (declared last).
  /// True once any byte of a status line (interim or final) has arrived.
  bool response_started() const { return response_started_; }

  /// The response so far, built from the compact record on first use after
  /// each Feed() (see the file comment); stays valid until the next call
  /// that changes the parser.
  const core::Response& response() const;
  /// The response so far, built for the caller; the parser is left for
  /// Reset() or destruction.
  core::Response TakeResponse();

  // Cheap views of the parse so far, without building a core::Response.
  /// Final status code, or 0 before the final status line.
  int status() const { return final_.status; }
  /// Number of interim (1xx) heads received.
  std::size_t interim_count() const { return interim_.size(); }
  /// Status code of interim head `i` (< interim_count()).
  int interim_status(std::size_t i) const { return interim_[i].status; }
  /// Field lines of the final head.
  std::size_t field_count() const { return final_.field_count; }
  /// Content kept so far (at most max_content_bytes).
  std::string_view content() const { return content_; }
  /// Content bytes seen, including any past the cap.
  std::uint64_t content_size() const { return content_size_; }
  /// True when the message ended properly (kDone).
  bool complete() const { return complete_; }
  /// Number of diagnostics so far.
  std::size_t diagnostic_count() const { return diagnostic_count_; }
  /// Diagnostic `i` (< diagnostic_count()).
  const core::Diagnostic& diagnostic(std::size_t i) const { return diagnostics_[i]; }

  /// The stream ended with `count` bytes left over after a complete message:
  /// records `message.trailing-bytes` (and `message.content-not-allowed`
  /// after a 204, 304 or HEAD response). Not after a 101 or a 2xx to CONNECT,
  /// whose stream belongs to another protocol.
  void RecordTrailingBytes(std::size_t count);

 private:
  enum class Sub {
    kStatusLine,
    kFields,
    kLength,
    kChunkSize,
    kChunkData,
    kChunkEnd,
    kTrailers,
    kClose
  };

  // A field line kept in arena_: name and value as offsets.
  struct FieldRef {
    std::size_t name_at;
    std::size_t name_len;
    std::size_t value_at;
    std::size_t value_len;
  };
  // A status line and its fields (fields_[first_field, first_field + field_count)).
  struct HeadRef {
    std::size_t version_at = 0;
    std::size_t version_len = 0;
    std::size_t reason_at = 0;
    std::size_t reason_len = 0;
    int status = 0;
    std::size_t offset = 0;
    std::size_t first_field = 0;
    std::size_t field_count = 0;
    std::size_t content_length_lines = 0;     // Lines named Content-Length.
    std::size_t transfer_encoding_lines = 0;  // Lines named Transfer-Encoding.
  };

  void OnLine(const LineReader::Line& line);
  void OnStatusLine(std::string_view text, std::size_t start);
  void StartHead(std::string_view version, int status, std::string_view reason, std::size_t start);
  void OnFieldLine(std::string_view text, std::size_t start, bool trailer);
  bool PushField(std::string_view line, std::string_view name, std::string_view value,
                 std::size_t start, bool trailer);
  std::string_view View(std::size_t at, std::size_t len) const {
    return std::string_view(arena_.data() + at, len);
  }
  // Appends to the arena: arena_ is kept at its capacity and arena_size_
  // says how much is used, so an append is a bounds check and a memcpy.
  void Append(const char* data, std::size_t len) {
    if (len == 0) return;  // `data` may be null then (an empty view).
    if (arena_size_ + len > arena_.size()) GrowArena(len);
    std::memcpy(&arena_[arena_size_], data, len);
    arena_size_ += len;
  }
  void GrowArena(std::size_t len);
  bool FastStatusLine(std::string_view bytes, std::size_t base, std::size_t* pos);
  bool FastFieldLine(std::string_view bytes, std::size_t base, std::size_t* pos);
  // Build* fill `out` from the compact record; with `keep`, elements
  // dropped from `out` go to the spare pools and new ones come from them.
  void BuildFields(const FieldRef* first, std::size_t count, core::Fields* out, bool keep) const;
  void BuildHead(const HeadRef& head, core::ResponseHead* out, bool keep) const;
  void Build(core::Response* out, bool keep) const;
  void OnHeadEnd();
  void DecideFraming();
  void OnChunkSizeLine(std::string_view text, std::size_t start);
  bool FastChunks(std::string_view bytes, std::size_t* pos);
  void AppendContent(std::string_view bytes);
  void Complete();
  // `detail` is copied only when the diagnostic is recorded: most Note()
  // calls repeat an id already recorded.
  void Note(const char* id, std::size_t offset, std::string_view detail);
  void Fatal(const char* id, std::size_t offset, std::string_view detail);
  void Record(const char* id, std::size_t offset, std::string_view detail, bool fatal);
  // True when `id` is recorded: callers check before composing a detail.
  bool Recorded(const char* id) const;
  // The concatenation of `parts`, in detail_: a detail composed without a
  // heap allocation once detail_ has grown (a fuzzer's inputs end in a
  // detailed diagnostic nearly every time, and under ASan each temporary
  // string cost more than the parse). Valid until the next Compose().
  std::string_view Compose(std::initializer_list<std::string_view> parts);

  State state_ = State::kHead;
  bool response_started_ = false;
  ResponseContext context_;
  ParserLimits limits_;
  // The compact record of the response (see the file comment).
  std::string arena_;               // Status lines and field lines, as received.
  std::size_t arena_size_ = 0;      // Bytes of arena_ in use.
  std::vector<FieldRef> fields_;    // Fields of every head, in order.
  std::vector<FieldRef> trailers_;  // Trailer fields.
  std::vector<HeadRef> interim_;    // Interim heads.
  HeadRef final_;                   // The final head once committed.
  std::string content_;
  std::uint64_t content_size_ = 0;
  bool content_truncated_ = false;
  core::Framing framing_ = core::Framing::kNoContent;
  // Diagnostics in use are the first diagnostic_count_; the elements past
  // it are kept so that their strings' capacity is reused after Reset().
  std::vector<core::Diagnostic> diagnostics_;
  std::vector<const char*> recorded_ids_;  // The literal each was recorded with.
  std::size_t diagnostic_count_ = 0;
  bool complete_ = false;
  mutable core::Response built_;  // response()'s cache.
  mutable bool built_valid_ = false;
  // Elements the cache no longer needs, kept with their strings' buffers for
  // the next build: a reused parser's response() then neither frees nor
  // allocates once warm (libFuzzer re-runs any input after which more
  // blocks were allocated than freed, looking for a leak).
  mutable std::vector<core::Field> spare_fields_;
  mutable std::vector<core::ResponseHead> spare_heads_;
  mutable std::vector<core::Diagnostic> spare_diagnostics_;
  LineReader reader_;
  Sub sub_ = Sub::kStatusLine;
  std::size_t offset_ = 0;      // Stream offset of the next byte Feed() sees.
  std::size_t head_bytes_ = 0;  // Bytes of the current head (or trailer section).
  std::size_t field_count_ = 0;
  std::uint64_t remaining_ = 0;  // Content-Length or chunk bytes still to read.
  bool saw_cr_ = false;          // kChunkEnd: the CR of the CRLF after chunk data arrived.
  bool have_status_line_ = false;
  bool head_committed_ = false;
  HeadRef current_;
  std::string scratch_;  // A line with bare CRs replaced; used only when one occurs.
  std::string detail_;   // Compose()'s buffer.
};

/// One-shot parse of a whole stream; `eof` says whether the stream ended there.
core::Response ParseResponse(std::string_view bytes, ResponseContext context = {}, bool eof = true,
                             ParserLimits limits = {});

/// A standard text form of a parsed response, for table-driven tests and
/// debugging: one line per head, field, diagnostic and content summary.
std::string Dump(const core::Response& response);

}  // namespace httpconform::wire

#endif  // HTTPCONFORM_WIRE_RESPONSE_PARSER_H_
