// Pure helpers for the semantics the reference server implements: HTTP-dates
// (from core/http_date.h), entity tags and
// their two comparison functions (§8.8.3), and the byte Range header (§14.1,
// §14.2), dot-segment removal (§4.2.3), the request fields the server
// recognizes (§5.1) and whether Accept allows text/plain (§12.5.1). They take
// strings and return values, never see a socket, and are
// tested by tables in semantics_test.cc.
#ifndef HTTPCONFORM_SERVER_SEMANTICS_H_
#define HTTPCONFORM_SERVER_SEMANTICS_H_

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/core/http_date.h"
#include "harness/core/message.h"

namespace httpconform::server {

// HTTP-dates live in core (the runner's passive rules read them too).
using core::FormatHttpDate;
using core::FormatRfc850Date;
using core::ParseHttpDate;

/// An entity tag (RFC 9110 §8.8.3): opaque-tag keeps its quotes.
struct EntityTag {
  bool weak = false;
  std::string opaque;  ///< e.g. "\"abc\"".
};

/// Parses one entity-tag; nullopt when the syntax is invalid.
std::optional<EntityTag> ParseEntityTag(std::string_view text);
/// Strong comparison: both strong and identical opaque tags (§8.8.3.2).
bool StrongMatch(const EntityTag& a, const EntityTag& b);
/// Weak comparison: identical opaque tags, either may be weak (§8.8.3.2).
bool WeakMatch(const EntityTag& a, const EntityTag& b);

/// If-Match / If-None-Match value: "*" or a list of entity tags. Returns true
/// when `current` matches any member under the given comparison; unparsable
/// members never match.
bool EntityTagListMatches(const std::vector<std::string>& members, const EntityTag& current,
                          bool strong);

/// One satisfiable byte range, inclusive, already clipped to the length.
struct ByteRange {
  std::uint64_t first = 0;
  std::uint64_t last = 0;
};

/// What a Range field value means for a representation of a given length.
struct RangeRequest {
  enum class Kind {
    kUnknownUnit,    ///< Not "bytes": an origin server MUST ignore it (§14.2).
    kInvalid,        ///< Invalid ranges-specifier: we ignore it (§14.2 MAY).
    kUnsatisfiable,  ///< Valid, but no range overlaps the representation (§14.1.1).
    kSatisfiable,    ///< At least one satisfiable range, in `ranges`.
  };
  Kind kind = Kind::kInvalid;
  std::vector<ByteRange> ranges;  ///< Satisfiable ranges in request order.
};

/// Parses a Range field value against a representation of `length` bytes.
RangeRequest ParseRange(std::string_view value, std::uint64_t length);

/// The path with its dot segments removed (RFC 3986 §5.2.4), as URI
/// normalization does (RFC 9110 §4.2.3): "/./a/../b" -> "/b".
std::string RemoveDotSegments(std::string_view path);

/// Whether text/plain is acceptable under the Accept fields (RFC 9110
/// §12.5.1): the most specific matching media range decides its qvalue; no
/// Accept means anything goes.
bool AcceptsTextPlain(const core::Fields& fields);

/// True for the request fields the reference server recognizes (RFC 9110
/// and the companions it implements), case-insensitively.
bool IsRecognizedRequestField(std::string_view name);

}  // namespace httpconform::server

#endif  // HTTPCONFORM_SERVER_SEMANTICS_H_
