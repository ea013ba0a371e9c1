// H2Session: the HTTP/2 session (RFC 9113) on a Connection, with libnghttp2
// doing the framing and HPACK and our own connection carrying the bytes.
//
// Design: nghttp2 is used in its memory mode (mem_send/mem_recv), so every
// byte goes through transport::Connection with the caller's deadlines, and
// the same TCP/TLS code serves both versions. HTTP messaging checks inside
// nghttp2 are switched off (nghttp2_option_set_no_http_messaging): it would
// reset a stream with an uppercase name or a Connection field and hide it,
// where we must see the header list exactly as it arrived (names as sent,
// pseudo-headers where they stood, duplicates) and judge it with
// wire::CheckH2Response (RFC 9113 §8). For the same reason header blocks are
// classified here, not by nghttp2: a block whose :status is 1xx without
// END_STREAM is interim, the first other block is the final head, a block
// after it is the trailers.
//
// One request per stream, one stream at a time per Send(). A session keeps
// its connection between steps that ask to reuse it (further streams on the
// same connection) and opens a new one otherwise, or after a GOAWAY, EOF or
// reset. The request is sent as an HTTP/2 client must write it: :method,
// :scheme, :authority (from the case's Host field, which is not sent
// itself, RFC 9113 §8.3.1), :path, then the case's fields in order, names
// lowercased (§8.2.1). A request that only means something in HTTP/1.1 (a
// connection-specific field, §8.2.2; a half-close; a wait for the server to
// close) is refused with kHttp1OnlyError rather than changed: its case asks
// a question HTTP/2 has no form of. A response is complete when the
// server's END_STREAM arrives. RST_STREAM and GOAWAY codes end the exchange
// with their names in Exchange::error.
//
// Bounds: the whole exchange by request.timeout_ms, connecting by
// connect_timeout_ms; header blocks by kMaxHeaderListBytes and
// kMaxInterimBlocks (past them the stream is cancelled); content kept within
// max_content_bytes and the run's content budget, bytes read within
// max_stream_bytes; the records within max_record_bytes. nghttp2 bounds
// HPACK's dynamic table itself.
#ifndef HTTPCONFORM_TRANSPORT_H2_SESSION_H_
#define HTTPCONFORM_TRANSPORT_H2_SESSION_H_

#include <cstddef>
#include <memory>

#include "harness/transport/connection.h"
#include "harness/transport/transport.h"

namespace httpconform::transport {

/// Decoded header bytes (names, values, 32 per field, as RFC 9113 §6.5.2
/// counts) one response may carry across its blocks.
inline constexpr std::size_t kMaxHeaderListBytes = 256 * 1024;
/// Interim (1xx) header blocks kept before the stream is cancelled.
inline constexpr std::size_t kMaxInterimBlocks = 32;

/// An HTTP/2 session to `target` over connections made by `connect`: TLS
/// ones must have selected "h2" by ALPN (else Send() fails with "h2"), plain
/// ones speak h2c with prior knowledge (RFC 9113 §3.3).
std::unique_ptr<Session> MakeH2Session(const Target& target, const TransportOptions& options,
                                       Connector connect);

/// A transport whose sessions speak HTTP/2 to `target`: TLS with ALPN "h2"
/// for https, h2c with prior knowledge for http.
std::unique_ptr<Transport> MakeH2Transport(const Target& target, const TransportOptions& options);

}  // namespace httpconform::transport

#endif  // HTTPCONFORM_TRANSPORT_H2_SESSION_H_
