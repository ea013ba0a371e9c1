// Captures: values a step saves from its response for later steps, as
// "${name}" (docs/case-format.md). A capture reads the status, the combined
// value of a header field, or the first match of a regex in a header field's
// first value or in the content: group 1 when the pattern has one, else the
// whole match.
//
// Bounds: a regex runs once over at most the content the transport kept
// (transport.h max_content_bytes, 8 MiB by default) or one field value, in
// time linear in those bytes and with no recursion over them (RE2,
// harness/pattern); each pattern is compiled once per process. A captured
// value is a copy of at most the bytes searched.
#ifndef HTTPCONFORM_RUNNER_CAPTURES_H_
#define HTTPCONFORM_RUNNER_CAPTURES_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "harness/core/case.h"
#include "harness/core/message.h"

namespace httpconform::runner {

/// What `capture` takes from `response`; nullopt when it finds nothing (no
/// such field, no match, or an invalid pattern).
std::optional<std::string> CaptureValue(const core::Capture& capture,
                                        const core::Response& response);

/// Applies `captures` in order, calling `set(name, value)` for each; stops at
/// the first that finds nothing and returns its name ("" when all found
/// something). Without a response, the first capture finds nothing.
std::string ApplyCaptures(const std::vector<core::Capture>& captures,
                          const core::Response* response,
                          const std::function<void(const std::string&, const std::string&)>& set);

}  // namespace httpconform::runner

#endif  // HTTPCONFORM_RUNNER_CAPTURES_H_
