// What `replay` says about the exchange it just had, next to the one the
// report recorded: the same requests (bytes), the same status, the same key
// fields, the same content (size and SHA-256 digest)? Each difference is
// one line, so "reproduced" is only said of a failure seen again on the same
// exchange, and a verdict that held on different bytes is said to differ.
#ifndef HTTPCONFORM_CLI_REPLAY_COMPARE_H_
#define HTTPCONFORM_CLI_REPLAY_COMPARE_H_

#include <string>
#include <vector>

#include "harness/core/result.h"

namespace httpconform::cli {

/// The fields compared besides the status (Date and the like change by nature).
const std::vector<std::string>& ComparedFields();

/// One line per difference between the steps of `recorded` (from a JSON
/// report: content kept as a preview, its digest in content_sha256) and of
/// `fresh` (just run); empty when the exchanges agree. Server text escaped.
std::vector<std::string> CompareExchanges(const core::CaseResult& recorded,
                                          const core::CaseResult& fresh);

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_REPLAY_COMPARE_H_
