// Flags about how to reach the target, shared by `run` and `replay`: TLS
// certificate verification as curl spells it (`-k/--insecure`,
// `--cacert FILE`; on by default) and the preflight (preflight.h).
#ifndef HTTPCONFORM_CLI_TARGET_FLAGS_H_
#define HTTPCONFORM_CLI_TARGET_FLAGS_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "harness/core/expected.h"
#include "harness/runner/runner.h"
#include "harness/transport/transport.h"

namespace httpconform::cli {

/// `-k/--insecure` and `--cacert FILE`.
struct TlsFlags {
  bool insecure = false;
  std::string cacert;
};

/// Adds -k/--insecure and --cacert to `cmd`.
void AddTlsFlags(CLI::App* cmd, TlsFlags* flags);

/// Sets verify_tls and ca_file of `options` from `flags`; error code "usage"
/// when --cacert holds no certificate OpenSSL can load.
core::Expected<void> ApplyTlsFlags(const TlsFlags& flags, transport::TransportOptions* options);

/// The transports of a run or a replay: the raw one for raw steps and every
/// HTTP/1.1 request, curl for structured requests when `use_curl` (--http 2,
/// --transport curl, or a run recorded so).
struct TargetTransports {
  std::unique_ptr<transport::Transport> raw;
  std::unique_ptr<transport::Transport> curl;
  runner::Transports ForRunner() const { return {raw.get(), curl ? curl.get() : raw.get()}; }
};
TargetTransports MakeTargetTransports(const transport::Target& target,
                                      const transport::TransportOptions& options, bool use_curl);

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_TARGET_FLAGS_H_
