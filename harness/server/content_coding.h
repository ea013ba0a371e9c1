// The reference server's one content coding: gzip (RFC 9110 §8.4.1.3), made
// with deflate's stored blocks (RFC 1951 §3.2.4) so that no compression
// library is needed: the content is not smaller, but it is a valid gzip
// member (RFC 1952) that any decoder reads, which is all the cases on content
// codings need. Also whether a request's Accept-Encoding accepts gzip
// (§12.5.3). Pure functions, tested in content_coding_test.cc.
#ifndef HTTPCONFORM_SERVER_CONTENT_CODING_H_
#define HTTPCONFORM_SERVER_CONTENT_CODING_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "harness/core/message.h"

namespace httpconform::server {

/// CRC-32 of `data` as gzip's trailer carries it (RFC 1952 §8).
std::uint32_t Crc32(std::string_view data);

/// `data` as one gzip member of stored deflate blocks.
std::string GzipStored(std::string_view data);

/// True when the request's Accept-Encoding lists gzip, x-gzip or "*" with a
/// weight above zero (§12.5.3: "x-gzip" is an alias, §8.4.1.3).
bool AcceptsGzip(const core::Fields& fields);

}  // namespace httpconform::server

#endif  // HTTPCONFORM_SERVER_CONTENT_CODING_H_
