// The HTTP/2 response checker: RFC 9113 §8 rules on a response as an HTTP/2
// client received it, free of I/O.
//
// Design: HTTP/2 has no text to parse (frames and HPACK are decoded by the
// transport), so what is left to judge is the decoded header list of each
// HEADERS block exactly as it arrived (names as sent, pseudo-headers where
// they stood, duplicates kept) and how much DATA came. The checker takes
// that, says nothing about sockets or nghttp2, and returns diagnostics in
// the style of the HTTP/1.1 parsers (ids from diagnostics.cc): each id once,
// the first occurrence, with `offset` the index of the field line in its
// block (interim blocks, then the final block, then the trailers, counted
// as one list). None is fatal: a malformed response is still reported as
// received, and the runner decides what the diagnostic means for a case.
#ifndef HTTPCONFORM_WIRE_H2_RESPONSE_CHECK_H_
#define HTTPCONFORM_WIRE_H2_RESPONSE_CHECK_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "harness/core/message.h"

namespace httpconform::wire {

/// One response on an HTTP/2 stream, as received.
struct H2ReceivedResponse {
  std::vector<core::Fields> interim;  ///< 1xx header blocks, in order, pseudo-headers included.
  core::Fields head;                  ///< The final header block, pseudo-headers included.
  core::Fields trailers;              ///< A header block after DATA, if any.
  bool head_request = false;          ///< The request was HEAD.
  std::uint64_t data_length = 0;      ///< Sum of the DATA payload lengths received.
  bool end_stream = false;            ///< END_STREAM arrived: data_length is all the content.
};

/// The three-digit status of a block's first `:status`, or nullopt when
/// there is none or it is not three digits.
std::optional<int> H2Status(const core::Fields& block);

/// Diagnostics for `response` (see the file comment); ids start "h2.".
std::vector<core::Diagnostic> CheckH2Response(const H2ReceivedResponse& response);

}  // namespace httpconform::wire

#endif  // HTTPCONFORM_WIRE_H2_RESPONSE_CHECK_H_
