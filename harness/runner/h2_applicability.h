// Which expectations HTTP/2 cannot meet. RFC 9113 §8.2.2 forbids the
// connection-specific fields in HTTP/2 ("An endpoint MUST NOT generate an
// HTTP/2 message containing connection-specific header fields"), so a step
// whose every alternative needs one of them in the response (a 426 or 101
// with Upgrade, a Connection option) asks a question an HTTP/2 server is
// not allowed to answer: the case is skipped over HTTP/2 with that reason,
// never failed.
//
// The converse: a case that judges HTTP/2 diagnostics (h2.*, RFC 9113 §8)
// asks about HTTP/2 framing, which an HTTP/1.1 response does not have; over
// HTTP/1.1 it is skipped, not passed.
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

/// True when an alternative of `alternatives` judges an h2.* diagnostic.
bool JudgesHttp2(const std::vector<core::Expectation>& alternatives);
/// True when a step of `c` judges an h2.* diagnostic: the case is HTTP/2's.
bool IsHttp2Case(const core::Case& c);
/// Why a step that JudgesHttp2 is skipped on a response of `version`.
std::string NotHttp2Reason(const std::string& version);

}  // namespace httpconform::runner

#endif  // HTTPCONFORM_RUNNER_H2_APPLICABILITY_H_
