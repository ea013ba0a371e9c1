// The "build" stage of a step; see step_request.h.
#include "harness/runner/step_request.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "harness/core/template.h"

namespace httpconform::runner {
namespace {

core::Expected<std::string> Sub(const std::string& tmpl, const Scope& scope) {
  return core::Substitute(tmpl, scope.Lookup());
}

bool HasField(const core::Fields& fields, const char* name) {
  return core::FindField(fields, name) != nullptr;
}

}  // namespace

core::Expected<transport::OutgoingRequest> BuildRequest(const core::RequestSpec& spec,
                                                        const Scope& scope,
                                                        const RunOptions& options, int timeout_ms) {
  transport::OutgoingRequest out;
  out.raw = spec.raw;
  out.reuse_connection = spec.reuse_connection;
  out.half_close = spec.half_close;
  out.timeout_ms = timeout_ms;
  if (spec.raw) {
    for (const core::RawSegment& seg : spec.segments) {
      core::Expected<std::string> bytes = Sub(seg.bytes, scope);
      if (!bytes) return bytes.error();
      core::RawSegment s = seg;
      s.bytes = std::move(*bytes);
      out.segments.push_back(std::move(s));
    }
    out.head_request =
        !out.segments.empty() && out.segments.front().bytes.compare(0, 5, "HEAD ") == 0;
    return out;
  }
  core::Expected<std::string> method = Sub(spec.method, scope);
  if (!method) return method.error();
  core::Expected<std::string> target = Sub(spec.target, scope);
  if (!target) return target.error();
  out.method = std::move(*method);
  out.target = std::move(*target);
  out.head_request = out.method == "HEAD";
  for (const core::Field& f : spec.headers) {
    core::Expected<std::string> v = Sub(f.value, scope);
    if (!v) return v.error();
    out.headers.push_back({f.name, std::move(*v)});
  }
  if (spec.body) {
    core::Expected<std::string> body = Sub(*spec.body, scope);
    if (!body) return body.error();
    out.body = std::move(*body);
  }
  if (spec.default_headers) {
    core::Fields defaults;
    if (!HasField(out.headers, "Host")) defaults.push_back({"Host", *scope.Find("authority")});
    if (!HasField(out.headers, "User-Agent"))
      defaults.push_back({"User-Agent", options.user_agent});
    out.headers.insert(out.headers.begin(), defaults.begin(), defaults.end());
    if (out.body && !HasField(out.headers, "Content-Length") &&
        !HasField(out.headers, "Transfer-Encoding")) {
      out.headers.push_back({"Content-Length", std::to_string(out.body->size())});
    }
  }
  out.continue_wait_ms = spec.continue_wait_ms;
  return out;
}

bool MentionsConnection(const std::vector<core::Expectation>& alternatives) {
  for (const core::Expectation& e : alternatives) {
    if (e.connection_closed) return true;
  }
  return false;
}

// The request fields passive rules depend on; for raw requests they are
// read from the bytes of the head (field lines up to the first empty line).
RequestFacts FactsFor(const transport::OutgoingRequest& request) {
  core::Fields fields = request.headers;
  if (request.raw) {
    std::string bytes;
    for (const core::RawSegment& seg : request.segments) bytes += seg.bytes;
    // One pass over views of the head: each line and value is trimmed by
    // moving a start index, and only names and values are copied.
    const std::string_view head(bytes);
    std::size_t start = head.find('\n');
    while (start != std::string_view::npos && start + 1 < head.size()) {
      const std::size_t end = head.find('\n', start + 1);
      std::string_view line = head.substr(
          start + 1, end == std::string_view::npos ? std::string_view::npos : end - start - 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) break;
      const std::size_t colon = line.find(':');
      if (colon != std::string_view::npos) {
        std::size_t v = colon + 1;
        while (v < line.size() && (line[v] == ' ' || line[v] == '\t')) ++v;
        fields.push_back({std::string(line.substr(0, colon)), std::string(line.substr(v))});
      }
      start = end;
    }
  }
  RequestFacts facts;
  facts.head = request.head_request;
  facts.had_range = core::FindField(fields, "Range") != nullptr;
  facts.upgrade_offered = OfferedProtocols(fields);
  return facts;
}

bool ExpectsClose(const std::vector<core::Expectation>& alternatives) {
  for (const core::Expectation& e : alternatives) {
    if (e.connection_closed && *e.connection_closed) return true;
  }
  return false;
}

// A step that reuses the connection and sends nothing: it reads a response
// the previous step's bytes asked for (pipelining), which may still be on
// its way, so no request may go out in between.
bool ReadsPendingResponse(const core::Step* next) {
  if (next == nullptr || !next->request.reuse_connection || !next->request.raw) return false;
  for (const core::RawSegment& seg : next->request.segments) {
    if (!seg.bytes.empty()) return false;
  }
  return true;
}

// The request sent to settle whether the server kept the connection open
// after a step's response: a GET (safe, RFC 9110 §9.2.1, and with content
// framed like any response, unlike HEAD whose answer a server might wrongly
// follow with content) of the step's own resource, else of the target URL's
// path. Whatever it returns, a response proves the connection was still open
// (RFC 9112 §9.3), and a server that closes the connection or said "close"
// does not answer it (§9.6: "MUST NOT process any further requests"), so the
// verdict is the one a wait would give, without the wait. Its answer is read
// whole by the transport, so a later step on the connection starts clean.
std::string ProbeRequestFor(const transport::OutgoingRequest& request, const Scope& scope,
                            const RunOptions& options) {
  std::string target = *scope.Find("path");
  const bool plain = std::all_of(request.target.begin(), request.target.end(),
                                 [](char ch) { return ch > ' ' && ch < 0x7f; });
  if (!request.raw && plain && !request.target.empty() && request.target.front() == '/') {
    target = request.target;
  }
  return "GET " + target + " HTTP/1.1\r\nHost: " + *scope.Find("authority") +
         "\r\nUser-Agent: " + options.user_agent + "\r\n\r\n";
}

}  // namespace httpconform::runner
