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

/// Why a case with raw request bytes is skipped with --http 2: its bytes
/// are HTTP/1.1 messages, and the run speaks HTTP/2.
inline constexpr char kRawNotOverH2[] =
    "raw request bytes are HTTP/1.1 and are not sent with --http 2";

/// The transports of a run or a replay: the raw one for raw steps and
/// HTTP/1.1 structured requests; for structured requests curl when
/// `use_curl` (--transport curl, or a run recorded so, either version),
/// else with `http2` the HTTP/2 session (transport/h2_session.h), under
/// which raw steps are skipped (kRawNotOverH2).
struct TargetTransports {
  std::unique_ptr<transport::Transport> raw;
  std::unique_ptr<transport::Transport> structured;  ///< Null: raw serves both.
  bool raw_skipped = false;
  runner::Transports ForRunner() const {
    runner::Transports t{raw.get(), structured ? structured.get() : raw.get()};
    if (raw_skipped) {
      t.raw = nullptr;
      t.raw_skip_reason = kRawNotOverH2;
    }
    return t;
  }
};
TargetTransports MakeTargetTransports(const transport::Target& target,
                                      const transport::TransportOptions& options, bool use_curl,
                                      bool http2);

}  // namespace httpconform::cli

#endif  // HTTPCONFORM_CLI_TARGET_FLAGS_H_
