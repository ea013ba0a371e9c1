// The HTML report: one self-contained file that works offline.
//
// Everything is rendered here, in C++, with every string from a server or a
// case file passed through HtmlEscape, so the page is complete and readable
// even with scripts disabled. The one inline script only filters: it reads
// the run from the JSON report embedded in <script type="application/json">
// (in which '<', '>' and '&' are \u escapes, so no "</script>" or "<!--" can
// end or confuse the block) and toggles the `hidden` attribute of the case
// rows; it never builds markup from data. A Content-Security-Policy meta tag
// forbids every load (default-src 'none') and allows only our own style and
// script, by SHA-256 hash, as a second wall behind the escaping. The only
// URLs in the page are links to the RFC sections on www.rfc-editor.org.
// Bounds: one pass over the run, no recursion over what a server sent; per
// step the page shows the bytes the transport recorded (max_record_bytes)
// and a content preview (kBodyPreviewBytes), each escaped once.
#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "harness/core/verdict.h"
#include "harness/core/versions.h"
#include "reports/html_common.h"
#include "reports/html_findings.h"
#include "reports/report.h"
#include "reports/reproducer.h"
#include "reports/text.h"
#include "reports/verdict_text.h"

namespace httpconform::reports {
namespace {

constexpr core::Outcome kOutcomes[] = {core::Outcome::kPass, core::Outcome::kFail,
                                       core::Outcome::kSkip, core::Outcome::kError};
constexpr core::Level kLevels[] = {core::Level::kMust, core::Level::kShould, core::Level::kMay};
using Counts = std::array<int, 4>;  // Indexed by outcome, in kOutcomes order.

constexpr char kStyle[] = R"css(
:root{--pass:#2e7d32;--fail:#c62828;--skip:#757575;--error:#e65100;--fg:#1b1b1b;--bg:#fff;
--muted:#666;--line:#ddd;--code:#f5f5f5}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--bg:#161616;--muted:#aaa;--line:#3a3a3a;
--code:#222}}
body{font:14px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;
max-width:1200px;padding:1em 2em}
h1{margin:.2em 0}h2{border-bottom:1px solid var(--line);padding-bottom:.2em;margin-top:1.5em}
code,pre{font:12px/1.4 ui-monospace,monospace;background:var(--code)}
pre{padding:.5em;overflow:auto;max-height:30em;white-space:pre-wrap;word-break:break-all}
table{border-collapse:collapse;margin:.4em 0}
td,th{border:1px solid var(--line);padding:.2em .5em;text-align:left;vertical-align:top}
.tiles{display:flex;gap:1em;flex-wrap:wrap}.tile{border:1px solid var(--line);padding:.5em 1em;
min-width:6em}.tile b{display:block;font-size:1.8em}
.pass{color:var(--pass)}.fail{color:var(--fail)}.skip{color:var(--skip)}.error{color:var(--error)}
.banner{border:2px solid var(--error);padding:.5em}
svg .pass{fill:var(--pass)}svg .fail{fill:var(--fail)}svg .skip{fill:var(--skip)}
svg .error{fill:var(--error)}svg text{fill:var(--fg);font-size:12px}
.charts{display:flex;gap:2em;flex-wrap:wrap}
#filters{display:flex;gap:1em;flex-wrap:wrap;align-items:center;margin:1em 0}
details.case{border:1px solid var(--line);border-left:4px solid var(--line);margin:.3em 0;
padding:.2em .6em;color:var(--fg)}
details.case.fail{border-left-color:var(--fail)}details.case.error{border-left-color:var(--error)}
details.case.pass{border-left-color:var(--pass)}
.verdict{border:2px solid var(--pass);padding:.5em;font-weight:bold}
.verdict.failed{border-color:var(--fail)}
table.findings td{vertical-align:top}.counted{color:var(--fail);font-weight:bold}
details.case>summary{cursor:pointer}details.case[open]>summary{margin-bottom:.5em}
.badge{display:inline-block;min-width:3.5em;font-weight:bold}
.lvl{display:inline-block;min-width:4em;color:var(--muted)}
.sec,.muted{color:var(--muted)}
blockquote{border-left:3px solid var(--line);margin:.5em 0;padding:.2em .8em}
.xfer{display:grid;grid-template-columns:1fr 1fr;gap:1em}
@media (max-width:800px){.xfer{grid-template-columns:1fr}}
.step{border-top:1px dashed var(--line);margin-top:.8em}
td.ok{color:var(--pass)}td.bad{color:var(--fail)}
.ver{font-size:.85em;color:var(--muted)}.badge.differs{background:#e6a700;color:#000}
)css";

constexpr char kScript[] = R"js(
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var rows = document.querySelectorAll('details.case');
  var hay = data.results.map(function (r) {
    return [r.id, r.title, r.reason, r.actual, r.expected.join('\n'), r.tags.join(' '),
            'rfc' + r.spec.rfc + ' ' + r.spec.section, r.codes.join(' '),
            r.findings.map(function (f) { return f.rule + ' ' + f.message; }).join('\n')]
        .join('\n').toLowerCase();
  });
  var boxes = document.querySelectorAll('#filters input[name=outcome]');
  var level = document.getElementById('f-level');
  var tag = document.getElementById('f-tag');
  var text = document.getElementById('f-text');
  var count = document.getElementById('f-count');
  function apply() {
    var want = {};
    boxes.forEach(function (b) { want[b.value] = b.checked; });
    var q = text.value.trim().toLowerCase();
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      // Rows are in display order (failures first); data-i is the index of
      // the row's result in the report.
      var k = +rows[i].getAttribute('data-i');
      var r = data.results[k];
      if (!r) continue;
      var ok = want[r.outcome] && (!level.value || r.spec.level === level.value) &&
          (!tag.value || r.tags.indexOf(tag.value) >= 0) && (!q || hay[k].indexOf(q) >= 0);
      rows[i].hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown + ' of ' + rows.length + ' cases shown';
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  level.addEventListener('change', apply);
  tag.addEventListener('change', apply);
  text.addEventListener('input', apply);
  document.getElementById('f-expand').addEventListener('click', function () {
    rows.forEach(function (d) { if (!d.hidden) d.open = true; });
  });
  document.getElementById('f-collapse').addEventListener('click', function () {
    rows.forEach(function (d) { d.open = false; });
  });
  document.getElementById('filters').hidden = false;
  // A link to a case (#case-N, from the findings table) opens it, shown.
  function openHash() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (!target || target.tagName !== 'DETAILS') return;
    target.hidden = false;
    target.open = true;
  }
  if (typeof window !== 'undefined') window.addEventListener('hashchange', openHash);
  apply();
  openHash();
})();
)js";

// Text from servers and case files: control, invalid and bidi characters
// made visible (ShowText), then escaped.
std::string E(std::string_view s) { return HtmlEscape(ShowText(s)); }

std::size_t OutcomeIndex(core::Outcome o) {
  for (std::size_t i = 0; i < 4; ++i) {
    if (kOutcomes[i] == o) return i;
  }
  return 3;
}

std::string Ms(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f ms", ms);
  return buf;
}

std::string RfcLink(const core::SpecRef& spec) {
  std::string label = "RFC " + std::to_string(spec.rfc);
  if (!spec.section.empty()) label += " \xC2\xA7" + spec.section;
  const std::string url = RfcSectionUrl(spec);
  if (url.empty()) return E(label);
  return "<a href=\"" + E(url) + "\" rel=\"noreferrer noopener\" target=\"_blank\">" + E(label) +
         "</a>";
}

// The JSON report made safe inside <script type="application/json">,
// appended to `out` in place: the report of a run whose steps recorded
// binary bytes holds tens of MB of JSON, which is not copied again.
void AppendEmbeddedJson(const core::RunResult& run, std::string* out) {
  AppendJsonForScript(RenderJsonCompact(run), out);
}

// A horizontal stacked bar chart, one bar per row, one segment per outcome.
std::string BarChart(const std::string& title,
                     const std::vector<std::pair<std::string, Counts>>& rows) {
  constexpr int kLabelWidth = 110, kBarWidth = 360, kRowHeight = 22, kTop = 24;
  int max_total = 1;
  for (const auto& [label, counts] : rows) {
    max_total = std::max(max_total, counts[0] + counts[1] + counts[2] + counts[3]);
  }
  const int height = kTop + kRowHeight * static_cast<int>(std::max<std::size_t>(rows.size(), 1));
  std::string out = "<figure><svg role=\"img\" width=\"" +
                    std::to_string(kLabelWidth + kBarWidth + 50) + "\" height=\"" +
                    std::to_string(height) + "\" aria-label=\"" + E(title) +
                    "\"><text x=\"0\" y=\"14\" font-weight=\"bold\">" + E(title) + "</text>";
  if (rows.empty()) {
    out += "<text x=\"0\" y=\"" + std::to_string(kTop + 14) + "\">no data</text>";
  }
  int y = kTop;
  for (const auto& [label, counts] : rows) {
    out += "<text x=\"0\" y=\"" + std::to_string(y + 15) + "\">" + E(label) + "</text>";
    int x = kLabelWidth;
    int total = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      total += counts[i];
      if (counts[i] == 0) continue;
      const int w = std::max(1, counts[i] * kBarWidth / max_total);
      out += "<rect class=\"" + std::string(core::OutcomeName(kOutcomes[i])) + "\" x=\"" +
             std::to_string(x) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" +
             std::to_string(w) + "\" height=\"" + std::to_string(kRowHeight - 6) + "\"><title>" +
             E(label) + ": " + std::to_string(counts[i]) + " " + core::OutcomeName(kOutcomes[i]) +
             "</title></rect>";
      x += w;
    }
    out += "<text x=\"" + std::to_string(x + 4) + "\" y=\"" + std::to_string(y + 15) + "\">" +
           std::to_string(total) + "</text>";
    y += kRowHeight;
  }
  return out + "</svg></figure>\n";
}

// Numbers compare as numbers ("9" before "13"), appendices after sections.
bool SectionLess(const std::pair<int, std::string>& a, const std::pair<int, std::string>& b) {
  if (a.first != b.first) return a.first < b.first;
  const bool an =
      !a.second.empty() && a.second.find_first_not_of("0123456789") == std::string::npos;
  const bool bn =
      !b.second.empty() && b.second.find_first_not_of("0123456789") == std::string::npos;
  if (an != bn) return an;
  if (an && a.second.size() != b.second.size()) return a.second.size() < b.second.size();
  return a.second < b.second;
}

std::string Charts(const core::RunResult& run) {
  std::vector<std::pair<std::string, Counts>> by_class;
  for (int cls = 1; cls <= 5; ++cls) {
    Counts counts{};
    for (const core::CaseResult& r : run.results) {
      const bool has = std::any_of(r.codes.begin(), r.codes.end(),
                                   [cls](int code) { return code / 100 == cls; });
      if (has) ++counts[OutcomeIndex(r.outcome)];
    }
    by_class.emplace_back(std::to_string(cls) + "xx", counts);
  }
  std::vector<std::pair<std::pair<int, std::string>, Counts>> sections;
  for (const core::CaseResult& r : run.results) {
    const std::pair<int, std::string> key{r.spec.rfc,
                                          r.spec.section.substr(0, r.spec.section.find('.'))};
    auto it = std::find_if(sections.begin(), sections.end(),
                           [&](const auto& s) { return s.first == key; });
    if (it == sections.end()) {
      sections.push_back({key, Counts{}});
      it = sections.end() - 1;
    }
    ++it->second[OutcomeIndex(r.outcome)];
  }
  std::sort(sections.begin(), sections.end(),
            [](const auto& a, const auto& b) { return SectionLess(a.first, b.first); });
  std::vector<std::pair<std::string, Counts>> by_section;
  for (const auto& [key, counts] : sections) {
    by_section.emplace_back("RFC " + std::to_string(key.first) + " \xC2\xA7" + key.second, counts);
  }
  return "<div class=\"charts\">" + BarChart("Cases by status class (codes)", by_class) +
         BarChart("Cases by RFC section", by_section) + "</div>\n";
}

std::string Summary(const core::RunResult& run) {
  const core::Summary sum = core::Summarize(run);
  std::string out = "<section id=\"summary\"><h2>Summary</h2><div class=\"tiles\">";
  const int values[] = {sum.pass, sum.fail, sum.skip, sum.error};
  out += "<div class=\"tile\"><b>" + std::to_string(sum.total) + "</b>total</div>";
  for (std::size_t i = 0; i < 4; ++i) {
    const std::string name = core::OutcomeName(kOutcomes[i]);
    out += "<div class=\"tile " + name + "\"><b>" + std::to_string(values[i]) + "</b>" + name +
           "</div>";
  }
  const core::RunVerdict verdict = core::JudgeRun(run);
  out += std::string("<div class=\"tile") + (verdict.failing_findings ? " fail" : "") +
         "\" id=\"tile-findings\"><b>" + std::to_string(verdict.findings) +
         "</b>passive findings (" + std::to_string(verdict.failing_findings) +
         " fail the run)</div>";
  out += "</div>\n<table class=\"levels\"><tr><th>level</th>";
  for (core::Outcome o : kOutcomes) out += std::string("<th>") + core::OutcomeName(o) + "</th>";
  out += "<th>total</th></tr>";
  for (core::Level level : kLevels) {
    Counts counts{};
    for (const core::CaseResult& r : run.results) {
      if (r.spec.level == level) ++counts[OutcomeIndex(r.outcome)];
    }
    out += std::string("<tr><th>") + core::LevelName(level) + "</th>";
    for (int c : counts) out += "<td>" + std::to_string(c) + "</td>";
    out += "<td>" + std::to_string(counts[0] + counts[1] + counts[2] + counts[3]) + "</td></tr>";
  }
  out += "</table>\n";
  // Skips that are not "does not apply here": refinements not judged because
  // a base did not pass, and MAY options not taken (as the console says).
  int blocked = 0, optional = 0;
  for (const core::CaseResult& r : run.results) {
    blocked += r.blocked_by ? 1 : 0;
    optional += r.optional_not_taken ? 1 : 0;
  }
  if (blocked > 0 || optional > 0) {
    out += "<p class=\"muted\" id=\"not-judged\">Of the skipped: " + std::to_string(blocked) +
           " not judged because a base case they refine did not pass; " + std::to_string(optional) +
           " MAY option(s) the server did not take.</p>\n";
  }
  out += Charts(run) + "</section>\n";
  return out;
}

// A run over several HTTP versions: each version's counts, then every case
// whose verdict differs, with each version's outcome linked to its result.
std::string VersionsSection(const core::RunResult& run, const std::set<std::string>& differs) {
  const std::vector<std::string> versions = core::VersionsOf(run);
  std::string out =
      "<section id=\"versions\"><h2>HTTP versions</h2><table class=\"levels\">"
      "<tr><th>version</th>";
  for (core::Outcome o : kOutcomes) out += std::string("<th>") + core::OutcomeName(o) + "</th>";
  out += "<th>total</th></tr>";
  for (const std::string& v : versions) {
    const core::Summary s = core::SummarizeVersion(run, v);
    out += "<tr><th>" + E(core::HttpLabel(v)) + "</th><td>" + std::to_string(s.pass) + "</td><td>" +
           std::to_string(s.fail) + "</td><td>" + std::to_string(s.skip) + "</td><td>" +
           std::to_string(s.error) + "</td><td>" + std::to_string(s.total) + "</td></tr>";
  }
  out += "</table>\n<h3 id=\"verdict-differs\">Verdict differs between versions (" +
         std::to_string(differs.size()) + ")</h3>\n";
  if (!differs.empty()) {
    out += "<table class=\"differs\"><tr><th>case</th>";
    for (const std::string& v : versions) out += "<th>" + E(core::HttpLabel(v)) + "</th>";
    out += "</tr>";
    for (const std::string& id : differs) {
      out += "<tr><td><code>" + E(id) + "</code></td>";
      for (const std::string& v : versions) {
        std::string cell = "not run";
        for (std::size_t i = 0; i < run.results.size(); ++i) {
          const core::CaseResult& r = run.results[i];
          if (r.id != id || r.http != v) continue;
          cell = "<a href=\"#case-" + std::to_string(i) + "\">" + core::OutcomeName(r.outcome) +
                 "</a>";
        }
        out += "<td>" + cell + "</td>";
      }
      out += "</tr>";
    }
    out += "</table>\n";
  }
  return out + "</section>\n";
}

bool IsBad(const core::CaseResult& r) {
  return r.outcome == core::Outcome::kFail || r.outcome == core::Outcome::kError;
}

std::string Filters(const core::RunResult& run) {
  std::set<std::string> tags;
  bool any_bad = false;
  for (const core::CaseResult& r : run.results) {
    for (const std::string& t : r.tags) tags.insert(SanitizeUtf8(t));
    any_bad = any_bad || IsBad(r);
  }
  // Hidden until the script runs: without scripts the filters would do nothing.
  std::string out = "<section id=\"filters\" hidden><span>outcome:</span>";
  for (core::Outcome o : kOutcomes) {
    const std::string name = core::OutcomeName(o);
    // With failures or errors, the page opens on them alone.
    const bool checked = !any_bad || o == core::Outcome::kFail || o == core::Outcome::kError;
    out += "<label class=\"" + name + "\"><input type=\"checkbox\" name=\"outcome\" value=\"" +
           name + "\"" + (checked ? " checked" : "") + "> " + name + "</label>";
  }
  out += "<label>level <select id=\"f-level\"><option value=\"\">any</option>";
  for (core::Level l : kLevels) {
    out += std::string("<option>") + core::LevelName(l) + "</option>";
  }
  out += "</select></label><label>tag <select id=\"f-tag\"><option value=\"\">any</option>";
  for (const std::string& t : tags) {
    out += "<option value=\"" + E(t) + "\">" + E(t) + "</option>";
  }
  out +=
      "</select></label><label>text <input id=\"f-text\" type=\"search\" "
      "placeholder=\"id, title, reason, section\"></label>"
      "<button type=\"button\" id=\"f-expand\">expand shown</button>"
      "<button type=\"button\" id=\"f-collapse\">collapse all</button>"
      "<span id=\"f-count\" class=\"muted\"></span></section>\n";
  return out;
}

std::string FieldsTable(const core::Fields& fields) {
  if (fields.empty()) return "<p class=\"muted\">no fields</p>";
  std::string out = "<table class=\"hdrs\">";
  for (const core::Field& f : fields) {
    out += "<tr><th>" + E(ShowBytes(f.name)) + "</th><td>" + E(ShowBytes(f.value)) + "</td></tr>";
  }
  return out + "</table>";
}

const char* FramingLabel(core::Framing f) {
  switch (f) {
    case core::Framing::kNoContent:
      return "no content";
    case core::Framing::kContentLength:
      return "Content-Length";
    case core::Framing::kChunked:
      return "chunked";
    case core::Framing::kCloseDelimited:
      return "close-delimited";
  }
  return "?";
}

std::string StatusLine(const core::ResponseHead& h) {
  return "<code>" + E(ShowBytes(h.version)) + " " + std::to_string(h.status) + " " +
         E(ShowBytes(h.reason)) + "</code>";
}

std::string ResponseHtml(const core::Response& r) {
  std::string out = "<h5>Parsed response</h5>";
  for (const core::ResponseHead& h : r.interim) {
    out += "<p>interim " + StatusLine(h) + "</p>" + FieldsTable(h.fields);
  }
  out += "<p>" + StatusLine(r.head) + " &middot; framing " + FramingLabel(r.framing) +
         " &middot; content " + std::to_string(r.content_size) + " bytes" +
         (r.content_truncated ? " (over the capture cap)" : "") +
         (r.complete ? "" : " &middot; <b class=\"fail\">incomplete</b>") + "</p>";
  out += FieldsTable(r.head.fields);
  if (!r.trailers.empty()) out += "<p>trailers</p>" + FieldsTable(r.trailers);
  if (r.fields_omitted > 0) {
    out += "<p>" + std::to_string(r.fields_omitted) + " more field line(s) not kept</p>";
  }
  if (!r.content.empty()) {
    const std::string_view preview = std::string_view(r.content).substr(0, kBodyPreviewBytes);
    out += "<p>content, first " + std::to_string(preview.size()) + " bytes</p><pre>" +
           E(ShowBytes(preview)) + "</pre>";
  }
  if (!r.diagnostics.empty()) {
    out += "<p>wire diagnostics (RFC 9112)</p><ul class=\"diag\">";
    for (const core::Diagnostic& d : r.diagnostics) {
      out += "<li><code>" + E(d.id) + "</code> at byte " + std::to_string(d.offset) + ": " +
             E(d.detail) + (d.fatal ? " <b class=\"fail\">(fatal)</b>" : "") + "</li>";
    }
    out += "</ul>";
  }
  return out;
}

std::string StepHtml(const core::StepResult& s, std::size_t index) {
  std::string out = "<div class=\"step\"><h4>Step " + std::to_string(index + 1) +
                    " <span class=\"muted\">" + Ms(s.duration_ms) + "</span></h4>";
  if (!s.error.empty()) out += "<p class=\"error\">error: " + E(s.error) + "</p>";
  std::vector<std::string> flags;
  if (s.connection_closed) flags.push_back("server closed the connection");
  if (s.response_before_content) flags.push_back("response began before the content was sent");
  if (!flags.empty()) {
    out += "<p class=\"muted\">";
    for (std::size_t i = 0; i < flags.size(); ++i) out += (i ? "; " : "") + flags[i];
    out += "</p>";
  }
  std::string sent;
  if (!s.request.bytes.empty()) {
    sent = ShowBytes(s.request.bytes);
  } else {
    sent = ShowBytes(s.request.method) + " " + ShowBytes(s.request.target) + "\n";
    for (const core::Field& f : s.request.headers) {
      sent += ShowBytes(f.name) + ": " + ShowBytes(f.value) + "\n";
    }
  }
  out += "<div class=\"xfer\"><div><h5>Sent" + std::string(s.request.raw ? " (raw)" : "") +
         "</h5><pre>" + E(sent) + "</pre></div><div><h5>Received (" +
         std::to_string(s.received.size()) + " bytes)</h5><pre>" + E(ShowBytes(s.received)) +
         "</pre></div></div>";
  if (s.response) {
    out += ResponseHtml(*s.response);
  } else {
    out += "<p class=\"muted\">no parseable response</p>";
  }
  if (!s.checks.empty()) {
    out +=
        "<table class=\"checks\"><tr><th>kind</th><th>check</th><th>result</th>"
        "<th>expected</th><th>actual</th></tr>";
    for (const core::CheckResult& c : s.checks) {
      out += "<tr><td>" + E(c.kind) + "</td><td>" + E(c.name) + "</td>" +
             (c.passed ? "<td class=\"ok\">passed</td>" : "<td class=\"bad\">failed</td>") +
             "<td>" + E(c.expected) + "</td><td>" + E(c.actual) + "</td></tr>";
    }
    out += "</table>";
  }
  return out + "</div>";
}

// A run over several HTTP versions: the result's version, and a mark when
// its verdict differs from another version's.
std::string VersionMarks(const core::CaseResult& r, const std::set<std::string>* differs) {
  if (differs == nullptr || r.http.empty()) return "";
  return "<span class=\"ver\">" + E(core::HttpLabel(r.http)) + "</span> " +
         (differs->count(r.id) ? "<span class=\"badge differs\">verdict differs</span> " : "");
}

std::string CaseHtml(const core::CaseResult& r, std::size_t index, const std::string& target_url,
                     const core::RunSettings& settings, const std::set<std::string>* differs) {
  const std::string outcome = core::OutcomeName(r.outcome);
  std::string out = "<details class=\"case " + outcome + "\" id=\"case-" + std::to_string(index) +
                    "\" data-i=\"" + std::to_string(index) + "\"><summary><span class=\"badge " +
                    outcome + "\">" + outcome + "</span> <span class=\"lvl\">" +
                    core::LevelName(r.spec.level) + "</span> " + VersionMarks(r, differs) +
                    "<code>" + E(r.id) + "</code> " + E(r.title) + " <span class=\"sec\">RFC " +
                    std::to_string(r.spec.rfc) + " \xC2\xA7" + E(r.spec.section) +
                    "</span></summary>\n";
  if (!r.reason.empty()) out += "<p class=\"" + outcome + "\">" + E(r.reason) + "</p>";
  // CI workflow marks: retries, flakiness, baseline (see docs/baseline.md).
  if (r.flaky) {
    out += "<p class=\"flaky\"><b>flaky</b>: failed, then passed on attempt " +
           std::to_string(r.attempts) + "</p>";
  } else if (r.attempts > 1) {
    out += "<p class=\"muted\">" + std::to_string(r.attempts) + " attempts</p>";
  }
  if (r.baseline == "known") {
    out += "<p class=\"muted\">known failure (baseline): does not fail the run</p>";
  } else if (r.baseline == "fixed") {
    out += "<p class=\"pass\">fixed: remove it from the baseline</p>";
  }
  // Dependencies and MAY choices (docs/verdicts.md).
  auto ids = [](const std::vector<std::string>& list) {
    std::string text;
    for (const std::string& id : list) text += (text.empty() ? "" : ", ") + E(id);
    return text;
  };
  if (r.blocked_by) {
    out += "<p class=\"muted\">not run: base case <code>" + E(r.blocked_by->id) + "</code> gave " +
           E(r.blocked_by->outcome) + "</p>";
  }
  if (!r.file.empty()) {
    out += "<p class=\"muted\">case source: <code>" + E(r.file) +
           (r.line > 0 ? ":" + std::to_string(r.line) : "") + "</code></p>";
  }
  if (!r.after.empty()) out += "<p class=\"muted\">refines (runs after): " + ids(r.after) + "</p>";
  if (!r.pulled_in_by.empty()) {
    out += "<p class=\"muted\">not selected; run as a base of: " + ids(r.pulled_in_by) + "</p>";
  }
  if (r.optional_not_taken) {
    out += "<p class=\"muted\">MAY: the server made a choice the RFC allows; not a failure</p>";
  }
  out += "<blockquote>" + E(r.spec.quote) + "<br><cite>" + RfcLink(r.spec) + " (" +
         core::LevelName(r.spec.level) + ")</cite></blockquote>";
  out += "<p class=\"muted\">codes: ";
  for (std::size_t i = 0; i < r.codes.size(); ++i) {
    out += (i ? ", " : "") + std::to_string(r.codes[i]);
  }
  out += " &middot; tags: ";
  for (std::size_t i = 0; i < r.tags.size(); ++i) out += (i ? ", " : "") + E(r.tags[i]);
  out += " &middot; " + Ms(r.duration_ms) + "</p>";
  if (!r.expected.empty() || !r.actual.empty()) {
    // Several acceptable outcomes are alternatives: any one of them would pass.
    out += std::string("<table class=\"ev\"><tr><th>") +
           (r.expected.size() > 1 ? "expected (any of)" : "expected") + "</th><td><ul>";
    for (const std::string& e : r.expected) out += "<li>" + E(e) + "</li>";
    out += "</ul></td></tr><tr><th>actual</th><td>" + E(r.actual) + "</td></tr></table>";
  }
  if (!r.findings.empty()) {
    out +=
        "<h4>Passive findings</h4><table class=\"findings\"><tr><th>rule</th><th>level</th>"
        "<th>status</th><th>section</th><th>message</th><th>step</th></tr>";
    for (const core::PassiveFinding& f : r.findings) {
      out += "<tr><td><code>" + E(f.rule) + "</code></td><td>" + core::LevelName(f.level) +
             "</td><td>" + std::to_string(f.status) + "</td><td>" + E(f.Sections()) + "</td><td>" +
             E(f.message) + "</td><td>" + std::to_string(f.step + 1) + "</td></tr>";
    }
    out += "</table>";
  }
  const bool bad = r.outcome == core::Outcome::kFail || r.outcome == core::Outcome::kError;
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    out += StepHtml(r.steps[i], i);
    if (bad) {
      out += "<div class=\"repro\"><h5>Reproduce step " + std::to_string(i + 1) + "</h5><pre>" +
             HtmlEscape(Reproducer(r.steps[i], target_url, settings)) + "</pre></div>";
    }
  }
  return out + "</details>\n";
}

}  // namespace

std::string RenderHtml(const core::RunResult& run) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src " +
      CspHash(kStyle) + "; script-src " + CspHash(kScript) +
      "; base-uri 'none'; form-action 'none'\">\n<title>httpconform report: " + E(run.target_url) +
      "</title>\n<style>" + kStyle + "</style></head>\n<body>\n";
  out += "<header><h1>httpconform report</h1><p>target <code>" + E(run.target_url) + "</code>" +
         (run.proxy.origin.empty()
              ? ""
              : std::string(run.proxy.forward ? " (forward proxy)" : " (gateway)") +
                    ", scripted origin <code id=\"origin\">" + E(run.proxy.origin) + "</code>") +
         " &middot; started " + E(run.started_at) + " &middot; " + Ms(run.duration_ms) +
         " &middot; " + E(run.tool_name) + " " + E(run.tool_version) + "</p>";
  out += std::string("<p id=\"verdict\" class=\"verdict") +
         (core::JudgeRun(run).failed() ? " failed" : "") + "\">" + E(VerdictLine(run)) + "</p>";
  if (!run.error.empty()) {
    out +=
        "<p class=\"banner\" id=\"run-error\">The run could not be carried out, so no case ran: " +
        E(run.error) + "</p>";
  }
  if (run.incomplete) {
    out += run.stop_reason.empty()
               ? "<p class=\"banner\">This run was interrupted: the results are incomplete.</p>"
               : "<p class=\"banner\">This run " + E(run.stop_reason) +
                     ": the results are incomplete.</p>";
  }
  if (!run.notes.empty()) {
    out += "<ul class=\"notes\">";
    for (const std::string& n : run.notes) out += "<li>" + E(n) + "</li>";
    out += "</ul>";
  }
  const std::set<std::string> differs = core::VerdictDiffers(run);
  const bool multi = core::IsMultiVersion(run);
  out += "</header>\n" + Summary(run) + (multi ? VersionsSection(run, differs) : "") +
         HtmlFindingsSection(run) + "<section id=\"cases\"><h2>Cases</h2>\n" + Filters(run);
  // Failures and errors first, each group in case-id order.
  for (bool bad : {true, false}) {
    for (std::size_t i = 0; i < run.results.size(); ++i) {
      if (IsBad(run.results[i]) == bad) {
        out +=
            CaseHtml(run.results[i], i, run.target_url, run.settings, multi ? &differs : nullptr);
      }
    }
  }
  out += "</section>\n<script type=\"application/json\" id=\"report-data\">";
  AppendEmbeddedJson(run, &out);
  out += "</script>\n<script>";
  out += kScript;
  out += "</script>\n</body></html>\n";
  return out;
}

}  // namespace httpconform::reports
