#include "harness/core/result.h"

namespace httpconform::core {

const char* OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kPass:
      return "pass";
    case Outcome::kFail:
      return "fail";
    case Outcome::kSkip:
      return "skip";
    case Outcome::kError:
      return "error";
  }
  return "error";
}

Summary Summarize(const RunResult& run) {
  Summary s;
  for (const CaseResult& r : run.results) {
    ++s.total;
    switch (r.outcome) {
      case Outcome::kPass:
        ++s.pass;
        break;
      case Outcome::kFail:
        ++s.fail;
        break;
      case Outcome::kSkip:
        ++s.skip;
        break;
      case Outcome::kError:
        ++s.error;
        break;
    }
  }
  return s;
}

}  // namespace httpconform::core
