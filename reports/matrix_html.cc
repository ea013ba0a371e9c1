// The compatibility matrix as one offline HTML page.
//
// The table is rendered here, in C++, and is complete without scripts:
// servers as columns (name and version in the header), cases as rows grouped
// by RFC section, a cell per result that links to #x-ROW-SERVER. What a
// cell opens -- the case's quote, the verdict, the review, the exchange in
// both directions -- lives in one embedded JSON block and is rendered by
// the script only when a cell is opened, so a page of 25 servers x 300 cases
// keeps a DOM of one small element per cell. Everything from a server or a
// case file is escaped: HtmlEscape in markup, and in the JSON block strings
// in which '<', '>' and '&' are \u escapes (JsonForScript); wire bytes are
// made visible (ShowBytes) before they are stored, and the script puts them
// in the page with textContent only. A Content-Security-Policy forbids every
// load and allows the page's own style and script by hash.
// Bounds: linear in the reports; each step keeps at most
// kMatrixBytesPerDirection bytes each way, and all of them together at most
// kMatrixExchangeBudget (ExchangeAllowance; the server's report has all).
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "reports/html_common.h"
#include "reports/matrix.h"
#include "reports/matrix_script.h"
#include "reports/text.h"

namespace httpconform::reports {
namespace {

using Json = nlohmann::json;

std::string E(std::string_view s) { return HtmlEscape(ShowText(s)); }

const char* CellClass(core::Outcome o) {
  switch (o) {
    case core::Outcome::kPass:
      return "p";
    case core::Outcome::kFail:
      return "f";
    case core::Outcome::kSkip:
      return "s";
    case core::Outcome::kError:
      return "e";
  }
  return "e";
}

// Short, so that 25 columns fit: check, cross, dash, bang.
const char* CellMark(core::Outcome o) {
  switch (o) {
    case core::Outcome::kPass:
      return "\xE2\x9C\x93";
    case core::Outcome::kFail:
      return "\xE2\x9C\x97";
    case core::Outcome::kSkip:
      return "\xE2\x80\x93";
    case core::Outcome::kError:
      return "!";
  }
  return "!";
}

std::string SectionLabel(const MatrixSection& sec) {
  return "RFC " + std::to_string(sec.rfc) + " \xC2\xA7" + sec.top;
}

// What the review of tests/expected/NAME.json says of this result, in words.
std::string ReviewText(const MatrixServer& server, const core::CaseResult& r, bool* reviewed) {
  *reviewed = true;
  const std::string got = core::OutcomeName(r.outcome);
  if (server.reviews.empty()) {
    *reviewed = r.outcome != core::Outcome::kFail;
    return "No expected verdicts were given for this server (--expected DIR).";
  }
  const auto it = server.reviews.find(r.id);
  if (it == server.reviews.end()) {
    if (r.outcome == core::Outcome::kPass) return "pass, as expected.";
    *reviewed = false;
    return "Not reviewed: the expected verdicts say pass, the run says " + got + ".";
  }
  const ReviewedVerdict& v = it->second;
  if (v.outcome != got) {
    *reviewed = false;
    return "Stale: the expected verdicts say " + v.outcome + ", the run says " + got +
           ". The review was: " + v.justification;
  }
  if (v.justification.empty() || v.justification == "UNREVIEWED") {
    *reviewed = false;
    return "Not reviewed yet (" + got + ").";
  }
  return v.justification;
}

// `bytes` made visible, at most `cap` of them; *more is what was left out.
std::string Capped(const std::string& bytes, std::size_t cap, std::size_t* more) {
  const std::size_t n = std::min(bytes.size(), cap);
  *more = bytes.size() - n;
  return ShowBytes(std::string_view(bytes).substr(0, n));
}

Json StepJson(const core::StepResult& s, std::size_t cap) {
  Json j;
  j["m"] = SanitizeUtf8(ShowBytes(s.request.method));
  j["t"] = SanitizeUtf8(ShowBytes(s.request.target));
  std::size_t more = 0;
  std::string sent = s.request.bytes;
  if (sent.empty()) {
    sent = s.request.method + " " + s.request.target + "\r\n";
    for (const core::Field& f : s.request.headers) sent += f.name + ": " + f.value + "\r\n";
  }
  j["sent"] = Capped(sent, cap, &more);
  j["sentMore"] = more;
  j["recv"] = Capped(s.received, cap, &more);
  j["recvMore"] = more;
  j["recvSize"] = s.received.size();
  j["err"] = ShowText(s.error);
  j["closed"] = s.connection_closed;
  j["ms"] = static_cast<double>(static_cast<long long>(s.duration_ms * 10)) / 10;
  Json checks = Json::array();
  for (const core::CheckResult& c : s.checks) {
    checks.push_back(
        {ShowText(c.kind), ShowText(c.name), c.passed, ShowText(c.expected), ShowText(c.actual)});
  }
  j["checks"] = std::move(checks);
  return j;
}

Json CellJson(const MatrixServer& server, const core::CaseResult& r,
              const MatrixAllowance& allowance) {
  Json j;
  j["o"] = core::OutcomeName(r.outcome);
  j["why"] = ShowText(r.reason);
  Json exp = Json::array();
  for (const std::string& e : r.expected) exp.push_back(ShowText(e));
  j["exp"] = std::move(exp);
  j["act"] = ShowText(r.actual);
  bool reviewed = false;
  j["rev"] = ShowText(ReviewText(server, r, &reviewed));
  Json find = Json::array();
  for (const core::PassiveFinding& f : r.findings) {
    find.push_back({ShowText(f.rule), core::LevelName(f.level), ShowText(f.message), f.step + 1});
  }
  j["find"] = std::move(find);
  Json steps = Json::array();
  const bool failed = r.outcome == core::Outcome::kFail || r.outcome == core::Outcome::kError;
  const std::size_t cap = failed ? allowance.failed : allowance.other;
  for (const core::StepResult& s : r.steps) steps.push_back(StepJson(s, cap));
  j["steps"] = std::move(steps);
  return j;
}

std::string DataJson(const std::vector<MatrixServer>& servers, const Matrix& m) {
  const MatrixAllowance allowance = ExchangeAllowance(servers);
  Json doc;
  Json jservers = Json::array();
  for (const MatrixServer& s : servers) {
    jservers.push_back({{"name", ShowText(s.name)},
                        {"version", ShowText(s.version)},
                        {"url", ShowText(s.run.target_url)}});
  }
  doc["servers"] = std::move(jservers);
  Json rows = Json::array();
  Json cells = Json::array();
  for (const MatrixSection& sec : m.sections) {
    for (const MatrixRow& row : sec.rows) {
      const core::SpecRef& spec = row.first->spec;
      rows.push_back({{"id", ShowText(row.id)},
                      {"title", ShowText(row.first->title)},
                      {"rfc", spec.rfc},
                      {"section", ShowText(spec.section)},
                      {"level", core::LevelName(spec.level)},
                      {"quote", ShowText(spec.quote)},
                      {"url", RfcSectionUrl(spec)}});
      Json line = Json::array();
      for (std::size_t s = 0; s < servers.size(); ++s) {
        const int i = row.result_index[s];
        line.push_back(i < 0 ? Json() : CellJson(servers[s], servers[s].run.results[i], allowance));
      }
      cells.push_back(std::move(line));
    }
  }
  doc["rows"] = std::move(rows);
  doc["cells"] = std::move(cells);
  // ASCII only (every other character a \u escape), invalid UTF-8 replaced:
  // the strings went through ShowText/ShowBytes, so there is none.
  return JsonForScript(doc.dump(-1, ' ', true, Json::error_handler_t::replace));
}

std::string ScoresTable(const std::vector<MatrixServer>& servers, const Matrix& m) {
  std::string out =
      "<section id=\"scores\"><h2>Servers</h2><table><tr><th>server</th><th>version</th>"
      "<th>serves the files with</th><th>cases</th><th>run (not skipped)</th><th>pass</th>"
      "<th>fail</th><th>skip</th><th>error</th><th>MUST pass rate</th>"
      "<th>SHOULD pass rate</th></tr>\n";
  for (std::size_t s = 0; s < servers.size(); ++s) {
    const MatrixScore& c = m.scores[s];
    const int run = c.total - c.skip;
    out += "<tr><th>" + E(servers[s].name) + "</th><td>" + E(servers[s].version) + "</td><td>" +
           E(servers[s].about) + "</td><td class=\"n\">" + std::to_string(c.total) +
           "</td><td class=\"n\">" + std::to_string(run) + " (" + Percent(run, c.total) +
           ")</td><td class=\"n pass\">" + std::to_string(c.pass) + "</td><td class=\"n fail\">" +
           std::to_string(c.fail) + "</td><td class=\"n skip\">" + std::to_string(c.skip) +
           "</td><td class=\"n error\">" + std::to_string(c.error) + "</td><td class=\"n\">" +
           Percent(c.must_pass, c.must_run) + " <span class=\"muted\">(" +
           std::to_string(c.must_pass) + "/" + std::to_string(c.must_run) +
           ")</span></td><td class=\"n\">" + Percent(c.should_pass, c.should_run) +
           " <span class=\"muted\">(" + std::to_string(c.should_pass) + "/" +
           std::to_string(c.should_run) + ")</span></td></tr>\n";
  }
  out +=
      "</table><p class=\"muted\">A pass rate counts the cases of that level that ran: passed "
      "/ (passed + failed + errors). Skipped cases did not apply to the server as it was "
      "set up.</p></section>\n";
  return out;
}

std::string Filters(const Matrix& m) {
  std::string out =
      "<section id=\"filters\" hidden><label>level <select id=\"f-level\"><option "
      "value=\"\">any</option><option>MUST</option><option>SHOULD</option><option>MAY</option>"
      "</select></label><label>section <select id=\"f-section\"><option value=\"\">any"
      "</option>";
  for (std::size_t k = 0; k < m.sections.size(); ++k) {
    out += "<option value=\"" + std::to_string(k) + "\">" + E(SectionLabel(m.sections[k])) +
           "</option>";
  }
  out +=
      "</select></label><label>a server's outcome <select id=\"f-outcome\"><option "
      "value=\"\">any</option><option value=\"fail\">fail</option><option "
      "value=\"error\">error</option><option value=\"skip\">skip</option><option "
      "value=\"pass\">pass</option></select></label><label><input type=\"checkbox\" "
      "id=\"f-differs\"> differs between servers</label><label>case <input id=\"f-text\" "
      "type=\"search\" placeholder=\"id\"></label><span id=\"f-count\" class=\"muted\"></span>"
      "</section>\n";
  return out;
}

std::string Table(const std::vector<MatrixServer>& servers, const Matrix& m) {
  const std::string cols = std::to_string(servers.size() + 2);
  std::string out =
      "<div id=\"wrap\"><table id=\"matrix\"><thead><tr><th class=\"id\">case</th>"
      "<th>level</th>";
  for (const MatrixServer& s : servers) {
    out += "<th class=\"srv\" title=\"" + E(s.version) + "\">" + E(s.name) +
           (s.version.empty() ? "" : " <span class=\"muted\">" + E(s.version) + "</span>") +
           "</th>";
  }
  out += "</tr></thead>\n";
  int r = 0;
  for (std::size_t k = 0; k < m.sections.size(); ++k) {
    const MatrixSection& sec = m.sections[k];
    const std::string key = std::to_string(k);
    out += "<tbody><tr class=\"sec\" data-s=\"" + key + "\"><th colspan=\"" + cols + "\">" +
           E(SectionLabel(sec)) + " <span class=\"muted\">(" + std::to_string(sec.rows.size()) +
           " cases)</span></th></tr>\n";
    for (const MatrixRow& row : sec.rows) {
      std::set<std::string> outcomes;
      std::string cells;
      for (std::size_t s = 0; s < servers.size(); ++s) {
        const int i = row.result_index[s];
        if (i < 0) {
          cells += "<td class=\"c n\" title=\"not in this report\"></td>";
          continue;
        }
        const core::CaseResult& res = servers[s].run.results[i];
        outcomes.insert(core::OutcomeName(res.outcome));
        bool reviewed = true;
        ReviewText(servers[s], res, &reviewed);
        const bool flag =
            res.outcome != core::Outcome::kPass && !reviewed && !servers[s].reviews.empty();
        cells += std::string("<td class=\"c ") + CellClass(res.outcome) + (flag ? " u" : "") +
                 "\"><a href=\"#x-" + std::to_string(r) + "-" + std::to_string(s) + "\" title=\"" +
                 E(servers[s].name) + ": " + core::OutcomeName(res.outcome) + "\">" +
                 CellMark(res.outcome) + "</a></td>";
      }
      std::string o = " ";
      for (const std::string& x : outcomes) o += x + " ";
      std::string lower = SanitizeUtf8(row.id);
      for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
      const core::SpecRef& spec = row.first->spec;
      out += "<tr data-r=\"" + std::to_string(r) + "\" data-s=\"" + key + "\" data-l=\"" +
             core::LevelName(spec.level) + "\" data-o=\"" + o + "\" data-d=\"" +
             (row.differs ? "1" : "0") + "\" data-id=\"" + E(lower) +
             "\"><th class=\"id\" title=\"" + E(row.first->title) + " (RFC " +
             std::to_string(spec.rfc) + " \xC2\xA7" + E(spec.section) + ")\"><code>" + E(row.id) +
             "</code></th><td>" + core::LevelName(spec.level) + "</td>" + cells + "</tr>\n";
      ++r;
    }
    out += "</tbody>\n";
  }
  return out + "</table></div>\n";
}

}  // namespace

std::string RenderMatrixHtml(const std::vector<MatrixServer>& servers) {
  const Matrix m = BuildMatrix(servers);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src " +
      CspHash(kMatrixStyle) + "; script-src " + CspHash(kMatrixScript) +
      "; base-uri 'none'; form-action 'none'\">\n<title>httpconform compatibility matrix: " +
      std::to_string(servers.size()) + " servers</title>\n<style>" + kMatrixStyle +
      "</style></head>\n<body>\n<header><h1>httpconform compatibility matrix</h1><p>" +
      std::to_string(servers.size()) + " servers, " + std::to_string(m.cases) +
      " cases. Each column is one run of the case library against one server; a cell opens "
      "the case's requirement, the verdict, its review and the exchange (bytes both ways). "
      "<span class=\"pass\">\xE2\x9C\x93 pass</span>, <span class=\"fail\">\xE2\x9C\x97 "
      "fail</span>, <span class=\"skip\">\xE2\x80\x93 skip</span>, <span class=\"error\">! "
      "error</span>; a ? marks a verdict without a review that matches it.</p></header>\n";
  out += ScoresTable(servers, m) + "<section id=\"cases\"><h2>Cases</h2>\n" + Filters(m) +
         Table(servers, m) + "</section>\n<aside id=\"panel\" hidden></aside>\n" +
         "<script type=\"application/json\" id=\"matrix-data\">" + DataJson(servers, m) +
         "</script>\n<script>" + kMatrixScript + "</script>\n</body></html>\n";
  return out;
}

}  // namespace httpconform::reports
