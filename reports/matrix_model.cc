// The matrix model: reviewed verdicts read from tests/expected/NAME.json,
// per-server scores, and the rows grouped by RFC section. Both renderers
// (matrix_html.cc, matrix_markdown.cc) read only what BuildMatrix returns,
// so they count alike. Everything here is linear in the reports' results
// (a map from case id to row, one pass per server).
#include <algorithm>
#include <cstdio>
#include <utility>

#include "reports/json_read.h"
#include "reports/matrix.h"

namespace httpconform::reports {
namespace {

using Json = nlohmann::ordered_json;

// "13.1.2" -> ["13", "1", "2"].
std::vector<std::string> SplitDots(const std::string& s) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t dot = s.find('.', start);
    parts.push_back(s.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

bool AllDigits(const std::string& s) {
  return !s.empty() && s.size() < 9 && s.find_first_not_of("0123456789") == std::string::npos;
}

// Dotted sections part by part: numbers as numbers ("9" before "13"),
// numbers before letters (sections before appendices), text as text.
bool SectionBefore(const std::string& a, const std::string& b) {
  const std::vector<std::string> pa = SplitDots(a), pb = SplitDots(b);
  for (std::size_t i = 0; i < pa.size() && i < pb.size(); ++i) {
    if (pa[i] == pb[i]) continue;
    const bool na = AllDigits(pa[i]), nb = AllDigits(pb[i]);
    if (na && nb) return std::stol(pa[i]) < std::stol(pb[i]);
    if (na != nb) return na;
    return pa[i] < pb[i];
  }
  return pa.size() < pb.size();
}

std::string TopSection(const std::string& section) { return section.substr(0, section.find('.')); }

void Count(const core::CaseResult& r, MatrixScore* s) {
  ++s->total;
  switch (r.outcome) {
    case core::Outcome::kPass:
      ++s->pass;
      break;
    case core::Outcome::kFail:
      ++s->fail;
      break;
    case core::Outcome::kSkip:
      ++s->skip;
      return;  // Did not run: not in the pass rates.
    case core::Outcome::kError:
      ++s->error;
      break;
  }
  const bool passed = r.outcome == core::Outcome::kPass;
  if (r.spec.level == core::Level::kMust) {
    ++s->must_run;
    s->must_pass += passed;
  } else if (r.spec.level == core::Level::kShould) {
    ++s->should_run;
    s->should_pass += passed;
  }
}

}  // namespace

core::Expected<std::map<std::string, ReviewedVerdict>> ParseExpectedVerdicts(
    std::string_view text) {
  core::Expected<Json> doc = ParseBoundedJson(text, "expected", /*comments=*/false);
  if (!doc) return doc.error();
  if (!doc->is_object()) return core::MakeError("expected", "/: expected an object");
  std::map<std::string, ReviewedVerdict> out;
  for (const auto& [id, entry] : doc->items()) {
    const std::string at = "/" + id;
    if (!entry.is_object()) return core::MakeError("expected", at + ": expected an object");
    const auto outcome = entry.find("outcome");
    if (outcome == entry.end() || !outcome->is_string()) {
      return core::MakeError("expected", at + "/outcome: expected a string");
    }
    ReviewedVerdict v;
    v.outcome = outcome->get<std::string>();
    if (v.outcome != "fail" && v.outcome != "skip" && v.outcome != "error") {
      return core::MakeError("expected", at + "/outcome: expected fail, skip or error");
    }
    const auto just = entry.find("justification");
    if (just != entry.end()) {
      if (!just->is_string()) {
        return core::MakeError("expected", at + "/justification: expected a string");
      }
      v.justification = just->get<std::string>();
    }
    out.emplace(id, std::move(v));
  }
  return out;
}

std::string Percent(int part, int whole) {
  if (whole <= 0) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%d%%", static_cast<int>(100.0 * part / whole + 0.5));
  return buf;
}

MatrixAllowance ExchangeAllowance(const std::vector<MatrixServer>& servers) {
  // Directions (two per step) in failed cells and in the others; each
  // direction gets the same share of its tier, so the sum is within budget
  // by construction, whatever the number of servers, cases and steps.
  std::size_t failed_dirs = 0, other_dirs = 0;
  for (const MatrixServer& server : servers) {
    for (const core::CaseResult& r : server.run.results) {
      const bool failed = r.outcome == core::Outcome::kFail || r.outcome == core::Outcome::kError;
      (failed ? failed_dirs : other_dirs) += 2 * r.steps.size();
    }
  }
  MatrixAllowance a;
  if (failed_dirs > 0) {
    a.failed = std::min(kMatrixBytesPerDirection, kMatrixExchangeBudget / 4 * 3 / failed_dirs);
  }
  if (other_dirs > 0) {
    a.other = std::min(kMatrixBytesPerDirection,
                       (kMatrixExchangeBudget - a.failed * failed_dirs) / other_dirs);
  }
  return a;
}

Matrix BuildMatrix(const std::vector<MatrixServer>& servers) {
  Matrix m;
  m.scores.resize(servers.size());
  // Case id -> row, in first-seen order; then grouped and sorted.
  std::map<std::string, MatrixRow> rows;
  for (std::size_t s = 0; s < servers.size(); ++s) {
    const std::vector<core::CaseResult>& results = servers[s].run.results;
    for (std::size_t i = 0; i < results.size(); ++i) {
      const core::CaseResult& r = results[i];
      Count(r, &m.scores[s]);
      auto [it, added] = rows.try_emplace(r.id);
      MatrixRow& row = it->second;
      if (added) {
        row.id = r.id;
        row.first = &r;
        row.result_index.assign(servers.size(), -1);
      }
      // A report lists each id once; should one repeat, the first stands.
      if (row.result_index[s] < 0) row.result_index[s] = static_cast<int>(i);
    }
  }
  m.cases = static_cast<int>(rows.size());
  std::vector<MatrixRow> sorted;
  sorted.reserve(rows.size());
  for (auto& [id, row] : rows) {
    std::optional<core::Outcome> seen;
    for (std::size_t s = 0; s < servers.size(); ++s) {
      if (row.result_index[s] < 0) continue;
      const core::Outcome o = servers[s].run.results[row.result_index[s]].outcome;
      if (seen && *seen != o) row.differs = true;
      seen = o;
    }
    sorted.push_back(std::move(row));
  }
  std::stable_sort(sorted.begin(), sorted.end(), [](const MatrixRow& a, const MatrixRow& b) {
    if (a.first->spec.rfc != b.first->spec.rfc) return a.first->spec.rfc < b.first->spec.rfc;
    if (a.first->spec.section != b.first->spec.section) {
      return SectionBefore(a.first->spec.section, b.first->spec.section);
    }
    return a.id < b.id;
  });
  for (MatrixRow& row : sorted) {
    const int rfc = row.first->spec.rfc;
    const std::string top = TopSection(row.first->spec.section);
    if (m.sections.empty() || m.sections.back().rfc != rfc || m.sections.back().top != top) {
      m.sections.push_back(MatrixSection{rfc, top, {}});
    }
    m.sections.back().rows.push_back(std::move(row));
  }
  return m;
}

}  // namespace httpconform::reports
