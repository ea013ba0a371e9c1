// The reference server's one content coding: gzip (RFC 9110 §8.4.1.3), one
// gzip member (RFC 1952) made by zlib. Also whether a request's
// Accept-Encoding accepts gzip (§12.5.3). Pure functions, tested in
// content_coding_test.cc.
#ifndef HTTPCONFORM_SERVER_CONTENT_CODING_H_
#define HTTPCONFORM_SERVER_CONTENT_CODING_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "harness/core/message.h"

namespace httpconform::server {

/// `data` as one gzip member (empty only if zlib fails, which it does not
/// for in-memory input).
std::string Gzip(std::string_view data);

/// True when the request's Accept-Encoding lists gzip, x-gzip or "*" with a
/// weight above zero (§12.5.3: "x-gzip" is an alias, §8.4.1.3).
bool AcceptsGzip(const core::Fields& fields);

}  // namespace httpconform::server

#endif  // HTTPCONFORM_SERVER_CONTENT_CODING_H_
