// The route table of the reference server as text, for `serve --help`; kept
// beside the routes it describes (routes.cc, representations.cc).
#include <string>

#include "harness/server/reference_server.h"

namespace httpconform::server {

std::string RoutesHelp() {
  return R"(Routes of the reference server (all deterministic):
  /                     GET HEAD      text/html index linking every resource
  /static/hello.txt     GET HEAD      "Hello, world!\n"; strong ETag, Last-Modified, ranges
  /static/data.txt      GET HEAD      1000 bytes of text, for ranges; gzip-coded when Accept-Encoding allows
  /static/weak.txt      GET HEAD      served with a weak ETag W/"weak-v1"
  /items/thing          GET HEAD PUT DELETE   conditional PUT/DELETE (If-Match, If-Unmodified-Since)
  /items/guarded        GET HEAD PUT  PUT without If-Match: 428; matching: 204; else 412
  /items/NAME (new)     PUT           201 Created (not kept: a GET is still 404)
  /echo                 POST PUT      200 echoing the content; Expect: 100-continue; 413 over the limit
  /length-required      POST          411 without Content-Length
  /upload/              POST          201 Created with Location /upload/N
  /accepted             POST          202
  /nocontent            any           204
  /reset                POST          205
  /conflict             PUT           409
  /gone /forbidden /legal             410, 403, 451
  /limited /unavailable               429, 503 with Retry-After
  /json                 POST          415 unless Content-Type: application/json
  /negotiate            GET           406 when Accept excludes text/plain
  /redirect/NNN         any           300, 301, 302, 303, 307, 308 to /static/hello.txt
  /status/NNN           any           that status (200-599) with the fields its rules need
  /auth/basic           GET           401 unless Authorization: Basic dXNlcjpwYXNz (user:pass)
  /early-hints          GET           103 Early Hints, then 200
  /ws                   GET HEAD      WebSocket handshake: 101, or 426 without the upgrade fields
  OPTIONS (any resource, and *): 204 with Allow; TRACE: 405; unknown methods: 501
  absolute-form target for another authority: 407 with Proxy-Authenticate;
    with an empty host or userinfo: 400; "https" (this connection is not secured): 421
  targets are normalized: dot segments are removed (/./static/hello.txt is /static/hello.txt)
  /teapot and any other path: 404 (418 is reserved and unused, RFC 9110 §15.5.19)
)";
}

}  // namespace httpconform::server
