// A response as the routes build it, and its serialization to bytes. Routes
// describe semantics (status, fields, the representation); Serialize() owns
// everything about the wire: the status line, Date and Server, Connection,
// and message framing per RFC 9112 §6 (no content for 1xx/204/304 and HEAD,
// Content-Length otherwise). Wire-level faults are applied here and only
// here, so each of them changes exactly one thing about the bytes.
#ifndef HTTPCONFORM_SERVER_REPLY_H_
#define HTTPCONFORM_SERVER_REPLY_H_

#include <ctime>
#include <string>
#include <vector>

#include "harness/core/message.h"
#include "harness/server/faults.h"

namespace httpconform::server {

/// A response before serialization.
struct Reply {
  int status = 200;
  std::string reason;   ///< Empty: the standard reason phrase.
  core::Fields fields;  ///< Without Date, Server, Content-Length, Connection: close.
  /// The content; for 304 and HEAD, what a 200 to GET would carry (only
  /// framing fields and faults use it there).
  std::string content;
  bool close = false;              ///< Close the connection after sending.
  bool omit_close_option = false;  ///< Close without "Connection: close" (a fault).
  bool keep_alive_option = false;  ///< "Connection: keep-alive" (HTTP/1.0 persistence).
  bool upgrade = false;            ///< 101: the connection leaves HTTP after the head.
  bool no_status_line = false;     ///< The content alone, HTTP/0.9-style (a fault).
  bool close_delimited = false;    ///< No Content-Length: the close ends the content (a fault).
  std::string version;             ///< Status-line version; empty: "HTTP/1.1".
  std::vector<Reply> interim;      ///< 1xx responses sent before this one.
  std::vector<Reply> after;        ///< 1xx responses sent after this one (faults only).
};

/// What the serializer must know about the request being answered.
struct WireContext {
  bool head_request = false;  ///< HEAD: no content (RFC 9110 §9.3.2).
  bool http10 = false;        ///< The request was HTTP/1.0 (no chunked, RFC 9112 §6.1).
  std::time_t now = 0;        ///< For Date.
};

/// The standard reason phrase of `status` (RFC 9110 §15), or "Unknown".
const char* ReasonPhrase(int status);

/// Serializes `reply` (its interim responses first, then `after`).
std::string Serialize(const Reply& reply, const WireContext& context, const FaultSet& faults);

/// Appends a field.
inline void AddField(core::Fields& fields, std::string name, std::string value) {
  fields.push_back(core::Field{std::move(name), std::move(value)});
}

/// A plain-text reply: `text`, or "STATUS Reason" when it is empty.
Reply Simple(int status, std::string text = "");

/// Removes every field named `name` (case-insensitive).
void RemoveField(core::Fields& fields, const std::string& name);

}  // namespace httpconform::server

#endif  // HTTPCONFORM_SERVER_REPLY_H_
