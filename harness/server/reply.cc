// Response serialization. The conforming path: "HTTP/1.1 SP 3DIGIT SP
// reason CRLF" (RFC 9112 §4), Date in IMF-fixdate (RFC 9110 §6.6.1,
// §5.6.7), Server, the route's fields, then framing (RFC 9112 §6.3): 1xx, 204
// and 304 end at the header section and carry neither Content-Length nor
// Transfer-Encoding (RFC 9110 §8.6, RFC 9112 §6.1); a response to HEAD has
// the Content-Length GET would have had and no content (RFC 9110 §9.3.2,
// §8.6); 101 hands the connection over; everything else has Content-Length.
#include "harness/server/reply.h"

#include <algorithm>
#include <cstdio>

#include "harness/server/semantics.h"

namespace httpconform::server {
namespace {

std::string ChunkedBody(const std::string& content) {
  std::string out;
  if (!content.empty()) {
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", content.size());
    out += size;
    out += content;
    out += "\r\n";
  }
  out += "0\r\n\r\n";
  return out;
}

}  // namespace

const char* ReasonPhrase(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 101:
      return "Switching Protocols";
    case 103:
      return "Early Hints";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 203:
      return "Non-Authoritative Information";
    case 204:
      return "No Content";
    case 205:
      return "Reset Content";
    case 206:
      return "Partial Content";
    case 300:
      return "Multiple Choices";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 305:
      return "Use Proxy";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 402:
      return "Payment Required";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 407:
      return "Proxy Authentication Required";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 416:
      return "Range Not Satisfiable";
    case 417:
      return "Expectation Failed";
    case 418:
      return "(Unused)";
    case 421:
      return "Misdirected Request";
    case 422:
      return "Unprocessable Content";
    case 425:
      return "Too Early";
    case 426:
      return "Upgrade Required";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 451:
      return "Unavailable For Legal Reasons";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    case 505:
      return "HTTP Version Not Supported";
    case 511:
      return "Network Authentication Required";
    default:
      return "Unknown";
  }
}

void RemoveField(core::Fields& fields, const std::string& name) {
  fields.erase(
      std::remove_if(fields.begin(), fields.end(),
                     [&](const core::Field& f) { return core::EqualsIgnoreCase(f.name, name); }),
      fields.end());
}

std::string Serialize(const Reply& reply, const WireContext& context, const FaultSet& faults) {
  if (reply.no_status_line) return reply.content;
  std::string out;
  for (const Reply& interim : reply.interim) out += Serialize(interim, context, faults);

  const char* eol = faults.Has(Fault::kLfOnly) ? "\n" : "\r\n";
  const int status = reply.status;
  const bool interim = status >= 100 && status < 200;
  std::string code = std::to_string(status);
  if (faults.Has(Fault::kTwoDigitStatus) && !interim) code = std::to_string(status / 10);
  std::string reason = reply.reason.empty() ? ReasonPhrase(status) : reply.reason;
  if (faults.Has(Fault::kReasonWithCtl) && !reason.empty()) reason.insert(1, "\x01");
  out += (reply.version.empty() ? std::string("HTTP/1.1") : reply.version) + " " + code;
  // status-line-missing-sp (cases-wire): no SP and no reason after the code.
  if (!faults.Has(Fault::kStatusLineMissingSp)) out += " " + reason;
  out += eol;
  // indented-first-field: whitespace between the start-line and the first
  // field line (RFC 9112 §2.2 MUST NOT).
  if (faults.Has(Fault::kIndentedFirstField)) out += std::string(" X-Indented: 1") + eol;

  auto field = [&](const std::string& name, const std::string& value) {
    out += name + ": " + value + eol;
  };
  if (!faults.Has(Fault::kNoDate)) {
    std::string date = faults.Has(Fault::kDateInvalidFormat) ? FormatRfc850Date(context.now)
                                                             : FormatHttpDate(context.now);
    // RFC 9110 §5.6.7: no whitespace beyond the grammar's single SPs.
    if (faults.Has(Fault::kDateExtraSpace)) date.insert(4, " ");
    field("Date", date);
    // RFC 9110 §5.3: Date is a singleton field, one field line.
    if (faults.Has(Fault::kDuplicateDate)) field("Date", date);
  }
  if (faults.Has(Fault::kSpaceBeforeColon)) {
    out += std::string("Server : httpconform-reference") + eol;
  } else if (faults.Has(Fault::kBareCrInField)) {
    out += std::string("Server: httpconform-\rreference") + eol;  // RFC 9112 §2.2: no bare CR.
  } else if (faults.Has(Fault::kObsFold)) {
    out += std::string("Server: httpconform-") + eol + " reference" + eol;
  } else if (faults.Has(Fault::kServerCommentQuotedPair)) {
    // RFC 9110 §5.6.4: a quoted-pair in a comment only for "(", ")" and "\\".
    field("Server", "httpconform-reference (test\\-build)");
  } else {
    field("Server", "httpconform-reference");
  }

  // Connection options: merged into one field with any the route set (e.g.
  // "Upgrade"), since a recipient combines them anyway (RFC 9110 §7.6.1).
  std::vector<std::string> options;
  for (const core::Field& f : reply.fields) {
    if (core::EqualsIgnoreCase(f.name, "Connection")) options.push_back(f.value);
  }
  if (!interim) {
    if (reply.close && !reply.omit_close_option) options.push_back("close");
    // RFC 9110 §7.6.1: Keep-Alive is about this connection, so its name is a
    // connection option.
    if (!reply.close && reply.keep_alive_option) {
      if (!faults.Has(Fault::kKeepAliveNotListed)) options.push_back("keep-alive");
      field("Keep-Alive", "timeout=5");
    }
    // RFC 9110 §7.6.1: never an end-to-end field as a connection option.
    if (faults.Has(Fault::kConnectionListsEndToEnd)) options.push_back("Cache-Control");
  }
  for (const core::Field& f : reply.fields) {
    if (core::EqualsIgnoreCase(f.name, "Connection")) continue;
    // RFC 9110 §8.8.2.1: Last-Modified is never later than Date; the fault
    // dates it a day after.
    if (faults.Has(Fault::kLastModifiedAfterDate) &&
        core::EqualsIgnoreCase(f.name, "Last-Modified")) {
      field(f.name, FormatHttpDate(context.now + 86400));
      continue;
    }
    field(f.name, f.value);
  }
  if (!options.empty()) {
    std::string joined;
    for (const std::string& o : options) joined += (joined.empty() ? "" : ", ") + o;
    field("Connection", joined);
  }

  std::string content;
  // cases-status fault: 4xx/5xx without the explanation §15.5/§15.6 ask for.
  const bool drop_explanation =
      faults.Has(Fault::kErrorWithoutContent) && status >= 400 && !context.head_request;
  const std::string length = std::to_string(drop_explanation ? 0 : reply.content.size());
  if (interim) {
    // 1xx: header section only (RFC 9110 §15.2).
  } else if (status == 204) {
    // RFC 9110 §8.6: MUST NOT send Content-Length in a 204; §15.3.5: no content.
    if (faults.Has(Fault::kContentLengthOn204)) field("Content-Length", "0");
    if (faults.Has(Fault::kTransferEncodingOn204)) field("Transfer-Encoding", "chunked");
    if (faults.Has(Fault::kContentOn204)) content = "unexpected content\n";
  } else if (status == 304) {
    // RFC 9110 §8.6: Content-Length in a 304 only if equal to the 200's.
    if (faults.Has(Fault::k304WithContentLengthMismatch)) field("Content-Length", "0");
    if (faults.Has(Fault::kBodyOn304)) content = reply.content;
  } else if (context.head_request) {
    field("Content-Length", faults.Has(Fault::kHeadContentLengthMismatch) ? "0" : length);
    if (faults.Has(Fault::kHeadWithContent)) content = reply.content;
  } else if (reply.upgrade) {
    // The bytes after a 101 belong to the new protocol.
  } else if (faults.Has(Fault::kClAndTe)) {
    field("Content-Length", length);
    field("Transfer-Encoding", "chunked");
    content = ChunkedBody(reply.content);
  } else if (faults.Has(Fault::kChunkedToHttp10) && context.http10) {
    field("Transfer-Encoding", "chunked");
    content = ChunkedBody(reply.content);
  } else if (reply.close_delimited) {
    content = reply.content;  // close-delimited fault: the close ends it.
  } else {
    field("Content-Length", length);
    if (!drop_explanation) content = reply.content;
  }
  out += eol;
  out += content;
  for (const Reply& late : reply.after) out += Serialize(late, context, faults);
  return out;
}

Reply Simple(int status, std::string text) {
  Reply r;
  r.status = status;
  r.content = text.empty() ? std::to_string(status) + " " + ReasonPhrase(status) + "\n" : text;
  AddField(r.fields, "Content-Type", "text/plain; charset=utf-8");
  return r;
}

}  // namespace httpconform::server
