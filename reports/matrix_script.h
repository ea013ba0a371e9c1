// The compatibility matrix page's inline style and script (matrix_html.cc
// renders the page). The script filters rows by the data-* attributes the
// C++ side wrote, and renders a cell's exchange only when it is opened:
// it parses the embedded JSON on the first open and builds the panel with
// createElement and textContent alone, never innerHTML, so no server byte
// can become markup. Both are allowed by the page's Content-Security-Policy
// through their SHA-256 hashes, nothing else is.
#ifndef HTTPCONFORM_REPORTS_MATRIX_SCRIPT_H_
#define HTTPCONFORM_REPORTS_MATRIX_SCRIPT_H_

namespace httpconform::reports {

inline constexpr char kMatrixStyle[] = R"css(
:root{--pass:#2e7d32;--fail:#c62828;--skip:#9e9e9e;--error:#e65100;--fg:#1b1b1b;--bg:#fff;
--muted:#666;--line:#ddd;--code:#f5f5f5;--head:#fafafa}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--bg:#161616;--muted:#aaa;--line:#3a3a3a;
--code:#222;--head:#1e1e1e}}
body{font:14px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:0;
padding:1em 2em}
h1{margin:.2em 0}h2{border-bottom:1px solid var(--line);padding-bottom:.2em;margin-top:1.5em}
code,pre{font:12px/1.4 ui-monospace,monospace;background:var(--code)}
pre{padding:.5em;overflow:auto;max-height:24em;white-space:pre-wrap;word-break:break-all;margin:.2em 0}
table{border-collapse:collapse}td,th{border:1px solid var(--line);padding:.15em .4em;text-align:left;
vertical-align:top}
#scores td.n{text-align:right}
.pass{color:var(--pass)}.fail{color:var(--fail)}.skip{color:var(--skip)}.error{color:var(--error)}
.muted{color:var(--muted)}
#filters{display:flex;gap:1em;flex-wrap:wrap;align-items:center;margin:1em 0}
#wrap{overflow:auto;max-height:85vh;border:1px solid var(--line)}
#matrix thead th{position:sticky;top:0;background:var(--head);z-index:2;font-weight:normal;
white-space:nowrap}
#matrix thead th.srv{writing-mode:vertical-rl;transform:rotate(180deg);text-align:left;
max-height:14em;overflow:hidden}
#matrix th.id{position:sticky;left:0;background:var(--head);z-index:1;white-space:nowrap;
font-weight:normal;max-width:30em;overflow:hidden;text-overflow:ellipsis}
#matrix tr.sec th{background:var(--line);position:sticky;left:0;font-weight:bold}
#matrix thead th.id{z-index:3}
#matrix td.c{text-align:center;padding:0;min-width:1.8em}
#matrix td.c a{display:block;padding:.15em .3em;text-decoration:none;color:inherit}
#matrix td.p{background:rgba(46,125,50,.15)}#matrix td.f{background:rgba(198,40,40,.3);
font-weight:bold}#matrix td.s{color:var(--skip)}#matrix td.e{background:rgba(230,81,0,.3)}
#matrix td.u a::after{content:"?"}
#matrix td.c a:focus,#matrix td.c a:hover{outline:2px solid var(--fg)}
#panel{position:fixed;top:0;right:0;bottom:0;width:min(60em,95vw);overflow:auto;
background:var(--bg);border-left:2px solid var(--line);padding:1em 1.5em;z-index:5;
box-shadow:-4px 0 12px rgba(0,0,0,.2)}
#panel blockquote{border-left:3px solid var(--line);margin:.5em 0;padding:.2em .8em}
#panel .xfer{display:grid;grid-template-columns:1fr 1fr;gap:1em}
#panel .review{border:1px solid var(--line);padding:.4em .8em}
#panel .step{border-top:1px dashed var(--line);margin-top:.8em}
td.ok{color:var(--pass)}td.bad{color:var(--fail)}
)css";

inline constexpr char kMatrixScript[] = R"js(
(function () {
  'use strict';
  var table = document.getElementById('matrix');
  var rows = table.querySelectorAll('tbody tr[data-r]');
  var heads = table.querySelectorAll('tbody tr.sec');
  var level = document.getElementById('f-level');
  var section = document.getElementById('f-section');
  var outcome = document.getElementById('f-outcome');
  var differs = document.getElementById('f-differs');
  var text = document.getElementById('f-text');
  var count = document.getElementById('f-count');
  var panel = document.getElementById('panel');
  var data = null;

  function apply() {
    var q = text.value.trim().toLowerCase();
    var shown = 0;
    var sections = {};
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var ok = (!level.value || row.getAttribute('data-l') === level.value) &&
          (!section.value || row.getAttribute('data-s') === section.value) &&
          (!outcome.value || row.getAttribute('data-o').indexOf(' ' + outcome.value + ' ') >= 0) &&
          (!differs.checked || row.getAttribute('data-d') === '1') &&
          (!q || row.getAttribute('data-id').indexOf(q) >= 0);
      row.hidden = !ok;
      if (ok) { shown++; sections[row.getAttribute('data-s')] = true; }
    }
    heads.forEach(function (h) { h.hidden = !sections[h.getAttribute('data-s')]; });
    count.textContent = shown + ' of ' + rows.length + ' cases shown';
  }
  [level, section, outcome, differs].forEach(function (e) { e.addEventListener('change', apply); });
  text.addEventListener('input', apply);
  document.getElementById('filters').hidden = false;

  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content !== undefined) e.textContent = String(content);
    return e;
  }
  function add(parent, tag, cls, content) {
    var e = el(tag, cls, content);
    parent.appendChild(e);
    return e;
  }
  function bytesBlock(parent, title, shown, more) {
    var d = add(parent, 'div');
    add(d, 'h5', null, title + (more ? ' (first bytes; ' + more + ' more in the report)' : ''));
    add(d, 'pre', null, shown);
  }
  function renderStep(parent, st, i) {
    var d = add(parent, 'div', 'step');
    add(d, 'h4', null, 'Step ' + (i + 1) + ': ' + st.m + ' ' + st.t + ' (' + st.ms + ' ms)');
    if (st.err) add(d, 'p', 'error', 'error: ' + st.err);
    if (st.closed) add(d, 'p', 'muted', 'the server closed the connection');
    var x = add(d, 'div', 'xfer');
    bytesBlock(x, 'Sent', st.sent, st.sentMore);
    bytesBlock(x, 'Received (' + st.recvSize + ' bytes)', st.recv, st.recvMore);
    if (st.checks.length) {
      var t = add(d, 'table', 'checks');
      var h = add(t, 'tr');
      ['kind', 'check', 'result', 'expected', 'actual'].forEach(function (n) { add(h, 'th', null, n); });
      st.checks.forEach(function (c) {
        var tr = add(t, 'tr');
        add(tr, 'td', null, c[0]);
        add(tr, 'td', null, c[1]);
        add(tr, 'td', c[2] ? 'ok' : 'bad', c[2] ? 'passed' : 'failed');
        add(tr, 'td', null, c[3]);
        add(tr, 'td', null, c[4]);
      });
    }
  }
  function show(r, s) {
    if (!data) data = JSON.parse(document.getElementById('matrix-data').textContent);
    var row = data.rows[r];
    var server = data.servers[s];
    var cell = row && server && data.cells[r] ? data.cells[r][s] : null;
    if (!row || !server) return;
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    var close = add(panel, 'button', null, 'close');
    close.type = 'button';
    close.id = 'panel-close';
    close.addEventListener('click', hide);
    add(panel, 'h2', null, server.name + (server.version ? ' (' + server.version + ')' : ''));
    var h = add(panel, 'h3');
    add(h, 'code', null, row.id);
    h.appendChild(document.createTextNode(' ' + row.title));
    var q = add(panel, 'blockquote', null, row.quote);
    var cite = add(q, 'cite');
    q.insertBefore(document.createElement('br'), cite);
    var label = 'RFC ' + row.rfc + ' \u00a7' + row.section + ' (' + row.level + ')';
    if (row.url) {
      var a = add(cite, 'a', null, label);
      a.href = row.url;
      a.rel = 'noreferrer noopener';
      a.target = '_blank';
    } else {
      cite.textContent = label;
    }
    if (!cell) {
      add(panel, 'p', 'muted', 'This server\'s report has no result for this case.');
    } else {
      var p = add(panel, 'p', cell.o, cell.o.toUpperCase() + (cell.why ? ': ' + cell.why : ''));
      p.id = 'panel-outcome';
      if (cell.exp.length || cell.act) {
        var t = add(panel, 'table', 'ev');
        var tr = add(t, 'tr');
        add(tr, 'th', null, cell.exp.length > 1 ? 'expected (any of)' : 'expected');
        var ul = add(add(tr, 'td'), 'ul');
        cell.exp.forEach(function (e) { add(ul, 'li', null, e); });
        tr = add(t, 'tr');
        add(tr, 'th', null, 'actual');
        add(tr, 'td', null, cell.act);
      }
      var rv = add(panel, 'div', 'review');
      rv.id = 'panel-review';
      add(rv, 'h4', null, 'Review');
      add(rv, 'p', null, cell.rev);
      if (cell.find.length) {
        add(panel, 'h4', null, 'Passive findings');
        var fl = add(panel, 'ul');
        cell.find.forEach(function (f) {
          add(fl, 'li', null, f[0] + ' (' + f[1] + ', step ' + f[3] + '): ' + f[2]);
        });
      }
      var ex = add(panel, 'div');
      ex.id = 'panel-exchange';
      cell.steps.forEach(function (st, i) { renderStep(ex, st, i); });
      if (!cell.steps.length) add(ex, 'p', 'muted', 'No request was sent.');
    }
    panel.hidden = false;
    close.focus();
  }
  function hide() {
    panel.hidden = true;
    if (location.hash && history.replaceState) {
      history.replaceState(null, '', location.pathname + location.search);
    }
  }
  function fromHash() {
    var m = /^#x-([0-9]+)-([0-9]+)$/.exec(location.hash);
    if (m) show(+m[1], +m[2]);
  }
  window.addEventListener('hashchange', fromHash);
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') hide(); });
  apply();
  fromHash();
})();
)js";

}  // namespace httpconform::reports

#endif  // HTTPCONFORM_REPORTS_MATRIX_SCRIPT_H_
