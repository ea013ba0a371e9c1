// Helpers of the reference-server faults that need more than one line: each
// rewrites a request head or a reply the way one broken server would, and is
// called from a single `if` at the place where the rule it breaks is applied
// (routes.cc, representations.cc, reference_server.cc). Nothing here runs on
// a clean server.
#ifndef HTTPCONFORM_SERVER_FAULT_REWRITES_H_
#define HTTPCONFORM_SERVER_FAULT_REWRITES_H_

#include <optional>
#include <string>
#include <vector>

#include "harness/server/reply.h"
#include "harness/wire/request_parser.h"

namespace httpconform::server {

/// The lines of a request head, each with its line ending (what the head
/// rewrites here and in reference_server.cc work on).
std::vector<std::string> HeadLines(const std::string& head);

/// content-length-list-summed: "Content-Length: 5, 5" becomes
/// "Content-Length: 10" (RFC 9112 §6.3 says: processed as 5).
void SumContentLengthListForFault(std::string& head);

/// ignore-te-parameters: drops the parameters of each transfer coding, so
/// "chunked;foo=bar" reads as "chunked" (RFC 9112 §7.1: treat as an error).
void StripTeParametersForFault(std::string& head);

/// range-numerals-wrap: each decimal numeral of a Range value reduced modulo
/// 2^64, as an unchecked integer conversion would (RFC 9110 §14.1.2).
std::string WrapRangeNumeralsForFault(const std::string& value);

/// range-on-post: cuts the reply's content to the request's single byte
/// range and makes it a 206 (RFC 9110 §14.2: Range is for GET only).
void ApplyRangeToContentForFault(const wire::Request& req, Reply& reply);

/// content-range-on-post: places the content at the position Content-Range
/// names inside a zero-filled representation of its complete length
/// (RFC 9110 §14.4: ignored for methods without Content-Range support).
void PlaceContentRangePartForFault(const wire::Request& req, Reply& reply);

/// ims-without-modification-date / ius-without-modification-date: for a
/// resource without a modification date, compares If-Modified-Since and
/// If-Unmodified-Since (each under its fault) with the current time, as if
/// it had been modified now: 304 or 412, or nullopt (RFC 9110 §13.1.3,
/// §13.1.4: both MUST be ignored there). Nothing without the faults.
std::optional<Reply> DateConditionsWithoutDateForFault(const wire::Request& req,
                                                       const FaultSet& faults);

/// True when an authority-form target ends in ":port" with a port in
/// 0..65535 (what connect-invalid-port-accepted fails to check, RFC 9110
/// §9.3.6).
bool HasValidPort(const std::string& authority);

}  // namespace httpconform::server

#endif  // HTTPCONFORM_SERVER_FAULT_REWRITES_H_
