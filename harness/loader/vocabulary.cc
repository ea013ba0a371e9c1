#include "harness/loader/vocabulary.h"

#include "harness/proxy/gateway_faults.h"
#include "harness/server/faults.h"
#include "harness/wire/diagnostics.h"

namespace httpconform::loader {

const std::vector<std::string>& KnownDiagnosticIds() {
  static const std::vector<std::string>* const kIds = [] {
    auto* ids = new std::vector<std::string>();
    for (const wire::DiagnosticInfo& d : wire::AllDiagnostics()) ids->emplace_back(d.id);
    return ids;
  }();
  return *kIds;
}

const std::vector<std::string>& KnownFaultNames() {
  static const std::vector<std::string>* const kNames = [] {
    auto* names = new std::vector<std::string>();
    for (const server::FaultInfo& f : server::AllFaults()) names->push_back(f.name);
    // Proxy cases are killed by the reference gateway's faults.
    for (const proxy::GatewayFaultInfo& f : proxy::AllGatewayFaults()) names->push_back(f.name);
    return names;
  }();
  return *kNames;
}

}  // namespace httpconform::loader
