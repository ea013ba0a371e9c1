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
// ParserLimits: lines, field counts, interim counts and captured content;
// non-fatal diagnostics are recorded once per id (the first occurrence), so
// their number is bounded too. Ids are listed in diagnostics.md. A one-shot
// caller (ParseResponse) or a transport that sees the connection close with
// bytes left after a complete response calls RecordTrailingBytes().
#ifndef HTTPCONFORM_WIRE_RESPONSE_PARSER_H_
#define HTTPCONFORM_WIRE_RESPONSE_PARSER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

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
};

/// What the parser must know about the request being answered.
struct ResponseContext {
  bool head_request = false;     ///< HEAD: the final response has no content (§6.3).
  bool connect_request = false;  ///< CONNECT: a 2xx has no content and ends the message.
};

/// Incremental response parser; see the file comment.
class ResponseParser {
 public:
  enum class State { kHead, kContent, kDone, kError };

  explicit ResponseParser(ResponseContext context = {}, ParserLimits limits = {});

  /// Consumes bytes; returns how many were used. After kDone or kError it
  /// consumes nothing: the rest belongs to the next message on the connection.
  std::size_t Feed(std::string_view bytes);

  /// The peer closed the connection: completes a close-delimited message or
  /// records that the message was cut short.
  void FinishEof();

  State state() const { return state_; }
  bool done() const { return state_ == State::kDone || state_ == State::kError; }
  /// True once any byte of a status line (interim or final) has arrived.
  bool response_started() const { return response_started_; }

  const core::Response& response() const { return response_; }
  core::Response TakeResponse() { return std::move(response_); }

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

  void OnLine(const LineReader::Line& line);
  void OnStatusLine(std::string_view text, std::size_t start);
  void OnFieldLine(std::string_view text, std::size_t start, core::Fields* fields);
  core::Field* PushField(std::string_view name, std::string_view value, std::size_t start,
                         core::Fields* fields);
  void OnHeadEnd();
  void DecideFraming();
  void OnChunkSizeLine(std::string_view text, std::size_t start);
  bool FastChunkSize(std::string_view bytes, std::size_t* pos);
  void AppendContent(std::string_view bytes);
  void Complete();
  void Note(const char* id, std::size_t offset, std::string detail);
  void Fatal(const char* id, std::size_t offset, std::string detail);

  State state_ = State::kHead;
  bool response_started_ = false;
  ResponseContext context_;
  ParserLimits limits_;
  core::Response response_;
  LineReader reader_;
  Sub sub_ = Sub::kStatusLine;
  std::size_t offset_ = 0;      // Stream offset of the next byte Feed() sees.
  std::size_t head_bytes_ = 0;  // Bytes of the current head (or trailer section).
  std::size_t field_count_ = 0;
  std::uint64_t remaining_ = 0;  // Content-Length or chunk bytes still to read.
  bool saw_cr_ = false;          // kChunkEnd: the CR of the CRLF after chunk data arrived.
  bool have_status_line_ = false;
  bool head_committed_ = false;
  core::ResponseHead current_;
  std::string scratch_;  // A line with bare CRs replaced; used only when one occurs.
};

/// One-shot parse of a whole stream; `eof` says whether the stream ended there.
core::Response ParseResponse(std::string_view bytes, ResponseContext context = {}, bool eof = true,
                             ParserLimits limits = {});

/// A standard text form of a parsed response, for table-driven tests and
/// debugging: one line per head, field, diagnostic and content summary.
std::string Dump(const core::Response& response);

}  // namespace httpconform::wire

#endif  // HTTPCONFORM_WIRE_RESPONSE_PARSER_H_
