// What an intermediary changes in a message it forwards (RFC 9110 §7.6), as
// pure functions over fields, so the reference gateway's rules are tested
// without sockets: the fields named by Connection and Connection itself are
// removed (§7.6.1), the fields known to be hop-by-hop too (Proxy-Connection,
// Keep-Alive, TE, Transfer-Encoding, Upgrade), Max-Forwards of TRACE and
// OPTIONS is checked and decremented (§7.6.2), and Via gets the gateway's
// member appended (§7.6.3). Content-Length goes too: the gateway frames what
// it forwards itself. Each gateway fault is one `if` here or in gateway.cc.
#ifndef HTTPCONFORM_PROXY_FORWARDING_H_
#define HTTPCONFORM_PROXY_FORWARDING_H_

#include <optional>
#include <set>
#include <string>

#include "harness/core/message.h"
#include "harness/proxy/gateway_faults.h"
#include "harness/wire/request_parser.h"

namespace httpconform::proxy {

/// The connection options a message's Connection fields list, lower-cased.
std::set<std::string> ConnectionOptions(const core::Fields& fields);

/// `fields` as forwarded; `response`: of a response (the faults that name a
/// direction apply to theirs).
core::Fields ForwardFields(const core::Fields& fields, bool response,
                           const GatewayFaultSet& faults);

/// An HTTP/1.1 request head with a 100-continue expectation and content to
/// come (RFC 9110 §10.1.1; an HTTP/1.0 request's expectation is ignored).
bool ExpectsContinue(const wire::Request& head);

/// What Max-Forwards says of a request (§7.6.2).
struct MaxForwards {
  bool answer_here = false;          ///< TRACE/OPTIONS with 0: the gateway answers.
  std::optional<std::string> value;  ///< The value to forward; nullopt: as received.
};
MaxForwards CheckMaxForwards(const std::string& method, const core::Fields& fields,
                             const GatewayFaultSet& faults);

/// Appends the gateway's Via member for a message received as `version`
/// ("HTTP/1.1" -> "1.1 httpconform") after the received ones.
void AppendVia(core::Fields* fields, const std::string& version, const GatewayFaultSet& faults);

}  // namespace httpconform::proxy

#endif  // HTTPCONFORM_PROXY_FORWARDING_H_
