// Fault names as users give them: earlier names still accepted, and a
// FaultSet parsed from names against the table in faults.cc.
#include <string>
#include <vector>

#include "harness/core/renamed.h"
#include "harness/server/faults.h"

namespace httpconform::server {

const char* CurrentFaultName(const std::string& name) {
  // Earlier names, renamed so that a fault, the wire diagnostic of its rule
  // and the network fuzzer's operator say it in the same words
  // (request.host-missing, host-missing; harness/netfuzz/names_test.cc).
  static const core::Renamed kRenamed[] = {
      {"accept-missing-host", "accept-host-missing"},
      {"accept-duplicate-host", "accept-host-duplicate"},
      {"accept-invalid-host", "accept-host-invalid"},
  };
  return core::CurrentName(name, kRenamed);
}

core::Expected<FaultSet> FaultSet::Parse(const std::vector<std::string>& names) {
  FaultSet set;
  const std::vector<FaultInfo>& all = AllFaults();
  for (const std::string& given : names) {
    const char* current = CurrentFaultName(given);
    const std::string name = current != nullptr ? current : given;
    bool found = false;
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (all[i].name == name) {
        set.Add(static_cast<Fault>(i));
        found = true;
        break;
      }
    }
    if (!found)
      return core::MakeError("usage", "unknown fault \"" + name + "\" (see --list-faults)");
  }
  return set;
}

}  // namespace httpconform::server
