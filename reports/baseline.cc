// Baseline files and the ratchet (see baseline.h for the rules).
//
// The reader is strict: members are closed, so a typo such as "untill" is an
// error rather than an entry that silently never expires; ids must be unique,
// so two reasons cannot disagree. Dates compare as strings, which is exact
// for the fixed-width "YYYY-MM-DD" form the reader insists on. Parsing is
// bounded in nesting and linear in the file (json_read.h).
#include "reports/baseline.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "harness/core/versions.h"
#include "reports/json_read.h"
#include "reports/text.h"

namespace httpconform::reports {
namespace {

using Json = nlohmann::ordered_json;

struct ReadError {
  std::string pointer;
  std::string message;
};

std::string StringMember(const Json& obj, const char* key, const std::string& at, bool required) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) throw ReadError{at, std::string("missing member \"") + key + "\""};
    return "";
  }
  if (!it->is_string()) throw ReadError{at + "/" + key, "expected a string"};
  return it->get<std::string>();
}

Baseline Read(const Json& doc) {
  if (!doc.is_object()) throw ReadError{"", "expected an object"};
  for (const auto& item : doc.items()) {
    if (item.key() != "schema" && item.key() != "failures") {
      throw ReadError{"/" + item.key(), "unknown member (expected \"schema\" and \"failures\")"};
    }
  }
  const std::string schema = StringMember(doc, "schema", "", true);
  if (schema != kBaselineSchema) {
    throw ReadError{"/schema", "unsupported schema \"" + schema + "\" (expected \"" +
                                   std::string(kBaselineSchema) + "\")"};
  }
  auto failures = doc.find("failures");
  if (failures == doc.end()) throw ReadError{"", "missing member \"failures\""};
  if (!failures->is_array()) throw ReadError{"/failures", "expected an array"};
  Baseline out;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < failures->size(); ++i) {
    const std::string at = "/failures/" + std::to_string(i);
    const Json& e = (*failures)[i];
    if (!e.is_object()) throw ReadError{at, "expected an object"};
    for (const auto& item : e.items()) {
      if (item.key() != "id" && item.key() != "reason" && item.key() != "until" &&
          item.key() != "vars" && item.key() != "http") {
        throw ReadError{at + "/" + item.key(),
                        "unknown member (expected \"id\", \"reason\", \"until\", \"vars\" "
                        "and \"http\")"};
      }
    }
    BaselineEntry entry;
    entry.id = StringMember(e, "id", at, true);
    if (entry.id.empty()) throw ReadError{at + "/id", "empty id"};
    entry.reason = StringMember(e, "reason", at, true);
    entry.until = StringMember(e, "until", at, false);
    if (e.contains("until") && !IsIsoDate(entry.until)) {
      throw ReadError{at + "/until", "expected a date YYYY-MM-DD (got \"" + entry.until + "\")"};
    }
    if (auto vars = e.find("vars"); vars != e.end()) {
      if (!vars->is_object()) throw ReadError{at + "/vars", "expected an object"};
      for (const auto& item : vars->items()) {
        if (!item.value().is_string()) {
          throw ReadError{at + "/vars/" + item.key(), "expected a string"};
        }
        entry.vars[item.key()] = item.value().get<std::string>();
      }
    }
    entry.http = StringMember(e, "http", at, false);
    if (e.contains("http") && entry.http != "1.1" && entry.http != "2") {
      throw ReadError{at + "/http", "expected \"1.1\" or \"2\" (got \"" + entry.http + "\")"};
    }
    if (!seen.insert(BaselineKey(entry.id, entry.http)).second) {
      throw ReadError{at + "/id", "duplicate id \"" + BaselineKey(entry.id, entry.http) + "\""};
    }
    out.failures.push_back(std::move(entry));
  }
  return out;
}

void AddNote(const std::string& label, const std::vector<std::string>& ids, std::string* note) {
  if (ids.empty()) return;
  *note += "; " + std::to_string(ids.size()) + " " + label + ":";
  for (const std::string& id : ids) *note += " " + id;
}

// "NAME now V (baseline W)" for each variable both record and that differs;
// "" when the entry recorded none or nothing differs.
std::string VarsChanged(const std::map<std::string, std::string>& then,
                        const std::map<std::string, std::string>& now) {
  std::string out;
  for (const auto& [name, value] : then) {
    auto it = now.find(name);
    if (it == now.end() || it->second == value) continue;
    out += (out.empty() ? "" : ", ") + name + " now " + it->second + " (baseline " + value + ")";
  }
  return out;
}

}  // namespace

bool IsIsoDate(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[i] < '0' || d[i] > '9') return false;
  }
  const int year = std::stoi(d.substr(0, 4));
  const int month = std::stoi(d.substr(5, 2));
  const int day = std::stoi(d.substr(8, 2));
  if (month < 1 || month > 12 || day < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

core::Expected<Baseline> ParseBaseline(std::string_view text) {
  core::Expected<Json> doc = ParseBoundedJson(text, "baseline", /*comments=*/true);
  if (!doc) return doc.error();
  try {
    return Read(*doc);
  } catch (const ReadError& e) {
    return core::MakeError("baseline", (e.pointer.empty() ? "/" : e.pointer) + ": " + e.message);
  }
}

std::string RenderBaseline(const Baseline& baseline) {
  Json failures = Json::array();
  for (const BaselineEntry& e : baseline.failures) {
    Json entry = {{"id", SanitizeUtf8(e.id)}, {"reason", SanitizeUtf8(e.reason)}};
    if (!e.http.empty()) entry["http"] = e.http;
    if (!e.until.empty()) entry["until"] = e.until;
    if (!e.vars.empty()) {
      Json vars = Json::object();
      for (const auto& [name, value] : e.vars) vars[SanitizeUtf8(name)] = SanitizeUtf8(value);
      entry["vars"] = std::move(vars);
    }
    failures.push_back(std::move(entry));
  }
  Json doc = {{"schema", kBaselineSchema}, {"failures", std::move(failures)}};
  return doc.dump(2, ' ', /*ensure_ascii=*/true, Json::error_handler_t::replace) + "\n";
}

Baseline BaselineFromRun(const core::RunResult& run, const std::string& until) {
  Baseline out;
  const bool multi = core::IsMultiVersion(run);
  std::set<std::string> seen;
  for (const core::CaseResult& r : run.results) {
    if (r.outcome != core::Outcome::kFail && r.outcome != core::Outcome::kError) continue;
    // Keyed by version in a run over several: a failure over HTTP/2 does
    // not excuse a new one over HTTP/1.1.
    const std::string http = multi ? r.http : "";
    if (!seen.insert(BaselineKey(r.id, http)).second) continue;
    out.failures.push_back(BaselineEntry{
        r.id, std::string(core::OutcomeName(r.outcome)) + ": " + r.reason, until, r.vars, http});
  }
  return out;
}

std::string BaselineKey(const std::string& id, const std::string& http) {
  return http.empty() ? id : id + " [HTTP/" + http + "]";
}

std::set<std::string> ActiveIds(const Baseline& baseline, const std::string& today) {
  std::set<std::string> ids;
  for (const BaselineEntry& e : baseline.failures) {
    // "until" names the last day the failure is tolerated.
    if (e.until.empty() || e.until >= today) ids.insert(BaselineKey(e.id, e.http));
  }
  return ids;
}

bool IsListed(const std::set<std::string>& active, const core::CaseResult& r) {
  return active.count(r.id) > 0 || (!r.http.empty() && active.count(BaselineKey(r.id, r.http)));
}

std::string BaselineMark(const Baseline& baseline, const std::set<std::string>& active,
                         const core::CaseResult& r) {
  const bool listed = IsListed(active, r);
  const bool failed = r.outcome == core::Outcome::kFail || r.outcome == core::Outcome::kError;
  if (failed || r.outcome != core::Outcome::kPass) return failed && listed ? "known" : "";
  if (r.flaky && listed) return "known";
  // A listed case that passes is fixed, even when its entry expired: either
  // way the entry should go.
  for (const BaselineEntry& e : baseline.failures) {
    if (e.id == r.id && (e.http.empty() || e.http == r.http)) return "fixed";
  }
  return "";
}

BaselineVerdict ApplyBaseline(const Baseline& baseline, const std::string& today,
                              core::RunResult* run) {
  BaselineVerdict v;
  const std::set<std::string> active = ActiveIds(baseline, today);
  const bool multi = core::IsMultiVersion(*run);
  // The entry that covers a result: the one for its version, else the one for every version.
  std::map<std::string, const BaselineEntry*> entries;
  for (const BaselineEntry& e : baseline.failures) {
    const std::string key = BaselineKey(e.id, e.http);
    if (!active.count(key)) v.expired.push_back(key);
    entries[key] = &e;
  }
  auto entry_of = [&](const core::CaseResult& r) -> const BaselineEntry* {
    auto it = entries.find(BaselineKey(r.id, r.http));
    if (it == entries.end()) it = entries.find(r.id);
    return it == entries.end() ? nullptr : it->second;
  };
  std::set<const BaselineEntry*> ran;
  for (core::CaseResult& r : run->results) {
    const BaselineEntry* entry = entry_of(r);
    if (entry) ran.insert(entry);
    const std::string name = core::ResultName(r, multi);
    r.baseline = BaselineMark(baseline, active, r);
    const bool failed = r.outcome == core::Outcome::kFail || r.outcome == core::Outcome::kError;
    if (r.baseline == "known") {
      v.known.push_back(name);
      const std::string changed = entry ? VarsChanged(entry->vars, r.vars) : "";
      if (!changed.empty()) v.other_vars.push_back(name + ": " + changed);
    } else if (r.baseline == "fixed") {
      v.fixed.push_back(name);
    } else if (failed) {
      v.new_failures.push_back(name);
    }
  }
  for (const BaselineEntry& e : baseline.failures) {
    if (!ran.count(&e)) v.not_run.push_back(BaselineKey(e.id, e.http));
  }
  std::string note = "baseline: " + std::to_string(baseline.failures.size()) + " entries";
  AddNote("known failure(s), not counted", v.known, &note);
  AddNote("fixed (remove from the baseline)", v.fixed, &note);
  AddNote("expired (their failures count)", v.expired, &note);
  AddNote("new failure(s)", v.new_failures, &note);
  AddNote("not run", v.not_run, &note);
  AddNote("known, but run with other variables than the baseline recorded", v.other_vars, &note);
  run->notes.push_back(note);
  return v;
}

}  // namespace httpconform::reports
