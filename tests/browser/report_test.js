// The HTML report in a real browser: headless Debian Chromium driven by
// playwright-core (which never downloads a browser of its own).
//
// usage: node report_test.js NODE_MODULES SAMPLE.html HOSTILE.html SCREENSHOT_DIR
//
// SAMPLE.html is reports/render_sample's hostile sample (6 cases: pass,
// fail, skip, error, fail with passive findings, a refinement skipped for
// its failed base); HOSTILE.html is a report
// of a real `httpconform run` against hostile_server.py, whose reason
// phrase, field names, field values and content carry script payloads.
// Checked: the page loads with no console error and no network request of
// any kind, the filters change what is shown, a case expands to its quote,
// RFC link, expected/actual, findings and transcript; and in the hostile
// report no payload ran (window.__pwned unset, no dialog) and none became
// markup (no img/iframe/svg element, no on* attribute anywhere). A report
// with failures opens on them (failures first, the filter set to failures
// and errors), shows its verdict and passive findings first, and an expanded
// failure is readable: text in the page colour, the failure colour only on
// its badge and border.
'use strict';
const fs = require('fs');
const path = require('path');
const assert = require('assert');
const {check, open, clean, noMarkupFromData, runInChromium} = require('./browser_common');

const [modules, samplePath, hostilePath, shotDir] = process.argv.slice(2);
if (!shotDir) {
  console.error('usage: node report_test.js NODE_MODULES SAMPLE.html HOSTILE.html SCREENSHOT_DIR');
  process.exit(2);
}

async function visibleIds(page) {
  return page.$$eval('details.case', (rows) =>
    rows.filter((r) => !r.hidden).map((r) => r.querySelector('summary code').textContent));
}

async function sampleReport(context) {
  const {page, seen} = await open(context, samplePath);
  check(await page.isVisible('#filters'), 'filters are shown once the script runs');
  // A run with failures opens on them: failures and errors first, the rest filtered out.
  check((await page.textContent('#f-count')) === '3 of 6 cases shown', 'failures shown at first');
  assert.deepStrictEqual(await visibleIds(page),
                         ['framing.bad-reason', 'connect.refused', 'methods.options.allow']);
  check(!(await page.isChecked('#filters input[value=pass]')), 'pass filtered out at first');
  check(await page.isChecked('#filters input[value=fail]'), 'fail shown at first');
  // The verdict and the passive findings are on the first screen.
  check((await page.textContent('#verdict')).startsWith('FAIL: 1 failure, 1 error and 1 passive'),
        'verdict line');
  check((await page.locator('#findings-table tr').count()) === 4, 'findings table: 3 rows');
  // The MAY finding is listed, and says why it does not count.
  check((await page.textContent('#findings-table')).includes(
            'not counted: MAY: the server\'s choice, not a violation'),
        'MAY finding not counted');
  await page.screenshot({path: path.join(shotDir, 'report.png'), fullPage: true});
  // A finding links to its case, which opens.
  await page.click('#findings-table a[href="#case-4"]');
  await page.waitForTimeout(100);
  check(await page.locator('#case-4').evaluate((d) => d.open), 'the finding\'s case opens');
  await page.locator('#case-4 summary').click();

  // Outcome, level, tag and free-text filters.
  await page.check('#filters input[value=skip]');
  check((await visibleIds(page)).length === 5, 'five cases with skips added');
  check(!(await visibleIds(page)).includes('conditional.if-none-match.304'), 'pass hidden');
  await page.selectOption('#f-level', 'MUST');
  assert.deepStrictEqual(await visibleIds(page),
      ['connect.refused', 'methods.options.allow', 'framing.bad-reason.refined']);
  await page.selectOption('#f-level', '');
  await page.selectOption('#f-tag', 'range');
  assert.deepStrictEqual(await visibleIds(page), ['range.single']);
  await page.selectOption('#f-tag', '');
  await page.fill('#f-text', '405.allow');
  assert.deepStrictEqual(await visibleIds(page), ['methods.options.allow']);
  check((await page.textContent('#f-count')) === '1 of 6 cases shown', 'count follows filters');
  await page.fill('#f-text', '');
  await page.check('#filters input[value=pass]');
  check((await visibleIds(page)).length === 6, 'clearing the filters shows every case');

  // A case expands to its quote, RFC link, expected vs actual, findings, transcript.
  const row = page.locator('details.case', {has: page.locator('code', {hasText: 'methods.options.allow'})});
  check(!(await row.evaluate((d) => d.open)), 'cases start collapsed');
  await row.locator('summary').click();
  check(await row.evaluate((d) => d.open), 'a click expands the case');
  check(await row.locator('blockquote').isVisible(), 'quote visible');
  check((await row.locator('blockquote a').getAttribute('href')) ===
      'https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6', 'link to the RFC section');
  check(await row.locator('table.ev').isVisible(), 'expected vs actual visible');
  check((await row.locator('table.findings tr').count()) === 4, 'three passive findings listed');
  check(await row.locator('.xfer pre').first().isVisible(), 'transcript visible');
  await row.screenshot({path: path.join(shotDir, 'case-expanded.png')});
  // An expanded failure reads as text, not all red: only its badge and the
  // failed checks are in the failure colour.
  const colors = await row.evaluate((d) => {
    const c = (el) => getComputedStyle(el).color;
    return {body: c(document.body), row: c(d), quote: c(d.querySelector('blockquote')),
            table: c(d.querySelector('table.ev td')), badge: c(d.querySelector('.badge')),
            border: getComputedStyle(d).borderLeftColor};
  });
  check(colors.row === colors.body && colors.quote === colors.body && colors.table === colors.body,
        `expanded failure text is coloured: ${JSON.stringify(colors)}`);
  check(colors.badge !== colors.body && colors.border === colors.badge,
        `failure badge and border not marked: ${JSON.stringify(colors)}`);
  await noMarkupFromData(page, 'sample');
  clean(seen, 'sample');
  await page.close();
}

async function hostileReport(context) {
  const {page, seen} = await open(context, hostilePath);
  const text = await page.evaluate(() => document.body.textContent);
  // The payloads are in the report, as text.
  check(text.includes('<script>window.__pwned=1</script>'), 'reason payload shown as text');
  check(text.includes('onerror=window.__pwned=2'), 'field payload shown as text');
  await page.check('#filters input[value=pass]');
  await page.check('#filters input[value=skip]');
  await page.click('#f-expand');
  await page.fill('#f-text', 'window.__pwned');
  await page.waitForTimeout(200);
  check((await visibleIds(page)).length > 0, 'text filter finds the payload cases');
  await page.screenshot({path: path.join(shotDir, 'hostile.png')});
  await noMarkupFromData(page, 'hostile');
  clean(seen, 'hostile');
  await page.close();
}

fs.mkdirSync(shotDir, {recursive: true});
runInChromium(modules, 'browser report test', async (context) => {
  await sampleReport(context);
  await hostileReport(context);
});
