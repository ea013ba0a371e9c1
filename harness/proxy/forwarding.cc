#include "harness/proxy/forwarding.h"

#include <algorithm>
#include <cctype>

namespace httpconform::proxy {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Fields §7.6.1 names as "known to require removal before forwarding".
bool IsKnownHopByHop(const std::string& lower_name) {
  return lower_name == "proxy-connection" || lower_name == "keep-alive" || lower_name == "te" ||
         lower_name == "upgrade";
}

}  // namespace

std::set<std::string> ConnectionOptions(const core::Fields& fields) {
  std::set<std::string> out;
  for (const std::string& m : core::FieldListMembers(fields, "Connection")) out.insert(Lower(m));
  return out;
}

core::Fields ForwardFields(const core::Fields& fields, bool response,
                           const GatewayFaultSet& faults) {
  std::set<std::string> options;
  std::set<std::string> options_as_sent;  // For the case-sensitive fault only.
  for (const std::string& m : core::FieldListMembers(fields, "Connection")) {
    options.insert(Lower(m));
    options_as_sent.insert(m);
    if (faults.Has(GatewayFault::kConnectionFirstOptionOnly)) break;
  }
  const bool case_sensitive = faults.Has(GatewayFault::kConnectionOptionsCaseSensitive);
  const bool keep_listed = response ? faults.Has(GatewayFault::kForwardResponseConnectionListed)
                                    : faults.Has(GatewayFault::kForwardConnectionListed);
  core::Fields out;
  for (const core::Field& f : fields) {
    const std::string name = Lower(f.name);
    // Framing is the gateway's own (it forwards content with Content-Length).
    if ((name == "content-length" || name == "transfer-encoding") &&
        !faults.Has(GatewayFault::kForwardFramingFields)) {
      continue;
    }
    if (name == "connection" && !faults.Has(GatewayFault::kForwardConnection)) continue;
    if (IsKnownHopByHop(name) && !faults.Has(GatewayFault::kForwardHopByHop)) continue;
    const bool listed =
        case_sensitive ? options_as_sent.count(f.name) > 0 : options.count(name) > 0;
    if (listed && name != "connection" && !keep_listed) continue;
    out.push_back(f);
  }
  return out;
}

bool ExpectsContinue(const wire::Request& head) {
  if (head.version != "HTTP/1.1") return false;  // §10.1.1: HTTP/1.0 ignores it.
  bool expect = false;
  for (const std::string& m : core::FieldListMembers(head.fields, "Expect")) {
    if (core::EqualsIgnoreCase(m, "100-continue")) expect = true;
  }
  const core::Field* cl = core::FindField(head.fields, "Content-Length");
  return expect && (head.chunked || (cl != nullptr && cl->value != "0"));
}

MaxForwards CheckMaxForwards(const std::string& method, const core::Fields& fields,
                             const GatewayFaultSet& faults) {
  MaxForwards out;
  if (method != "TRACE" && method != "OPTIONS") return out;  // §7.6.2: MAY ignore it otherwise.
  const core::Field* f = core::FindField(fields, "Max-Forwards");
  if (f == nullptr || f->value.empty() || f->value.size() > 9 ||
      !std::all_of(f->value.begin(), f->value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return out;  // Absent or not 1*DIGIT: forwarded as received.
  }
  const long value = std::stol(f->value);
  if (value == 0) {
    out.answer_here = !faults.Has(GatewayFault::kForwardMaxForwardsZero);
    return out;
  }
  if (faults.Has(GatewayFault::kMaxForwardsUnchanged)) return out;
  const long floor = faults.Has(GatewayFault::kMaxForwardsFloorOne) ? 1 : 0;
  out.value = std::to_string(std::max(value - 1, floor));
  return out;
}

void AppendVia(core::Fields* fields, const std::string& version, const GatewayFaultSet& faults) {
  if (faults.Has(GatewayFault::kNoVia)) return;
  if (faults.Has(GatewayFault::kViaReplaced)) {
    fields->erase(
        std::remove_if(fields->begin(), fields->end(),
                       [](const core::Field& f) { return core::EqualsIgnoreCase(f.name, "Via"); }),
        fields->end());
  }
  // received-protocol: the version the message came in with, without "HTTP/".
  std::string protocol = version.rfind("HTTP/", 0) == 0 ? version.substr(5) : version;
  if (faults.Has(GatewayFault::kViaWrongProtocol)) protocol = "1.0";
  fields->push_back({"Via", (protocol.empty() ? "1.1" : protocol) + " httpconform"});
}

}  // namespace httpconform::proxy
