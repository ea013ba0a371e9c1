// Runs the HTML report's filter script against a minimal fake DOM and checks
// that the filters hide and show the right cases. Usage: node html_script_check.js REPORT.html
// (the sample report of render_sample: 5 cases, outcomes pass fail skip error fail).
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
const cases = (html.match(/<details class="case /g) || []).length;

function element(props) {
  const listeners = {};
  return Object.assign({
    hidden: false, open: false, value: '', checked: true, textContent: '', tagName: 'DIV',
    addEventListener(type, fn) { (listeners[type] = listeners[type] || []).push(fn); },
    fire(type) { (listeners[type] || []).forEach((fn) => fn()); },
  }, props);
}
const rows = Array.from({length: cases}, () => element({tagName: 'DETAILS'}));
const boxes = ['pass', 'fail', 'skip', 'error'].map((v) => element({value: v}));
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

const shown = () => rows.map((r) => (r.hidden ? 0 : 1)).join('');
assert.strictEqual(byId['filters'].hidden, false);
assert.strictEqual(shown(), '111111');
assert.strictEqual(byId['f-count'].textContent, '6 of 6 cases shown');
boxes[0].checked = false; boxes[0].fire('change');        // Hide passes.
assert.strictEqual(shown(), '011111');
byId['f-level'].value = 'MUST'; byId['f-level'].fire('change');
assert.strictEqual(shown(), '000111');
byId['f-level'].value = ''; byId['f-tag'].value = 'range'; byId['f-tag'].fire('change');
assert.strictEqual(shown(), '001000');
byId['f-tag'].value = ''; byId['f-text'].value = ' 405.ALLOW '; byId['f-text'].fire('input');
assert.strictEqual(shown(), '000010');
assert.strictEqual(byId['f-count'].textContent, '1 of 6 cases shown');
byId['f-expand'].fire('click');
assert.deepStrictEqual(rows.map((r) => r.open), [false, false, false, false, true, false]);
byId['f-collapse'].fire('click');
assert(rows.every((r) => !r.open));
console.log('html script ok');
