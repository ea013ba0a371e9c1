// HTTP/2 request header lists to wire::Request (see h2_request.h).
#include "harness/server/h2_request.h"

#include "harness/server/h2_reply.h"

namespace httpconform::server {
namespace {

bool HasUppercase(const std::string& name) {
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') return true;
  }
  return false;
}

}  // namespace

H2Request H2RequestFromHeaders(const core::Fields& headers) {
  H2Request out;
  wire::Request& req = out.request;
  req.version = "HTTP/2";
  std::string method, scheme, authority, path;
  bool have_method = false, have_scheme = false, have_path = false, have_authority = false;
  bool regular_seen = false;
  auto malformed = [&](std::string why) {
    if (out.malformed.empty()) out.malformed = std::move(why);
  };
  for (const core::Field& f : headers) {
    if (HasUppercase(f.name))
      malformed("uppercase field name \"" + f.name + "\" (RFC 9113 §8.2.1)");
    if (!f.name.empty() && f.name[0] == ':') {
      if (regular_seen) malformed("pseudo-header " + f.name + " after a regular field (§8.3)");
      auto take = [&](bool& have, std::string& value) {
        if (have) malformed("pseudo-header " + f.name + " repeated (§8.3)");
        have = true;
        value = f.value;
      };
      if (f.name == ":method") {
        take(have_method, method);
      } else if (f.name == ":scheme") {
        take(have_scheme, scheme);
      } else if (f.name == ":authority") {
        take(have_authority, authority);
      } else if (f.name == ":path") {
        take(have_path, path);
      } else {
        malformed("pseudo-header " + f.name + " not defined for requests (§8.3)");
      }
      continue;
    }
    regular_seen = true;
    if (IsH2ConnectionSpecific(f.name)) {
      malformed("connection-specific field \"" + f.name + "\" (RFC 9113 §8.2.2)");
    }
    if (core::EqualsIgnoreCase(f.name, "te") && !core::EqualsIgnoreCase(f.value, "trailers")) {
      malformed("TE other than \"trailers\" (RFC 9113 §8.2.2)");
    }
    req.fields.push_back(f);
  }
  if (!have_method) malformed(":method missing (§8.3.1)");
  req.method = method;
  if (method == "CONNECT") {
    req.target = authority;
    req.target_form = wire::TargetForm::kAuthority;
  } else {
    if (!have_scheme) malformed(":scheme missing (§8.3.1)");
    if (!have_path || path.empty()) malformed(":path missing or empty (§8.3.1)");
    req.target = path.empty() ? "/" : path;
    req.target_form = req.target == "*" ? wire::TargetForm::kAsterisk : wire::TargetForm::kOrigin;
  }
  // RFC 9113 §8.3.1: :authority stands for Host; the routes read Host.
  if (have_authority && core::FindField(req.fields, "host") == nullptr) {
    req.fields.insert(req.fields.begin(), core::Field{"host", authority});
  }
  return out;
}

std::string H2ContentLengthProblem(const wire::Request& request) {
  const core::Field* cl = core::FindField(request.fields, "content-length");
  if (cl == nullptr) return "";
  if (cl->value != std::to_string(request.content.size())) {
    return "content-length " + cl->value + " but " + std::to_string(request.content.size()) +
           " bytes of DATA (RFC 9113 §8.1.1)";
  }
  return "";
}

}  // namespace httpconform::server
