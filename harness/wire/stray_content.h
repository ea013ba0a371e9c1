// Content after a response that cannot have any.
//
// A response to HEAD, and a 1xx, 204 or 304 response, ends with its header
// section (RFC 9112 §6.3 item 1), so the next byte on the connection should
// begin the next response. A server that sends content anyway (the
// representation after a 304, say) leaves bytes in front of that next status
// line, and a parser that took them for a status line would blame the wrong
// response. ScanStrayContent says how many leading bytes are such stray
// content, so that a transport can set them aside, report them against the
// response they followed, and parse what comes after as the next response.
// It is a pure function of the bytes seen so far: a caller feeds it the
// buffer again as more arrives, until it is settled.
#ifndef HTTPCONFORM_WIRE_STRAY_CONTENT_H_
#define HTTPCONFORM_WIRE_STRAY_CONTENT_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace httpconform::wire {

/// What ScanStrayContent decided.
struct StrayScan {
  std::size_t stray = 0;  ///< Leading bytes that are no part of a next response.
  bool settled = false;   ///< True: what follows `stray` is the next response (or nothing).
};

/// Scans the bytes that followed a response that cannot have content.
/// `announced`: how many bytes of content that response's Content-Length
/// announced (less what was already set aside), if it had one; stray content
/// is most likely exactly that long. `at_end`: no more bytes will come (the
/// peer closed), so whatever does not begin a response is stray.
/// `continuing`: earlier bytes were already found stray, so `bytes` starts
/// inside stray content. Otherwise leading CR, LF, SP and HT are left to the
/// response parser (its message.leading-empty-line and
/// status-line.leading-whitespace). Unsettled, `stray` counts the bytes that
/// are stray whatever comes next (all but a possible start of "HTTP/1."), so
/// a caller that sets them aside scans each byte a bounded number of times.
StrayScan ScanStrayContent(std::string_view bytes, std::optional<std::uint64_t> announced,
                           bool at_end, bool continuing = false);

}  // namespace httpconform::wire

#endif  // HTTPCONFORM_WIRE_STRAY_CONTENT_H_
