// Before a run: can the target be reached at all? A run against a dead
// address would otherwise report every case as an error; instead the tool
// says so in one line and exits 3.
#ifndef HTTPCONFORM_CLI_PREFLIGHT_H_
#define HTTPCONFORM_CLI_PREFLIGHT_H_

#include "harness/core/expected.h"
#include "harness/transport/transport.h"

namespace httpconform::cli {

/// Opens and closes one TCP connection to the target within `timeout_ms`.
core::Expected<void> ProbeConnect(const transport::Target& target, int timeout_ms);

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_PREFLIGHT_H_
