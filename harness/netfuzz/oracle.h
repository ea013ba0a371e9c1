// The fuzzing oracle: decides whether what a server did with a mutated
// request breaks a rule of RFC 9112 / RFC 9110. See oracle.cc.
#ifndef HTTPCONFORM_NETFUZZ_ORACLE_H_
#define HTTPCONFORM_NETFUZZ_ORACLE_H_

#include <string>

#include "harness/netfuzz/client.h"
#include "harness/netfuzz/mutators.h"

namespace httpconform::netfuzz {

/// What the RFC requires for one rendered request, confirmed by the strict parser.
struct Requirement {
  Verdict verdict = Verdict::kValid;
  Rule rule;             ///< The rule behind `verdict` (empty quote for kValid/kUnusual).
  std::string op;        ///< The operator that set it, or "".
  bool complete = true;  ///< The first message is complete: a server has all it needs to answer.
};

/// Classifies `rendered` (from `plan`): operator verdicts, each kept only when
/// wire::RequestParser confirms its diagnostic on the bytes.
Requirement Classify(const Plan& plan, const Rendered& rendered);

/// A broken rule, or none (empty kind).
struct Judgement {
  std::string kind;    ///< "", "timeout", "reset", "no-400", "status-5xx", "status-2xx", "desync".
  std::string reason;  ///< One line for people.
  Rule rule;
};

/// Judges one exchange of `rendered` with requirement `req`.
Judgement Judge(const Rendered& rendered, const Requirement& req, const Outcome& outcome);

}  // namespace httpconform::netfuzz

#endif  // HTTPCONFORM_NETFUZZ_ORACLE_H_
