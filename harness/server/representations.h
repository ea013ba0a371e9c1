// Representations and byte ranges at the reference server (RFC 9110 §14),
// with the conditional requests that guard them (§13, preconditions.h): the
// fixed set of representations every run serves byte for byte the same, and
// their GET/HEAD/PUT/DELETE semantics in the §13.2.2 order -- preconditions
// (steps 1-4), then If-Range and Range (step 5 and §14.2), 206 single part or
// multipart/byteranges, 416. Each range fault is one `if` where the rule it
// breaks is applied. routes.cc finds the representation and calls
// ServeRepresentation() once the target, method and resource are settled.
#ifndef HTTPCONFORM_SERVER_REPRESENTATIONS_H_
#define HTTPCONFORM_SERVER_REPRESENTATIONS_H_

#include <ctime>
#include <string>
#include <vector>

#include "harness/server/reply.h"
#include "harness/server/routes.h"
#include "harness/wire/request_parser.h"

namespace httpconform::server {

/// Sat, 01 Jan 2022 00:00:00 GMT: every representation's Last-Modified.
constexpr std::time_t kLastModified = 1640995200;

/// One resource with a fixed representation.
struct Representation {
  const char* path;
  const char* content_type;
  std::string content;
  const char* etag;  ///< With quotes (and W/ when weak).
};

/// The reference server's representations: "/", /static/..., /items/....
const std::vector<Representation>& Representations();

/// The response to `req` (any method the resource allows) for `rep`:
/// preconditions, then the method, then ranges on GET.
Reply ServeRepresentation(const wire::Request& req, const Representation& rep,
                          const RouteContext& c);

/// The response to `req` for a `path` that has no resource: 404, except a
/// PUT of a new item under /items/, which creates it (§9.3.4: 201). The
/// created item is not kept: every run sees the same state.
Reply NoResource(const wire::Request& req, const std::string& path, const RouteContext& c);

}  // namespace httpconform::server

#endif  // HTTPCONFORM_SERVER_REPRESENTATIONS_H_
