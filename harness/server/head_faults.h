// Request rewrites that stand for reference-server faults on how a request
// is read (faults.h): each turns the bytes of a request head (or the parsed
// fields) into what a server breaking one rule would have understood, before
// the conforming parser and routes see them. Only reference_server.cc calls
// them, and only when the fault is active.
#ifndef HTTPCONFORM_SERVER_HEAD_FAULTS_H_
#define HTTPCONFORM_SERVER_HEAD_FAULTS_H_

#include <cstddef>
#include <string>

#include "harness/core/message.h"

namespace httpconform::server {

/// nul-as-line-end: every NUL becomes CRLF (RFC 9110 §5.5 requires rejecting
/// the message or replacing the NUL with SP).
void NulToLineEndForFault(std::string& head);

/// answer-before-header-end: where `pending` holds a request-line and one
/// field line but no end of the head yet, ends the head there (RFC 9110 §5.3
/// forbids applying a request before its whole header section). Returns the
/// end of the head, or npos.
std::size_t CutHeadEarlyForFault(std::string& pending);

/// field-value-untrimmed: whitespace at the end of a field line is kept as
/// part of the value (RFC 9110 §5.5 excludes it). The parser would strip
/// whitespace, so each such octet is written as "_", which it keeps.
void KeepTrailingWhitespaceForFault(std::string& head);

/// content-length-wraps: a Content-Length value too large for 64 bits is read
/// modulo 2^64 (RFC 9110 §8.6 requires anticipating large numerals), so
/// 18446744073709551621 frames 5 octets.
void WrapContentLengthForFault(std::string& head);

/// remember-credentials: a request without Authorization gets the one an
/// earlier request on the connection carried (RFC 9110 §3.3: a connection
/// does not identify a user agent). `remembered` is the connection's state.
void RememberCredentialsForFault(core::Fields& fields, std::string& remembered);

/// reject-chunk-ext-bws: whitespace around ";" or "=" in a chunk extension
/// (BWS, which RFC 9110 §5.6.3 makes a recipient remove) becomes a control
/// octet, so the parser refuses the chunk line (400). Works on the content
/// bytes as they arrive; only chunk lines (hex digits first) are touched.
void BreakChunkExtBwsForFault(std::string& pending);

}  // namespace httpconform::server

#endif  // HTTPCONFORM_SERVER_HEAD_FAULTS_H_
