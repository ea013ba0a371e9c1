// The "build" stage of a step (runner.cc): the variables a case run has,
// the request of a step with its templates substituted and default fields
// added, and how the connection's fate after its response is observed (the
// window, the probe request). Also the request facts the passive rules
// depend on, read from the request as sent.
#ifndef HTTPCONFORM_RUNNER_STEP_REQUEST_H_
#define HTTPCONFORM_RUNNER_STEP_REQUEST_H_

#include <map>
#include <string>
#include <vector>

#include "harness/core/case.h"
#include "harness/core/expected.h"
#include "harness/runner/expectations.h"
#include "harness/runner/passive_rules.h"
#include "harness/runner/runner.h"
#include "harness/transport/transport.h"

namespace httpconform::runner {

// The variables of one case run: built-ins, case vars, --var, captures.
class Scope {
 public:
  void Set(const std::string& name, const std::string& value) { values_[name] = value; }
  const std::string* Find(const std::string& name) const {
    auto it = values_.find(name);
    return it == values_.end() ? nullptr : &it->second;
  }
  VarLookup Lookup() const {
    return [this](const std::string& name) { return Find(name); };
  }

 private:
  std::map<std::string, std::string> values_;
};

// Builds the request of a step with every template substituted. Structured
// requests get Host, User-Agent and Content-Length unless the case gives them
// or turns default headers off, so that what goes out is a valid HTTP/1.1
// request unless the case says otherwise.
core::Expected<transport::OutgoingRequest> BuildRequest(const core::RequestSpec& spec,
                                                        const Scope& scope,
                                                        const RunOptions& options, int timeout_ms);

// Whether an alternative says anything of the connection; whether one
// expects it closed.
bool MentionsConnection(const std::vector<core::Expectation>& alternatives);
bool ExpectsClose(const std::vector<core::Expectation>& alternatives);

// The request fields passive rules depend on; for raw requests they are
// read from the bytes of the head (field lines up to the first empty line).
RequestFacts FactsFor(const transport::OutgoingRequest& request);

// A step that reuses the connection and sends nothing: it reads a response
// the previous step's bytes asked for (pipelining), which may still be on
// its way, so no request may go out in between.
bool ReadsPendingResponse(const core::Step* next);

// The request sent to settle whether the server kept the connection open
// after a step's response (see step_request.cc).
std::string ProbeRequestFor(const transport::OutgoingRequest& request, const Scope& scope,
                            const RunOptions& options);

}  // namespace httpconform::runner

#endif  // HTTPCONFORM_RUNNER_STEP_REQUEST_H_
