// What `httpconform proxy` adds to a run (cmd_run.cc runs both commands):
// the loopback checks on the intermediary's URL and the origin's address,
// the scripted origin started for the run, and what the report records of
// them.
#ifndef HTTPCONFORM_CLI_PROXY_RUN_H_
#define HTTPCONFORM_CLI_PROXY_RUN_H_

#include <memory>

#include "harness/cli/commands.h"
#include "harness/core/expected.h"
#include "harness/core/result.h"
#include "harness/proxy/origin.h"
#include "harness/transport/transport.h"

namespace httpconform::cli {

/// Checks that the proxy URL and --origin-listen are on loopback and starts
/// the origin; an error (exit 2) says which address is wrong and why.
core::Expected<std::unique_ptr<proxy::ScriptedOrigin>> StartProxyOrigin(
    const RunFlags& flags, const transport::Target& target);

/// Records the origin's address, the mode and the requests that reached the
/// origin without a tag.
void RecordProxyRun(const proxy::ScriptedOrigin& origin, const RunFlags& flags,
                    core::RunResult* run);

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_PROXY_RUN_H_
