// Strict, incremental HTTP/1.1 request parser (RFC 9112 §§2-7), used by the
// embedded reference server. Same principles as ResponseParser: bytes in,
// named diagnostics with offsets out, bounded memory, identical results for
// any split of the input. It stops at kHeadDone once the field section is
// complete so that a server can answer `Expect: 100-continue` (RFC 9110
// §10.1.1) before any content is read; Continue() then goes on to content.
#ifndef HTTPCONFORM_WIRE_REQUEST_PARSER_H_
#define HTTPCONFORM_WIRE_REQUEST_PARSER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "harness/core/message.h"
#include "harness/wire/syntax.h"

namespace httpconform::wire {

/// The four forms of request-target (RFC 9112 §3.2).
enum class TargetForm { kOrigin, kAbsolute, kAuthority, kAsterisk };

/// A parsed request.
struct Request {
  std::string method;
  std::string target;
  TargetForm target_form = TargetForm::kOrigin;  ///< Which §3.2 form `target` has.
  std::string version;                           ///< As sent, e.g. "HTTP/1.1".
  core::Fields fields;
  std::string content;  ///< Decoded (de-chunked) content, capped by limits.
  core::Fields trailers;
  bool chunked = false;
  std::vector<core::Diagnostic> diagnostics;
};

/// Caps for requests.
struct RequestLimits {
  std::size_t max_target_bytes =
      8 * 1024;  ///< Longer: diagnostic "request-line.target-too-long" (414).
  std::size_t max_line_bytes = 16 * 1024;       ///< Field line; longer: "field.too-large" (431).
  std::size_t max_head_bytes = 64 * 1024;       ///< Longer: "head.too-large" (431).
  std::size_t max_fields = 200;                 ///< More: "head.too-many-fields" (431).
  std::size_t max_content_bytes = 1024 * 1024;  ///< Larger: "content.too-large" (413).
};

/// Incremental request parser; see the file comment.
class RequestParser {
 public:
  enum class State { kHead, kHeadDone, kContent, kDone, kError };

  explicit RequestParser(RequestLimits limits = {});

  /// Consumes bytes; returns how many were used. Stops at kHeadDone, kDone
  /// and kError; leftover bytes belong to the caller (next request, or content
  /// after Continue()).
  std::size_t Feed(std::string_view bytes);

  /// From kHeadDone: go on to read the content (or to kDone if there is none).
  void Continue();

  State state() const { return state_; }
  const Request& request() const { return request_; }
  Request TakeRequest() { return std::move(request_); }

  /// For kError: the status a server should answer with (400, 414, 431, 413,
  /// 501 for an unknown transfer coding, 505 for an unsupported major version).
  int error_status() const { return error_status_; }

 private:
  enum class Sub { kRequestLine, kFields, kLength, kChunkSize, kChunkData, kChunkEnd, kTrailers };

  void OnLine(const LineReader::Line& line);
  void OnRequestLine(std::string_view text, std::size_t start);
  void OnFieldLine(std::string_view text, std::size_t start, core::Fields* fields);
  void OnHeadEnd(std::size_t at);
  void OnChunkSizeLine(std::string_view text, std::size_t start);
  bool AppendContent(std::string_view bytes, std::size_t at);
  void Note(const char* id, std::size_t offset, std::string detail);
  void Fail(const char* id, std::size_t offset, int status, std::string detail);

  State state_ = State::kHead;
  RequestLimits limits_;
  Request request_;
  int error_status_ = 400;
  LineReader reader_;
  Sub sub_ = Sub::kRequestLine;
  std::size_t offset_ = 0;      // Stream offset of the next byte Feed() sees.
  std::size_t head_bytes_ = 0;  // Bytes of the head (or the trailer section).
  std::size_t field_count_ = 0;
  std::uint64_t remaining_ = 0;  // Content-Length or chunk bytes still to read.
  std::uint64_t content_length_ = 0;
  bool saw_cr_ = false;  // kChunkEnd: the CR after chunk data arrived.
};

/// A standard text form of a parsed request (the request-line, fields,
/// content summary, trailers and diagnostics), for table-driven tests.
std::string DumpRequest(const Request& request);

}  // namespace httpconform::wire

#endif  // HTTPCONFORM_WIRE_REQUEST_PARSER_H_
