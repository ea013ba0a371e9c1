// Conditional requests at the reference server (RFC 9110 §13): the
// preconditions of a request evaluated in the §13.2.2 order, with the faults
// that break one rule of that evaluation each -- a field never evaluated, a
// comparison function swapped, a form of the field misread, a method or an
// order the rules do not allow. routes.cc calls it for every representation.
#ifndef HTTPCONFORM_SERVER_PRECONDITIONS_H_
#define HTTPCONFORM_SERVER_PRECONDITIONS_H_

#include <ctime>
#include <optional>
#include <string>

#include "harness/server/routes.h"
#include "harness/server/semantics.h"
#include "harness/wire/request_parser.h"

namespace httpconform::server {

/// What the preconditions decide: go on with the method, 304, or 412.
enum class Precondition { kProceed, kNotModified, kFailed };

/// An HTTP-date in a conditional field (If-Modified-Since,
/// If-Unmodified-Since, If-Range): any of the three formats of §5.6.7
/// (imf-fixdate-only: the preferred one only); nullopt when invalid.
std::optional<std::time_t> ConditionalDate(const std::string& text, const RouteContext& c);

/// Steps 1-4 of §13.2.2 for the selected representation (`etag`,
/// `last_modified`); step 5, If-Range, belongs to range handling.
Precondition EvaluatePreconditions(const wire::Request& req, const EntityTag& etag,
                                   std::time_t last_modified, const RouteContext& c);

}  // namespace httpconform::server

#endif  // HTTPCONFORM_SERVER_PRECONDITIONS_H_
