// HTTP/2 header blocks from a Reply (see h2_reply.h). Each h2-* fault that
// concerns the response is one `if` here, next to the rule it breaks.
#include "harness/server/h2_reply.h"

#include "harness/server/semantics.h"

namespace httpconform::server {
namespace {

std::string Lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// A 1xx block: ":status" and the route's fields, names lowercased.
core::Fields InterimBlock(const Reply& interim, const FaultSet& faults) {
  core::Fields block{{":status", std::to_string(interim.status)}};
  for (const core::Field& f : interim.fields) {
    if (IsH2ConnectionSpecific(f.name)) continue;
    block.push_back({faults.Has(Fault::kH2UppercaseName) ? f.name : Lower(f.name), f.value});
  }
  return block;
}

}  // namespace

bool IsH2ConnectionSpecific(const std::string& name) {
  for (const char* n :
       {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade"}) {
    if (core::EqualsIgnoreCase(name, n)) return true;
  }
  return false;
}

H2Response BuildH2Response(const Reply& reply, bool head_request, std::time_t now,
                           const FaultSet& faults) {
  H2Response out;
  // RFC 9113 §8.6: "The 101 (Switching Protocols) status code ... MUST NOT
  // be used"; the fault sends one anyway, first.
  if (faults.Has(Fault::kH2Status101)) out.interim.push_back({{":status", "101"}});
  for (const Reply& interim : reply.interim) {
    if (interim.status == 101) continue;  // §8.6, as above.
    out.interim.push_back(InterimBlock(interim, faults));
  }
  // A route that would switch protocols answers over HTTP/2 with what it
  // would have said without the upgrade: nothing HTTP/2 can switch to.
  const int status = reply.status == 101 ? 400 : reply.status;
  const std::string code = std::to_string(status);
  core::Fields& head = out.head;
  const std::string date = FormatHttpDate(now);
  // RFC 9113 §8.3: pseudo-header fields come before regular ones, and
  // :status is sent once; the faults move or repeat it.
  if (faults.Has(Fault::kH2StatusNotFirst)) head.push_back({"date", date});
  head.push_back({":status", code});
  if (faults.Has(Fault::kH2StatusRepeated)) head.push_back({":status", code});
  if (!faults.Has(Fault::kH2StatusNotFirst)) head.push_back({"date", date});
  head.push_back({"server", "httpconform-reference"});
  const bool upper = faults.Has(Fault::kH2UppercaseName);
  for (const core::Field& f : reply.fields) {
    // RFC 9113 §8.2.2: connection-specific fields are not sent; framing is
    // ours, so a route's content-length is replaced by the one we compute.
    if (IsH2ConnectionSpecific(f.name) || core::EqualsIgnoreCase(f.name, "content-length")) {
      continue;
    }
    // RFC 9113 §8.2.1: field names MUST be lowercase.
    head.push_back({upper ? f.name : Lower(f.name), f.value});
  }
  if (faults.Has(Fault::kH2ConnectionField)) head.push_back({"connection", "keep-alive"});
  if (faults.Has(Fault::kH2TransferEncodingField)) {
    head.push_back({"transfer-encoding", "identity"});
  }
  const bool no_content = status == 204 || status == 304 || (status >= 100 && status < 200);
  if (!no_content) {
    // RFC 9113 §8.1.1: content-length equals the DATA sent (for HEAD, what
    // GET would send, RFC 9110 §9.3.2).
    std::size_t length = reply.content.size();
    if (faults.Has(Fault::kH2ContentLengthMismatch) && !head_request) ++length;
    head.push_back({upper ? "Content-Length" : "content-length", std::to_string(length)});
  }
  if (!no_content && !head_request) out.data = reply.content;
  // RFC 9110 §9.3.2, §15.3.5, §15.4.5: no content in a response to HEAD,
  // nor in a 204 or 304; the fault sends the representation as DATA.
  if ((no_content || head_request) && faults.Has(Fault::kH2DataWithoutContent)) {
    out.data = reply.content.empty() ? "unexpected content\n" : reply.content;
  }
  return out;
}

}  // namespace httpconform::server
