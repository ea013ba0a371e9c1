// The table of variables (see variables.h). A description says what the
// value must be on the server under test, in the terms of the cases that use
// it: the status and fields they need first (their "require"), not what they
// then check.
#include "harness/runner/variables.h"

namespace httpconform::runner {

const std::vector<VariableInfo>& KnownVariables() {
  using R = DiscoveryRole;
  static const std::vector<VariableInfo> kVariables = {
      // Discovery looks for these (the order of its notes).
      {"resource",
       "a static resource: GET answers 200 with a strong ETag, Last-Modified and Accept-Ranges: "
       "bytes (a file served as is)",
       R::kStatic},
      {"data",
       "a static resource of at least 20 bytes that answers a Range request with 206, with a "
       "strong ETag and Last-Modified",
       R::kStatic},
      {"second", "a second static resource, not the one resource names: GET answers 200",
       R::kStatic},
      {"weak", "a resource GET answers with 200 and a weak ETag (W/\"...\")", R::kWeak},
      {"readonly",
       "an existing resource (GET answers 200) that refuses DELETE, PUT and POST with 405 (Method "
       "Not Allowed): a static file, mostly",
       R::kReadonly},
      {"missing", "a path that does not exist: GET answers 404 (Not Found) or 410 (Gone)",
       R::kMissing},
      {"protected",
       "a resource behind HTTP authentication: GET without credentials answers 401 "
       "(Unauthorized) with WWW-Authenticate",
       R::kProtected},
      {"redirect", "a resource that redirects: 301, 302, 307 or 308 with Location", R::kRedirect},
      {"redirect_301", "a resource that answers 301 (Moved Permanently) with Location",
       R::kRedirect, 301},
      {"redirect_302", "a resource that answers 302 (Found) with Location", R::kRedirect, 302},
      {"redirect_307", "a resource that answers 307 (Temporary Redirect) with Location",
       R::kRedirect, 307},
      {"redirect_308", "a resource that answers 308 (Permanent Redirect) with Location",
       R::kRedirect, 308},
      // Discovery does not look for these: give them with --var.
      {"big",
       "not a path: a Content-Length, in bytes, larger than echo accepts, announced and never "
       "sent (the server should refuse it with 413 from the head alone)"},
      {"collection", "a collection where POST creates a resource: 201 (Created) with Location"},
      {"conflict", "a resource where PUT gets 409 (Conflict)"},
      {"creatable",
       "a path with no resource (GET answers 404 or 410) where PUT may create one (the case "
       "deletes it afterwards; by default /items/httpconform-created, which the reference server "
       "creates without keeping)"},
      {"credentials",
       "not a path: the Basic credentials (base64 of user:password) that protected accepts"},
      {"deletable",
       "a resource the test may delete: DELETE answers 2xx (the case deletes it; by default the "
       "reference server's /items/thing, which keeps nothing)"},
      {"dynamic",
       "a resource without a modification date: GET answers 200 with neither Last-Modified nor "
       "ETag (a generated page)"},
      {"echo",
       "a resource that answers POST and PUT with 200 and the request's content echoed back, "
       "honours Expect: 100-continue and refuses content over its limit with 413"},
      {"forbidden", "a resource GET answers with 403 (Forbidden)"},
      {"gone", "a resource GET answers with 410 (Gone)"},
      {"guarded",
       "a resource that requires conditional writes: PUT without If-Match gets 428 "
       "(Precondition Required); GET answers 200 with a strong ETag"},
      {"hinted", "a resource GET answers with 103 (Early Hints) before the final response"},
      {"json",
       "a resource where POST of content that is not application/json gets 415 (Unsupported "
       "Media Type)"},
      {"legal", "a resource GET answers with 451 (Unavailable For Legal Reasons)"},
      {"length_required",
       "a resource where POST without Content-Length gets 411 (Length Required)"},
      {"limited", "a resource GET answers with 429 (Too Many Requests) and Retry-After"},
      {"negotiated",
       "a resource GET answers with 406 (Not Acceptable) when Accept excludes its only media "
       "type (text/plain)"},
      {"no_content", "a resource GET answers with 204 (No Content)"},
      {"post_only", "a resource that allows POST only: GET and HEAD get 405 (Method Not Allowed)"},
      {"proxied_host",
       "not a path: a host name; an absolute-form request for http://HOST/ gets 407 (Proxy "
       "Authentication Required) from a server that is an authenticating proxy"},
      {"queue", "a resource where POST is accepted for later processing: 202 (Accepted)"},
      {"redirect_300", "a resource that answers 300 (Multiple Choices) with Location"},
      {"redirect_303", "a resource that answers 303 (See Other) with Location"},
      {"reset", "a resource where POST gets 205 (Reset Content)"},
      {"sink", "a resource that accepts a POST with content (any 2xx), to pipeline a GET after it"},
      {"status_prefix",
       "a path prefix that answers with the status code appended to it (PREFIX203 answers 203): "
       "a test route of the reference server, which other servers seldom have"},
      {"thing",
       "a writable resource: GET answers 200 with a strong ETag and Last-Modified, and PUT and "
       "DELETE honour If-Match and If-Unmodified-Since"},
      {"unavailable", "a resource GET answers with 503 (Service Unavailable) and Retry-After"},
      {"writable", "a resource that PUT replaces (200, 201 or 204) and GET then serves (200)"},
      {"ws", "a resource that accepts a WebSocket upgrade: 101 (Switching Protocols)"},
  };
  return kVariables;
}

const VariableInfo* FindVariable(std::string_view name) {
  for (const VariableInfo& v : KnownVariables()) {
    if (name == v.name) return &v;
  }
  return nullptr;
}

const char* DiscoveryLooksFor(const VariableInfo& var) {
  switch (var.role) {
    case DiscoveryRole::kNone:
      return "";
    case DiscoveryRole::kStatic:
      return "a 200 with ETag, Last-Modified, Accept-Ranges: bytes and >= 20 bytes";
    case DiscoveryRole::kWeak:
      return "a 200 with a weak ETag";
    case DiscoveryRole::kMissing:
      return "a 404 or 410";
    case DiscoveryRole::kProtected:
      return "a 401 with WWW-Authenticate";
    case DiscoveryRole::kReadonly:
      return "an existing resource (200)";
    case DiscoveryRole::kRedirect:
      return "a redirect of a directory requested without its trailing slash";
  }
  return "";
}

}  // namespace httpconform::runner
