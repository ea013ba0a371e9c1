// Rendering of the catalogue-based coverage. Every figure comes from the
// Matrix (Tabulate), so the Markdown and the JSON cannot disagree; the
// lists come from the catalogue in document order. Text from the RFCs and
// the case files is escaped for Markdown (MarkdownText) and written by
// nlohmann_json for JSON.
#include "harness/requirements/report.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

namespace httpconform::requirements {
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr core::Level kLevels[] = {core::Level::kMust, core::Level::kShould, core::Level::kMay};
const char kSection[] = "\xc2\xa7";  // §

const Tally& At(const Tallies& t, core::Level level) { return t[static_cast<int>(level)]; }

std::string Cell(const Tally& t) {
  return std::to_string(t.covered) + " / " + std::to_string(t.origin) + " / " +
         std::to_string(t.total);
}

std::string PercentCell(const Tally& t) {
  std::string p = Percent(t);
  return p == "-" ? p : p + "%";
}

std::string SectionName(const SectionTally& s) {
  return std::string(kSection) + s.section + (s.title.empty() ? "" : " " + MarkdownText(s.title));
}

// Counts of a catalogue file by observability.
std::map<Observable, int> ByObservable(const CatalogueFile& f) {
  std::map<Observable, int> n;
  for (const Requirement& r : f.requirements) ++n[r.observable];
  return n;
}

void WriteSummary(std::ostringstream& out, const Matrix& m) {
  out << "## RFC 9110 and RFC 9112 together\n\n"
      << "Origin-observable requirements a case covers (the target: " << kTargetMustPercent
      << "% of MUST, " << kTargetShouldPercent
      << "% of SHOULD; MAY requirements are shown, not counted).\n\n"
      << "| level | covered | origin-observable | all | covered of origin-observable | target |\n"
      << "|---|---:|---:|---:|---:|---:|\n";
  for (core::Level level : kLevels) {
    const Tally& t = At(m.semantics_and_messaging, level);
    std::string target = level == core::Level::kMust ? std::to_string(kTargetMustPercent) + "%"
                         : level == core::Level::kShould
                             ? std::to_string(kTargetShouldPercent) + "%"
                             : "-";
    out << "| " << core::LevelName(level) << " | " << t.covered << " | " << t.origin << " | "
        << t.total << " | " << (level == core::Level::kMay ? "(not counted)" : PercentCell(t))
        << " | " << target << " |\n";
  }
  out << "\n";
}

void WriteCatalogueCounts(std::ostringstream& out, const std::vector<CatalogueFile>& catalogue) {
  out << "## The catalogue\n\n"
      << "| RFC | requirements | MUST | SHOULD | MAY | origin | intermediary | client | none |\n"
      << "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const CatalogueFile& f : catalogue) {
    int by_level[3] = {0, 0, 0};
    for (const Requirement& r : f.requirements) ++by_level[static_cast<int>(r.level)];
    std::map<Observable, int> obs = ByObservable(f);
    out << "| " << f.rfc << " | " << f.requirements.size() << " | " << by_level[0] << " | "
        << by_level[1] << " | " << by_level[2] << " | " << obs[Observable::kOrigin] << " | "
        << obs[Observable::kIntermediary] << " | " << obs[Observable::kClient] << " | "
        << obs[Observable::kNone] << " |\n";
  }
  out << "\n";
}

void WriteMatrix(std::ostringstream& out, const Matrix& m) {
  out << "## By section\n\n"
      << "Each cell: covered / origin-observable / all.\n\n"
      << "| RFC | section | MUST | SHOULD | MAY | MUST covered | SHOULD covered |\n"
      << "|---|---|---|---|---|---:|---:|\n";
  auto row = [&](const std::string& rfc, const std::string& section, const Tallies& t) {
    out << "| " << rfc << " | " << section << " | " << Cell(At(t, core::Level::kMust)) << " | "
        << Cell(At(t, core::Level::kShould)) << " | " << Cell(At(t, core::Level::kMay)) << " | "
        << PercentCell(At(t, core::Level::kMust)) << " | "
        << PercentCell(At(t, core::Level::kShould)) << " |\n";
  };
  for (size_t i = 0; i < m.sections.size(); ++i) {
    const SectionTally& s = m.sections[i];
    row(std::to_string(s.rfc), SectionName(s), s.tallies);
    if (i + 1 == m.sections.size() || m.sections[i + 1].rfc != s.rfc) {
      row(std::to_string(s.rfc), "**all**", m.rfcs.at(s.rfc));
    }
  }
  row("9110 + 9112", "**all**", m.semantics_and_messaging);
  out << "\n";
}

// The uncovered origin-observable requirements of `levels`, grouped by RFC
// and top-level section, each with its reason and plan.
void WriteUncovered(std::ostringstream& out, const std::vector<CatalogueFile>& catalogue,
                    const Coverage& coverage, std::initializer_list<core::Level> levels) {
  for (const CatalogueFile& f : catalogue) {
    std::string heading;
    for (const Requirement& r : f.requirements) {
      if (r.observable != Observable::kOrigin || coverage.covered_by.count(r.id) ||
          std::find(levels.begin(), levels.end(), r.level) == levels.end()) {
        continue;
      }
      const std::string top = TopSection(r.section);
      std::string h = "### RFC " + std::to_string(f.rfc) + " " + kSection + top;
      auto title = f.sections.find(top);
      if (title != f.sections.end()) h += " " + MarkdownText(title->second);
      if (h != heading) {
        out << (heading.empty() ? "" : "\n") << h << "\n\n";
        heading = h;
      }
      out << "- `" << r.id << "` " << core::LevelName(r.level) << " " << kSection << r.section
          << ": " << MarkdownText(r.text) << "\n";
      if (!r.reason.empty()) out << "  - reason: " << MarkdownText(r.reason) << "\n";
      if (!r.plan.empty()) out << "  - plan: " << MarkdownText(r.plan) << "\n";
    }
    if (!heading.empty()) out << "\n";
  }
}

void WriteOutside(std::ostringstream& out, const std::vector<CatalogueFile>& catalogue,
                  const Coverage& coverage) {
  out << "## Covered, not origin-observable\n\n"
      << "Requirements a quote covers that are not counted above (they bind intermediaries, "
         "clients, or nothing on the wire).\n\n";
  bool any = false;
  for (const CatalogueFile& f : catalogue) {
    for (const Requirement& r : f.requirements) {
      auto it = coverage.covered_by.find(r.id);
      if (it == coverage.covered_by.end() || r.observable == Observable::kOrigin) continue;
      out << "- `" << r.id << "` (" << ObservableName(r.observable) << "): ";
      for (size_t i = 0; i < it->second.size(); ++i) {
        out << (i ? ", " : "") << "`" << it->second[i] << "`";
      }
      out << "\n";
      any = true;
    }
  }
  out << (any ? "\n" : "None.\n\n");
  out << "## Quotes outside the catalogue\n\n"
      << "Case and passive-rule quotes that cover no catalogue requirement, and why.\n\n"
      << "| source | cites | quote | why |\n|---|---|---|---|\n";
  for (const Outside& o : coverage.outside) {
    out << "| `" << o.quote.source << "` | RFC " << o.quote.rfc << " " << kSection
        << o.quote.section << " " << core::LevelName(o.quote.level) << " | "
        << MarkdownText(o.quote.text) << " | " << MarkdownText(o.why) << " |\n";
  }
  out << "\n";
}

ordered_json TallyJson(const Tally& t, bool with_percent) {
  ordered_json j;
  j["covered"] = t.covered;
  j["origin"] = t.origin;
  j["all"] = t.total;
  if (with_percent) {
    j["percent"] = t.origin ? ordered_json(std::round(1000.0 * t.covered / t.origin) / 10.0)
                            : ordered_json(nullptr);
  }
  return j;
}

ordered_json LevelsJson(const Tallies& t) {
  ordered_json j;
  for (core::Level level : kLevels) {
    j[core::LevelName(level)] = TallyJson(At(t, level), level != core::Level::kMay);
  }
  return j;
}

}  // namespace

std::string MarkdownText(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += ' ';
    } else if (std::string("|*_`[]<>\\").find(c) != std::string::npos) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string MarkdownReport(const std::vector<CatalogueFile>& catalogue, const Coverage& coverage,
                           const Matrix& matrix) {
  std::ostringstream out;
  WriteSummary(out, matrix);
  WriteCatalogueCounts(out, catalogue);
  WriteMatrix(out, matrix);
  out << "## Origin-observable MUST and SHOULD requirements without a case\n\n"
      << "Each with the reason no case tests it, or the plan of the case that would "
         "(docs/requirements/README.md).\n\n";
  WriteUncovered(out, catalogue, coverage, {core::Level::kMust, core::Level::kShould});
  out << "## Origin-observable MAY requirements without a case\n\n";
  WriteUncovered(out, catalogue, coverage, {core::Level::kMay});
  WriteOutside(out, catalogue, coverage);
  return out.str();
}

std::string JsonReport(const std::vector<CatalogueFile>& catalogue, const Coverage& coverage,
                       const Matrix& matrix,
                       const std::map<std::string, std::string>& case_locations) {
  ordered_json doc;
  doc["target"] = {
      {"rfcs", {9110, 9112}}, {"MUST", kTargetMustPercent}, {"SHOULD", kTargetShouldPercent}};
  doc["total"] = LevelsJson(matrix.semantics_and_messaging);
  ordered_json rfcs = ordered_json::array();
  for (const CatalogueFile& f : catalogue) {
    ordered_json r;
    r["rfc"] = f.rfc;
    r["requirements"] = f.requirements.size();
    ordered_json obs;
    std::map<Observable, int> n = ByObservable(f);
    for (Observable o :
         {Observable::kOrigin, Observable::kIntermediary, Observable::kClient, Observable::kNone}) {
      obs[ObservableName(o)] = n[o];
    }
    r["observable"] = obs;
    r["levels"] = LevelsJson(matrix.rfcs.at(f.rfc));
    ordered_json sections = ordered_json::array();
    for (const SectionTally& s : matrix.sections) {
      if (s.rfc != f.rfc) continue;
      sections.push_back(
          {{"section", s.section}, {"title", s.title}, {"levels", LevelsJson(s.tallies)}});
    }
    r["sections"] = sections;
    rfcs.push_back(r);
  }
  doc["rfcs"] = rfcs;
  ordered_json requirements = ordered_json::array();
  for (const CatalogueFile& f : catalogue) {
    for (const Requirement& r : f.requirements) {
      ordered_json j;
      j["id"] = r.id;
      j["rfc"] = r.rfc;
      j["section"] = r.section;
      j["level"] = core::LevelName(r.level);
      j["observable"] = ObservableName(r.observable);
      auto it = coverage.covered_by.find(r.id);
      j["covered_by"] = it == coverage.covered_by.end() ? std::vector<std::string>{} : it->second;
      if (!r.reason.empty()) j["reason"] = r.reason;
      if (!r.plan.empty()) j["plan"] = r.plan;
      j["text"] = r.text;
      requirements.push_back(j);
    }
  }
  doc["requirements"] = requirements;
  ordered_json outside = ordered_json::array();
  for (const Outside& o : coverage.outside) {
    outside.push_back({{"source", o.quote.source},
                       {"rfc", o.quote.rfc},
                       {"section", o.quote.section},
                       {"level", core::LevelName(o.quote.level)},
                       {"why", o.why}});
  }
  doc["outside"] = outside;
  ordered_json locations = ordered_json::object();
  for (const auto& [id, where] : case_locations) locations[id] = where;
  doc["case_locations"] = locations;
  return doc.dump(2) + "\n";
}

}  // namespace httpconform::requirements
