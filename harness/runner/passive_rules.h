// Passive checks: every response the runner sees, whatever the case asked,
// is checked against the rules of its status code from the registry in
// harness/core/status_registry.h (405 carries Allow, 204 carries no content,
// ...). Findings are reported beside the case's own verdict, never instead
// of it, and each names its rule id, level and RFC section.
// Bounds: linear in the heads and diagnostics, no recursion; the findings
// are bounded by the rules and the diagnostic ids (one per rule and head, one
// per diagnostic, which the parser records once per id, with interim heads
// capped), each quoting at most 64 bytes of the server's text.
#ifndef HTTPCONFORM_RUNNER_PASSIVE_RULES_H_
#define HTTPCONFORM_RUNNER_PASSIVE_RULES_H_

#include <string>
#include <vector>

#include "harness/core/message.h"
#include "harness/core/result.h"

namespace httpconform::runner {

/// What the rules need to know about the request a response answers.
struct RequestFacts {
  bool head = false;       ///< HEAD request.
  bool had_range = false;  ///< The request carried a Range field (for 416's rule).
  /// Protocol names the request offered in Upgrade (lowercase, without versions).
  std::vector<std::string> upgrade_offered;
  /// Non-zero: the status of the previous response on the connection, whose
  /// stray content came in front of this response (Exchange::stray_after_status).
  int stray_after_status = 0;
};

/// The protocol names offered by Upgrade fields in `fields`, for RequestFacts.
std::vector<std::string> OfferedProtocols(const core::Fields& fields);

/// True when a status line (final or interim) arrived. A "response" without
/// one is only bytes (RFC 9112 §4: a response begins with its status line).
bool HasStatusLine(const core::Response& response);

/// The rules `response` breaks; `step` is recorded in each finding. None
/// when no status line arrived: there is no status code to hold to rules.
std::vector<core::PassiveFinding> CheckPassiveRules(const core::Response& response,
                                                    const RequestFacts& request, int step);

}  // namespace httpconform::runner

#endif  // HTTPCONFORM_RUNNER_PASSIVE_RULES_H_
