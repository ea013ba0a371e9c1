#include "harness/core/versions.h"

#include <map>

namespace httpconform::core {
namespace {

// "1.1" sorts before "2" as text too; "" (unknown) first.
const char* const kVersions[] = {"1.1", "2"};

}  // namespace

std::optional<std::vector<std::string>> ParseHttpVersions(const std::string& value) {
  std::set<std::string> named;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = value.find(',', start);
    const std::string one =
        value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (one != "1.1" && one != "2") return std::nullopt;
    if (!named.insert(one).second) return std::nullopt;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  std::vector<std::string> out;
  for (const char* v : kVersions) {
    if (named.count(v)) out.push_back(v);
  }
  return out;
}

std::string HttpLabel(const std::string& version) {
  return version.empty() ? std::string() : "HTTP/" + version;
}

std::vector<std::string> VersionsOf(const RunResult& run) {
  std::set<std::string> seen;
  for (const CaseResult& r : run.results) seen.insert(r.http);
  return std::vector<std::string>(seen.begin(), seen.end());
}

bool IsMultiVersion(const RunResult& run) { return VersionsOf(run).size() > 1; }

std::string ResultName(const CaseResult& result, bool multi_version) {
  if (!multi_version || result.http.empty()) return result.id;
  return result.id + " [" + HttpLabel(result.http) + "]";
}

std::set<std::string> VerdictDiffers(const RunResult& run) {
  std::map<std::string, std::set<Outcome>> judged;
  for (const CaseResult& r : run.results) {
    if (!r.http_not_applicable) judged[r.id].insert(r.outcome);
  }
  std::set<std::string> out;
  for (const auto& [id, outcomes] : judged) {
    if (outcomes.size() > 1) out.insert(id);
  }
  return out;
}

Summary SummarizeVersion(const RunResult& run, const std::string& version) {
  Summary s;
  for (const CaseResult& r : run.results) {
    if (r.http != version) continue;
    ++s.total;
    s.pass += r.outcome == Outcome::kPass;
    s.fail += r.outcome == Outcome::kFail;
    s.skip += r.outcome == Outcome::kSkip;
    s.error += r.outcome == Outcome::kError;
  }
  return s;
}

}  // namespace httpconform::core
