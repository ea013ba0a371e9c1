// Runs the HTML report's filter script against a minimal fake DOM and checks
// that the filters hide and show the right cases. Usage: node html_script_check.js REPORT.html
// (the sample report of render_sample: 6 cases, outcomes pass fail skip error fail
// skip, shown failures first -- fail error fail pass skip skip -- with only
// failures and errors ticked at first).
'use strict';
const fs = require('fs');
const assert = require('assert');
const html = fs.readFileSync(process.argv[2], 'utf8');

function between(open, close) {
  const start = html.indexOf(open);
  assert(start >= 0, 'missing ' + open);
  const from = start + open.length;
  return html.slice(from, html.indexOf(close, from));
}
const blob = between('<script type="application/json" id="report-data">', '</script>');
const script = between('<script>', '</script>');
// Rows in page order, each with the index of its result (data-i).
const order = Array.from(
    html.matchAll(/<details class="case [a-z]+" id="case-\d+" data-i="(\d+)"/g), (m) => m[1]);
const cases = (html.match(/<details class="case /g) || []).length;
assert.strictEqual(order.length, cases, 'every case row has data-i');
assert.deepStrictEqual(order, ['1', '3', '4', '0', '2', '5'], 'failures and errors first');
const ticked = Array.from(
    html.matchAll(/name="outcome" value="([a-z]+)"( checked)?>/g), (m) => [m[1], !!m[2]]);

function element(props) {
  const listeners = {};
  return Object.assign({
    hidden: false, open: false, value: '', checked: true, textContent: '', tagName: 'DIV',
    addEventListener(type, fn) { (listeners[type] = listeners[type] || []).push(fn); },
    fire(type) { (listeners[type] || []).forEach((fn) => fn()); },
  }, props);
}
const rows = order.map(
    (i) => element({tagName: 'DETAILS', getAttribute: (n) => (n === 'data-i' ? i : null)}));
const boxes = ticked.map(([v, on]) => element({value: v, checked: on}));
const byId = {
  'report-data': element({textContent: blob}),
  'f-level': element(), 'f-tag': element(), 'f-text': element(), 'f-count': element(),
  'f-expand': element(), 'f-collapse': element(), 'filters': element({hidden: true}),
};
const document = {
  getElementById: (id) => byId[id] || null,
  querySelectorAll: (sel) => (sel === 'details.case' ? rows : boxes),
};
new Function('document', 'location', script)(document, {hash: ''});

// In page order: framing.bad-reason (fail), connect.refused (error),
// methods.options.allow (fail), conditional... (pass), range.single (skip),
// framing.bad-reason.refined (skip: its base failed).
const shown = () => rows.map((r) => (r.hidden ? 0 : 1)).join('');
const box = (v) => boxes.find((b) => b.value === v);
assert.strictEqual(byId['filters'].hidden, false);
assert.strictEqual(shown(), '111000', 'the page opens on failures and errors');
assert.strictEqual(byId['f-count'].textContent, '3 of 6 cases shown');
box('skip').checked = true;
box('skip').fire('change');  // Show skips too.
assert.strictEqual(shown(), '111011');
byId['f-level'].value = 'MUST'; byId['f-level'].fire('change');
assert.strictEqual(shown(), '011001');
byId['f-level'].value = '';
byId['f-tag'].value = 'range';
byId['f-tag'].fire('change');
assert.strictEqual(shown(), '000010');
byId['f-tag'].value = '';
byId['f-text'].value = ' 405.ALLOW ';
byId['f-text'].fire('input');
assert.strictEqual(shown(), '001000');
assert.strictEqual(byId['f-count'].textContent, '1 of 6 cases shown');
byId['f-expand'].fire('click');
assert.deepStrictEqual(rows.map((r) => r.open), [false, false, true, false, false, false]);
byId['f-collapse'].fire('click');
assert(rows.every((r) => !r.open));
console.log('html script ok');
