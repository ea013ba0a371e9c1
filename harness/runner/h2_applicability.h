// Which expectations HTTP/2 cannot meet. RFC 9113 §8.2.2 forbids the
// connection-specific fields in HTTP/2 ("An endpoint MUST NOT generate an
// HTTP/2 message containing connection-specific header fields"), so a step
// whose every alternative needs one of them in the response (a 426 or 101
// with Upgrade, a Connection option) asks a question an HTTP/2 server is
// not allowed to answer: the case is skipped over HTTP/2 with that reason,
// never failed.
#ifndef HTTPCONFORM_RUNNER_H2_APPLICABILITY_H_
#define HTTPCONFORM_RUNNER_H2_APPLICABILITY_H_

#include <optional>
#include <string>
#include <vector>

#include "harness/core/case.h"

namespace httpconform::runner {

/// When every alternative of `alternatives` (at least one) requires a
/// connection-specific field in the response, why the step cannot be
/// judged over HTTP/2; nullopt otherwise.
std::optional<std::string> UnmeetableOverH2(const std::vector<core::Expectation>& alternatives);

}  // namespace httpconform::runner

#endif  // HTTPCONFORM_RUNNER_H2_APPLICABILITY_H_
