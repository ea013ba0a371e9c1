// Grammar-aware mutation of HTTP/1.1 requests for network fuzzing. A request
// is kept as structured parts (request-line pieces, field lines with their
// separators and line ends, content) so that an operator can break exactly
// one rule of RFC 9112 and leave the rest of the message well formed. Each
// operator is named, carries the RFC verdict on what it produces (see
// Verdict and the table in mutators.cc), and takes one integer parameter
// that selects its variant or its size, smallest first, so a minimizer can
// shrink a finding by lowering parameters. A Plan (base kind + mutations) is
// pure data: rendering it twice gives the same bytes, which makes findings
// replayable and the PRNG-driven sequence reproducible bit for bit.
#ifndef HTTPCONFORM_NETFUZZ_MUTATORS_H_
#define HTTPCONFORM_NETFUZZ_MUTATORS_H_

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace httpconform::netfuzz {

/// One field line with the exact bytes around it.
struct RawField {
  std::string name;
  std::string separator = ": ";  ///< Between name and value (colon included).
  std::string value;
  std::string line_end = "\r\n";
};

/// One HTTP/1.1 request, kept in parts so operators can edit each.
struct Message {
  std::string method = "GET";
  std::string sp1 = " ";
  std::string target = "/";
  std::string sp2 = " ";
  std::string version = "HTTP/1.1";
  std::string line_end = "\r\n";
  std::vector<RawField> fields;
  std::string head_end = "\r\n";
  std::string content;
};

/// The request-line, fields, empty line and content as bytes.
std::string Serialize(const Message& message);

/// What RFC 9112 (and RFC 9110) require of a server for a mutated request,
/// strongest last: the verdict of a request is the strongest of its operators.
enum class Verdict {
  kValid,           ///< A conforming request: must be processed normally.
  kUnusual,         ///< Invalid or odd, but the RFC leaves the reaction open (reject, repair, 4xx).
  kRejectOrRepair,  ///< The RFC requires rejecting (400) or repairing (e.g. obs-fold → SP).
  kMust400,         ///< The RFC requires a 400 (Bad Request).
};

/// "valid", "unusual", "reject-or-repair", "must-400".
const char* VerdictName(Verdict verdict);

/// The rule behind a verdict.
struct Rule {
  int rfc = 9112;
  std::string section;  ///< e.g. "5.2".
  std::string level;    ///< "MUST", "SHOULD", "MAY" or "" for kValid/kUnusual without a keyword.
  std::string quote;    ///< Verbatim from the RFC (whitespace normalised).
};

/// One application of an operator.
struct Mutation {
  int op = 0;               ///< Index into AllOperators().
  std::uint64_t param = 0;  ///< Variant or size; 0 is the smallest.
};

/// A base request plus mutations: everything needed to render the bytes.
struct Plan {
  bool post = false;  ///< Base: false GET, true POST with content.
  std::vector<Mutation> mutations;
};

/// The bytes to send, in pieces with delays, and what to expect back.
struct Rendered {
  struct Segment {
    std::string bytes;
    int delay_ms = 0;  ///< Pause before sending this piece.
  };
  std::vector<Segment> segments;
  std::string bytes;          ///< All segments joined.
  std::string first_message;  ///< The mutated message alone (the oracle parses it).
  int requests = 1;           ///< Messages in the write (1 + pipelined copies).
  Verdict verdict = Verdict::kValid;
  int verdict_op = -1;        ///< The operator that set the verdict, or -1.
  bool head_request = false;  ///< The mutated message is HEAD (no response content).
};

/// Where the base request goes.
struct BaseTarget {
  std::string authority = "127.0.0.1";  ///< Host field value.
  std::string path = "/";
};

/// The base message of a plan (GET, or POST with content), before mutations.
Message BaseMessage(const BaseTarget& target, bool post, bool close);

/// Renders `plan`: mutations applied in order to the base, then pipelining and segmentation.
Rendered Render(const Plan& plan, const BaseTarget& target);

/// An operator's static description.
struct OperatorInfo {
  std::string name;      ///< Stable, e.g. "obs-fold".
  std::string category;  ///< request-line | fields | framing | segmentation | pipelining.
  Verdict verdict;
  Rule rule;
  std::string diagnostic;   ///< wire::RequestParser id that confirms the verdict, or "".
  std::uint64_t max_param;  ///< Parameters are drawn from [0, max_param].
};

/// Every operator, in a stable order (Mutation::op indexes it).
const std::vector<OperatorInfo>& AllOperators();

/// Index of the operator named `name` (or one of its earlier names, e.g.
/// "te-and-cl" for "cl-and-te"), or -1.
int FindOperator(const std::string& name);

/// The current name of an operator once called `name`, or nullptr when
/// `name` is no earlier name.
const char* CurrentOperatorName(const std::string& name);

/// The seeded sequence of plans: the same seed gives the same plans.
class PlanGenerator {
 public:
  explicit PlanGenerator(std::uint64_t seed) : rng_(seed) {}
  /// The next plan: a base plus 1–3 operators.
  Plan Next();

 private:
  std::mt19937_64 rng_;
};

/// One shard of a campaign split across machines (`--shard K/N`).
struct Shard {
  int index = 1;  ///< K, 1-based.
  int count = 1;  ///< N.
};

/// Parses "K/N" (1 <= K <= N <= kMaxShards); false when it is not that.
bool ParseShard(const std::string& text, Shard* shard);
inline constexpr int kMaxShards = 4096;

/// The plans of shard K/N of the campaign with `seed`: plans K, K+N, K+2N, ...
/// (1-based) of PlanGenerator(seed). The N shards' streams are disjoint and
/// together are exactly the unsharded campaign's stream, whatever N is.
class ShardPlans {
 public:
  ShardPlans(std::uint64_t seed, Shard shard);
  Plan Next();

 private:
  PlanGenerator generator_;
  Shard shard_;
};

/// "obs-fold(0)+cl-conflict(3)": a plan in one line, for reports.
std::string DescribePlan(const Plan& plan);

}  // namespace httpconform::netfuzz

#endif  // HTTPCONFORM_NETFUZZ_MUTATORS_H_
