#include "harness/cli/skip_summary.h"

#include <algorithm>
#include <set>

#include "harness/cli/console.h"
#include "harness/core/template.h"
#include "harness/runner/variables.h"

namespace httpconform::cli {
namespace {

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// "step 12: " -> its length, else 0.
std::size_t StepLabelLength(const std::string& s) {
  if (!StartsWith(s, "step ")) return 0;
  std::size_t i = 5;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  return i > 5 && s.compare(i, 2, ": ") == 0 ? i + 2 : 0;
}

// The 0-based step a skip reason names ("step 2: ..."), or the last one.
std::size_t SkippedStep(const core::CaseResult& r, const core::Case& c) {
  const std::size_t label = StepLabelLength(r.reason);
  if (label > 0) return static_cast<std::size_t>(std::stoul(r.reason.substr(5, label - 7))) - 1;
  return c.steps.empty() ? 0 : c.steps.size() - 1;
}

// Every variable a step names: its request and the explanations of its
// requirements (a "because" speaks of the resource it needs).
std::set<std::string> StepVariables(const core::Step& step) {
  std::vector<std::string> texts = {step.request.method, step.request.target};
  for (const core::Field& f : step.request.headers) texts.push_back(f.value);
  if (step.request.body) texts.push_back(*step.request.body);
  for (const core::RawSegment& seg : step.request.segments) texts.push_back(seg.bytes);
  for (const core::Expectation& e : step.require) texts.push_back(e.because);
  std::set<std::string> names;
  for (const std::string& t : texts) {
    for (const std::string& n : core::VariablesUsed(t)) names.insert(n);
  }
  return names;
}

// The variable a "variable X not set (give --var X=VALUE)" skip names.
std::string UnsetVariable(const std::string& reason) {
  const std::string prefix = "variable ";
  if (!StartsWith(reason, prefix)) return "";
  const std::size_t end = reason.find(' ', prefix.size());
  return end == std::string::npos ? "" : reason.substr(prefix.size(), end - prefix.size());
}

bool EndsToken(char c) { return c == ' ' || c == ')' || c == ',' || c == ';' || c == '\''; }

}  // namespace

std::string NormalizeSkipReason(const std::string& reason) {
  std::string s = reason.substr(StepLabelLength(reason));
  if (StartsWith(s, "not applicable: ")) s.erase(0, 16);
  const std::size_t saw = s.rfind("; saw ");
  if (saw != std::string::npos) s.resize(saw);
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const bool token_start = i == 0 || s[i - 1] == ' ' || s[i - 1] == '(';
    if (token_start && (s[i] == '/' || StartsWith(s.substr(i, 8), "https://") ||
                        StartsWith(s.substr(i, 7), "http://"))) {
      const bool url = s[i] != '/';
      std::size_t j = i;
      while (j < s.size() && !EndsToken(s[j])) ++j;
      out += url ? "URL" : "PATH";
      i = j;
    } else if (s[i] == '"') {
      const std::size_t close = s.find('"', i + 1);
      if (close == std::string::npos) {
        out += s.substr(i);
        break;
      }
      out += "\"...\"";
      i = close + 1;
    } else {
      out += s[i++];
    }
  }
  return out;
}

SkipSummary SummarizeSkips(const core::RunResult& run, const std::vector<core::Case>& cases,
                           const std::map<std::string, std::vector<std::string>>& candidates,
                           const std::vector<std::string>& discoverable) {
  SkipSummary summary;
  std::map<std::string, const core::Case*> by_id;
  for (const core::Case& c : cases) by_id.emplace(c.id, &c);
  std::map<std::string, int> var_cases;
  for (const core::CaseResult& r : run.results) {
    if (r.outcome != core::Outcome::kSkip) continue;
    ++summary.skipped;
    const std::string reason = NormalizeSkipReason(r.reason);
    auto group = std::find_if(summary.groups.begin(), summary.groups.end(),
                              [&](const SkipGroup& g) { return g.reason == reason; });
    if (group == summary.groups.end()) {
      summary.groups.push_back({reason, 1});
    } else {
      ++group->count;
    }
    auto it = by_id.find(r.id);
    if (it == by_id.end()) continue;
    const core::Case& c = *it->second;
    std::set<std::string> names;
    const std::string unset = UnsetVariable(r.reason);
    if (!unset.empty()) {
      names.insert(unset);
    } else if (!c.steps.empty()) {
      names = StepVariables(c.steps[std::min(SkippedStep(r, c), c.steps.size() - 1)]);
    }
    for (const std::string& n : names) {
      // Only what --var can set: declared by the case, not built in.
      if (c.vars.count(n) && !core::IsBuiltinVariable(n)) ++var_cases[n];
    }
  }
  std::stable_sort(summary.groups.begin(), summary.groups.end(),
                   [](const SkipGroup& a, const SkipGroup& b) { return a.count > b.count; });
  for (const auto& [name, count] : var_cases) {
    VarHint hint;
    hint.name = name;
    hint.cases = count;
    auto found = candidates.find(name);
    if (found != candidates.end()) hint.candidates = found->second;
    hint.discoverable =
        std::find(discoverable.begin(), discoverable.end(), name) != discoverable.end();
    summary.vars.push_back(std::move(hint));
  }
  std::stable_sort(summary.vars.begin(), summary.vars.end(),
                   [](const VarHint& a, const VarHint& b) { return a.cases > b.cases; });
  return summary;
}

void PrintSkipSummary(const SkipSummary& s, std::FILE* out, std::size_t max_groups,
                      std::size_t max_vars) {
  if (s.skipped == 0) return;
  std::fprintf(out, "\nSkipped: %d case(s), by reason:\n", s.skipped);
  int rest_cases = 0;
  for (std::size_t i = 0; i < s.groups.size(); ++i) {
    if (i < max_groups) {
      std::fprintf(out, "  %4d  %s\n", s.groups[i].count,
                   PrintableForTerminal(s.groups[i].reason).c_str());
    } else {
      rest_cases += s.groups[i].count;
    }
  }
  if (s.groups.size() > max_groups) {
    std::fprintf(out, "  %4d  (%zu other reasons: see the reports)\n", rest_cases,
                 s.groups.size() - max_groups);
  }
  if (s.vars.empty()) return;
  std::fprintf(out, "Variables that could unlock skipped cases (set with --var NAME=VALUE):\n");
  for (std::size_t i = 0; i < s.vars.size() && i < max_vars; ++i) {
    const VarHint& v = s.vars[i];
    std::string where;
    if (!v.candidates.empty()) {
      for (const std::string& c : v.candidates) where += (where.empty() ? "" : ", ") + c;
      where = "discovery saw: " + where;
    } else {
      // A variable of the library is described in `vars`; a user's own is
      // theirs to know.
      where = v.discoverable ? "discovery found nothing that fits"
              : runner::FindVariable(v.name) != nullptr
                  ? "discovery does not look for it: httpconform vars says what it must point to"
                  : "discovery does not look for it: give a path on this server";
    }
    std::fprintf(out, "  --var %s=...  used by %d skipped case(s); %s\n",
                 PrintableForTerminal(v.name).c_str(), v.cases,
                 PrintableForTerminal(where).c_str());
  }
  if (s.vars.size() > max_vars) {
    std::fprintf(out, "  (%zu more variables: see the skip reasons in the reports)\n",
                 s.vars.size() - max_vars);
  }
}

}  // namespace httpconform::cli
