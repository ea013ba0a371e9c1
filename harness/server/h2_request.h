// An HTTP/2 request's header list as the routes' request model, and the
// RFC 9113 checks that make it malformed. Pure: the session
// (h2_server_session.cc) collects the list as it arrived and asks here.
//
// Malformed (RFC 9113 §8.1.1: "Malformed requests or responses that are
// detected MUST be treated as a stream error"): an uppercase field name
// (§8.2.1), a connection-specific field or TE other than "trailers"
// (§8.2.2), a pseudo-header after a regular field, repeated, unknown or
// missing (:method always; :scheme and a non-empty :path unless CONNECT,
// §8.3, §8.3.1). The request model is built either way, so the
// h2-malformed-request-accepted fault can route what a careless server would.
#ifndef HTTPCONFORM_SERVER_H2_REQUEST_H_
#define HTTPCONFORM_SERVER_H2_REQUEST_H_

#include <string>

#include "harness/core/message.h"
#include "harness/wire/request_parser.h"

namespace httpconform::server {

/// A request as the routes consume it, and why it is malformed.
struct H2Request {
  wire::Request request;  ///< version "HTTP/2"; Host from :authority when absent.
  std::string malformed;  ///< Empty: well formed; else the rule broken, in words.
};

/// Builds the request from `headers` (the decoded list, in order,
/// pseudo-headers included).
H2Request H2RequestFromHeaders(const core::Fields& headers);

/// The RFC 9113 §8.1.1 check once the content is in: content-length, when
/// present, equals the DATA received. Empty when it does.
std::string H2ContentLengthProblem(const wire::Request& request);

}  // namespace httpconform::server

#endif  // HTTPCONFORM_SERVER_H2_REQUEST_H_
