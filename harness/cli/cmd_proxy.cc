// `httpconform proxy PROXY_URL --origin-listen HOST:PORT [--forward]`: the
// proxy case library against an intermediary, with `run`'s flags, exit codes
// and code path (cmd_run.cc); this file holds what differs.
#include <memory>

#include "harness/cli/commands.h"
#include "harness/cli/proxy_run.h"
#include "harness/proxy/sockets.h"

namespace httpconform::cli {

core::Expected<std::unique_ptr<proxy::ScriptedOrigin>> StartProxyOrigin(
    const RunFlags& flags, const transport::Target& target) {
  // Both ends stay on this machine: the tool sends its cases' traffic to no
  // other address, and the origin answers no other host.
  if (!proxy::IsLoopback(target.host)) {
    return core::MakeError("usage",
                           "httpconform proxy: the proxy URL must be on loopback "
                           "(127.0.0.0/8, ::1, localhost), got " +
                               target.host);
  }
  std::string host;
  int port = 0;
  if (!proxy::SplitHostPort(flags.origin_listen, &host, &port)) {
    return core::MakeError("usage", "httpconform proxy: --origin-listen takes HOST:PORT (got \"" +
                                        flags.origin_listen + "\")");
  }
  if (!proxy::IsLoopback(host)) {
    return core::MakeError("usage",
                           "httpconform proxy: --origin-listen must be on loopback "
                           "(127.0.0.0/8, ::1, localhost), got " +
                               host);
  }
  core::Expected<std::unique_ptr<proxy::ScriptedOrigin>> origin =
      proxy::ScriptedOrigin::Start(host, port);
  if (!origin) {
    return core::MakeError("usage", "httpconform proxy: cannot start the origin on " +
                                        flags.origin_listen + ": " + origin.error().message);
  }
  return origin;
}

void RecordProxyRun(const proxy::ScriptedOrigin& origin, const RunFlags& flags,
                    core::RunResult* run) {
  run->proxy.origin = origin.authority();
  run->proxy.forward = flags.forward;
  run->proxy.untagged = origin.untagged();
  run->proxy.untagged_count = origin.untagged_count();
}

void RegisterProxyCommand(CommandRegistry& registry) {
  auto flags = std::make_shared<RunFlags>();
  flags->proxy = true;
  flags->selection.kind = CaseSelection::Kind::kProxy;
  CLI::App* cmd = registry.Add(
      "proxy",
      "Run the proxy case library against an intermediary (gateway or forward proxy) that "
      "forwards to the origin this command starts",
      [flags] { return RunCommand(*flags); });
  cmd->add_option("url", flags->url, "The intermediary, e.g. http://127.0.0.1:8080/")->required();
  cmd->add_option("--origin-listen", flags->origin_listen,
                  "Where the scripted origin listens (loopback); the intermediary forwards there")
      ->type_name("HOST:PORT")
      ->required();
  cmd->add_flag("--forward", flags->forward,
                "A forward proxy: requests name the origin in absolute form (default: a gateway, "
                "origin-form)");
  AddRunFlags(cmd, flags.get());
}

}  // namespace httpconform::cli
