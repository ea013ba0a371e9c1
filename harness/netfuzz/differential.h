// `httpconform fuzz URL1 URL2 ... --differential`: every mutated request
// goes to every target and what each made of it is compared; a disagreement
// is a finding. See differential.cc.
#ifndef HTTPCONFORM_NETFUZZ_DIFFERENTIAL_H_
#define HTTPCONFORM_NETFUZZ_DIFFERENTIAL_H_

#include <atomic>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "harness/core/expected.h"
#include "harness/netfuzz/client.h"
#include "harness/netfuzz/mutators.h"

namespace httpconform::netfuzz {

/// Flags of `httpconform fuzz --differential`.
struct DifferentialOptions {
  std::vector<std::string> urls;  ///< Two or more http:// targets.
  std::uint64_t seed = 1;
  Shard shard;
  double duration_s = 60;
  std::int64_t max_requests = 1000000;
  int timeout_ms = 3000;
  std::string out_dir = "fuzz-findings";  ///< "" : do not write finding files.
  std::ostream* progress = nullptr;
};

/// What one target made of one request, as seen from the client: the class
/// of each response's status in order, and what became of the connection.
struct Interpretation {
  std::vector<int> status_classes;  ///< 1..5 per response (final statuses).
  int complete_responses = 0;
  std::string connection;  ///< "open", "closed", "reset" or "timeout".
  /// "[4xx] closed": what is compared between targets.
  std::string Summary() const;
};

/// The interpretation of one exchange's outcome.
Interpretation Interpret(const Outcome& outcome);

/// One request the targets disagree on, minimized.
struct DifferentialFinding {
  std::string id;       ///< "differential-<8 hex>" of the bytes sent to the first target.
  std::string plan;     ///< DescribePlan() of the minimized plan.
  std::string request;  ///< Bytes sent to the first target (Host names each target's own).
  std::vector<Piece> pieces;
  std::vector<std::string> interpretations;  ///< Summary() per target, in --url order.
  std::string path;  ///< Where the finding was saved (<id>.json, <id>.bin beside), or "".
};

/// What a differential campaign did.
struct DifferentialResult {
  std::vector<std::string> targets;
  std::uint64_t seed = 0;
  std::int64_t requests = 0;  ///< Plans sent (each to every target).
  double duration_ms = 0;
  std::vector<DifferentialFinding> findings;
};

/// Runs a differential campaign; errors: "usage" (fewer than two targets, a
/// bad URL), "connect" (a target unreachable or not answering the base GET).
core::Expected<DifferentialResult> RunDifferential(const DifferentialOptions& options,
                                                   const std::atomic<bool>* stop = nullptr);

/// A finding as JSON: the request (escaped bytes, segments) and each
/// target's interpretation.
std::string DifferentialFindingJson(const DifferentialFinding& finding,
                                    const std::vector<std::string>& targets);

}  // namespace httpconform::netfuzz

#endif  // HTTPCONFORM_NETFUZZ_DIFFERENTIAL_H_
