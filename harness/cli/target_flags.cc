#include "harness/cli/target_flags.h"

#include "harness/transport/curl_transport.h"
#include "harness/transport/h2_session.h"
#include "harness/transport/raw_transport.h"
#include "harness/transport/tls.h"

namespace httpconform::cli {

void AddTlsFlags(CLI::App* cmd, TlsFlags* flags) {
  cmd->add_flag("-k,--insecure", flags->insecure,
                "https: do not verify the server's certificate or its name (verified by "
                "default against the system CA store)");
  cmd->add_option("--cacert", flags->cacert,
                  "https: trust only the CA certificates in this PEM file, as curl --cacert")
      ->type_name("FILE");
}

core::Expected<void> ApplyTlsFlags(const TlsFlags& flags, transport::TransportOptions* options) {
  options->verify_tls = !flags.insecure;
  options->ca_file = flags.insecure ? "" : flags.cacert;
  if (!options->ca_file.empty()) {
    // Load it once now: a typo in the path is a usage error, not a target problem.
    core::Expected<std::shared_ptr<SSL_CTX>> loaded = transport::MakeClientTlsContext(*options, "");
    if (!loaded) return core::MakeError("usage", "--cacert: " + loaded.error().message);
  }
  return {};
}

TargetTransports MakeTargetTransports(const transport::Target& target,
                                      const transport::TransportOptions& options, bool use_curl,
                                      bool http2) {
  TargetTransports t;
  t.raw = transport::MakeRawTransport(target, options);
  if (use_curl) {
    t.structured = transport::MakeCurlTransport(target, options);
  } else if (http2) {
    t.structured = transport::MakeH2Transport(target, options);
    t.raw_skipped = true;
  }
  return t;
}

}  // namespace httpconform::cli
