// Report diff (see diff.h). Outcomes are compared as they were recorded; a
// flaky pass is a pass here, because its outcome is pass (the flag is shown
// in the reports themselves).
#include "reports/diff.h"

#include <map>

#include "harness/core/versions.h"

namespace httpconform::reports {
namespace {

bool IsBad(core::Outcome o) { return o == core::Outcome::kFail || o == core::Outcome::kError; }

// Server text reaches a terminal here: control bytes become \xNN so that no
// escape sequence a server chose can act on it.
std::string OneLine(const std::string& s) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

void Section(const char* title, const std::vector<DiffEntry>& entries, std::string* out) {
  if (entries.empty()) return;
  *out += std::string(title) + " (" + std::to_string(entries.size()) + "):\n";
  for (const DiffEntry& e : entries) {
    *out += "  " + OneLine(e.id) + ": ";
    if (e.before && e.after) {
      *out += std::string(core::OutcomeName(*e.before)) + " -> " + core::OutcomeName(*e.after);
    } else if (e.after) {
      *out += core::OutcomeName(*e.after);
    } else if (e.before) {
      *out += std::string("was ") + core::OutcomeName(*e.before);
    }
    if (!e.reason.empty()) *out += " (" + OneLine(e.reason) + ")";
    *out += "\n";
  }
}

// The version a result ran over: its own, else (a report older than
// version 4) the run's --http.
std::string VersionOf(const core::CaseResult& r, const core::RunResult& run) {
  if (!r.http.empty()) return r.http;
  return run.settings.recorded ? run.settings.http : "1.1";
}

}  // namespace

ReportDiff DiffRuns(const core::RunResult& before, const core::RunResult& after) {
  ReportDiff d;
  // When either run holds several HTTP versions, a result is its case over
  // its version ("ID [HTTP/2]"); else its id, as always.
  const bool by_version = core::IsMultiVersion(before) || core::IsMultiVersion(after);
  auto key = [&](const core::CaseResult& r, const core::RunResult& run) {
    return by_version ? r.id + " [" + core::HttpLabel(VersionOf(r, run)) + "]" : r.id;
  };
  std::map<std::string, const core::CaseResult*> old_by_id, new_by_id;
  for (const core::CaseResult& r : before.results) old_by_id.emplace(key(r, before), &r);
  for (const core::CaseResult& r : after.results) new_by_id.emplace(key(r, after), &r);
  for (const core::CaseResult& r : after.results) {
    const std::string id = key(r, after);
    auto it = old_by_id.find(id);
    if (it == old_by_id.end()) {
      d.added.push_back(DiffEntry{id, std::nullopt, r.outcome, r.reason});
      continue;
    }
    const core::Outcome was = it->second->outcome;
    if (was == r.outcome) continue;
    DiffEntry e{id, was, r.outcome, r.reason};
    if (!IsBad(was) && IsBad(r.outcome)) {
      d.regressions.push_back(std::move(e));
    } else if (IsBad(was) && r.outcome == core::Outcome::kPass) {
      d.fixes.push_back(std::move(e));
    } else {
      d.changed.push_back(std::move(e));
    }
  }
  for (const core::CaseResult& r : before.results) {
    const std::string id = key(r, before);
    if (!new_by_id.count(id)) d.removed.push_back(DiffEntry{id, r.outcome, std::nullopt, r.reason});
  }
  return d;
}

std::string RenderDiff(const ReportDiff& d) {
  std::string out;
  Section("regressions", d.regressions, &out);
  Section("fixes", d.fixes, &out);
  Section("changed", d.changed, &out);
  Section("new cases", d.added, &out);
  Section("removed cases", d.removed, &out);
  out += std::to_string(d.regressions.size()) + " regression(s), " +
         std::to_string(d.fixes.size()) + " fix(es), " + std::to_string(d.changed.size()) +
         " changed, " + std::to_string(d.added.size()) + " new, " +
         std::to_string(d.removed.size()) + " removed\n";
  return out;
}

}  // namespace httpconform::reports
