// CurlTransport: requests through libcurl (HTTP/1.1 and HTTP/2, TLS,
// connection reuse), for cases about semantics rather than bytes. See
// curl_transport.cc for the design and what it cannot observe.
#ifndef HTTPCONFORM_TRANSPORT_CURL_TRANSPORT_H_
#define HTTPCONFORM_TRANSPORT_CURL_TRANSPORT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "harness/core/message.h"
#include "harness/transport/transport.h"

namespace httpconform::transport {

/// A transport that sends structured requests to `target` with libcurl; raw
/// requests fail with error code "unsupported".
std::unique_ptr<Transport> MakeCurlTransport(const Target& target, const TransportOptions& options);

/// Rebuilds a core::Response from the header lines curl reports (interim and
/// final heads, then trailers). Public so that the HTTP/2 mapping can be
/// tested without an HTTP/2 server.
class CurlHeadCollector {
 public:
  /// One line as given to CURLOPT_HEADERFUNCTION, line ending included.
  void OnLine(std::string_view line);
  /// True once any header line arrived.
  bool any() const { return !heads_.empty(); }
  /// The response, or nullopt when no head arrived.
  std::optional<core::Response> Build(std::string content, std::uint64_t content_size,
                                      std::size_t max_content_bytes, bool head_request,
                                      bool transfer_ok) const;

 private:
  std::string heads_;     // Every head line; HTTP/2 status lines rewritten as HTTP/1.1.
  std::string trailers_;  // Lines after the final head (chunked trailers).
  bool final_head_done_ = false;
  int last_status_ = 0;
  bool http2_ = false;
};

}  // namespace httpconform::transport

#endif  // HTTPCONFORM_TRANSPORT_CURL_TRANSPORT_H_
