// A route's Reply as HTTP/2 header blocks and DATA (RFC 9113 §8), the
// HTTP/2 counterpart of Serialize() in reply.h. Pure: no nghttp2, no
// sockets, so each rule and each h2-* fault is testable on its own.
//
// The conforming path: every interim Reply becomes a header block of its
// own (":status" first); the final block is ":status", date, server, the
// route's fields with lowercase names (§8.2.1) and without the
// connection-specific ones (§8.2.2: Connection, Keep-Alive,
// Proxy-Connection, Transfer-Encoding, Upgrade), then content-length equal
// to the DATA sent (§8.1.1), or, for HEAD, to what GET would send (RFC 9110
// §9.3.2). 1xx, 204 and 304 carry neither content-length nor DATA, a HEAD
// response no DATA. 101 is never sent (§8.6): a route's upgrade answer
// becomes the final response without it.
#ifndef HTTPCONFORM_SERVER_H2_REPLY_H_
#define HTTPCONFORM_SERVER_H2_REPLY_H_

#include <ctime>
#include <string>
#include <vector>

#include "harness/core/message.h"
#include "harness/server/faults.h"
#include "harness/server/reply.h"

namespace httpconform::server {

/// One response on an HTTP/2 stream, ready for the session to submit.
struct H2Response {
  std::vector<core::Fields> interim;  ///< 1xx header blocks, in order.
  core::Fields head;                  ///< The final header block, pseudo-header included.
  std::string data;                   ///< The DATA payload; empty: END_STREAM on the head.
};

/// True for the field names RFC 9113 §8.2.2 calls connection-specific.
bool IsH2ConnectionSpecific(const std::string& name);

/// `reply` as HTTP/2 (see the file comment); `head_request` for HEAD.
H2Response BuildH2Response(const Reply& reply, bool head_request, std::time_t now,
                           const FaultSet& faults);

}  // namespace httpconform::server

#endif  // HTTPCONFORM_SERVER_H2_REPLY_H_
