// `httpconform serve --gateway ORIGIN`: the reference gateway (harness/proxy/
// gateway.h) in the foreground, until SIGINT or SIGTERM, as `serve` runs the
// reference server.
#include <chrono>
#include <cstdio>
#include <thread>

#include "harness/cli/commands.h"
#include "harness/cli/exit_codes.h"
#include "harness/proxy/gateway.h"

namespace httpconform::cli {

int GatewayCommand(const std::string& listen, const std::string& origin,
                   const std::vector<std::string>& faults, bool list_faults, double timeout_s,
                   bool cache) {
  if (list_faults) {
    for (const proxy::GatewayFaultInfo& f : proxy::AllGatewayFaults()) {
      std::printf("%-40s %s [%s]\n", f.name.c_str(), f.description.c_str(), f.rule.c_str());
    }
    return kExitOk;
  }
  proxy::GatewayOptions options;
  if (!proxy::SplitHostPort(listen, &options.host, &options.port)) {
    std::fprintf(stderr, "httpconform serve: --listen takes HOST:PORT (got \"%s\")\n",
                 listen.c_str());
    return kExitUsage;
  }
  if (!proxy::SplitHostPort(origin, &options.upstream_host, &options.upstream_port)) {
    std::fprintf(stderr, "httpconform serve: --gateway takes HOST:PORT (got \"%s\")\n",
                 origin.c_str());
    return kExitUsage;
  }
  options.faults = faults;
  options.cache = cache;
  options.upstream_timeout_ms = static_cast<int>(timeout_s * 1000);
  const std::atomic<bool>* stop = InstallStopHandlers();
  core::Expected<std::unique_ptr<proxy::ReferenceGateway>> gateway =
      proxy::ReferenceGateway::Start(options);
  if (!gateway) {
    std::fprintf(stderr, "httpconform serve: %s\n", gateway.error().message.c_str());
    return gateway.error().code == "usage" ? kExitUsage : kExitUnreachable;
  }
  std::printf("httpconform reference gateway listening on %s, forwarding to %s%s\n",
              (*gateway)->url().c_str(), origin.c_str(), cache ? " (shared cache)" : "");
  for (const std::string& f : faults) std::printf("  fault: %s\n", f.c_str());
  std::fflush(stdout);
  while (!stop->load()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  (*gateway)->Stop();
  return kExitOk;
}

}  // namespace httpconform::cli
