// The compatibility matrix page in a real browser: headless Debian Chromium
// driven by playwright-core, as report_test.js does for the run report.
//
// usage: node matrix_test.js NODE_MODULES MATRIX.html SERVERS CASES SCREENSHOT_DIR
//
// MATRIX.html is `httpconform matrix` over make_matrix_reports.py's reports:
// SERVERS x CASES cells copied from the hostile sample run, server "evil"
// with a script payload in its version, its "about" line and a review.
// Checked: the page loads with no console error, no network request and no
// dialog; it has one link per cell; the filters change what is shown; a
// click on a cell opens its exchange (bytes both ways), its verdict and its
// review, rendered on demand; the payloads stay text (window.__pwned unset,
// no img/iframe, no on* attribute, exactly two scripts); Escape closes the
// panel.
'use strict';
const fs = require('fs');
const path = require('path');
const {check, open, clean, noMarkupFromData, runInChromium} = require('./browser_common');

const [modules, matrixPath, serversArg, casesArg, shotDir] = process.argv.slice(2);
if (!shotDir) {
  console.error('usage: node matrix_test.js NODE_MODULES MATRIX.html SERVERS CASES SCREENSHOT_DIR');
  process.exit(2);
}
const servers = Number(serversArg);
const cases = Number(casesArg);

async function shownRows(page) {
  return page.$$eval('#matrix tr[data-r]', (rows) => rows.filter((r) => !r.hidden).length);
}

async function matrix(context) {
  const {page, seen} = await open(context, matrixPath, 60000);

  check(await page.isVisible('#filters'), 'filters are shown once the script runs');
  check((await page.textContent('#f-count')) === `${cases} of ${cases} cases shown`,
        'every case shown at first');
  check((await page.locator('#matrix td.c a').count()) === servers * cases, 'one link per cell');
  check((await page.locator('#matrix thead th.srv').count()) === servers, 'one column per server');
  // The exchanges are not in the DOM until a cell is opened.
  check(await page.isHidden('#panel'), 'no panel before a click');
  check((await page.locator('pre').count()) === 0, 'no exchange rendered up front');

  // Filters.
  await page.selectOption('#f-outcome', 'fail');
  const failing = await shownRows(page);
  check(failing > 0 && failing < cases, `outcome filter: ${failing} rows with a failure`);
  await page.selectOption('#f-outcome', '');
  await page.check('#f-differs');
  const differing = await shownRows(page);
  check(differing > 0 && differing <= cases, `differs filter: ${differing} rows`);
  await page.uncheck('#f-differs');
  await page.fill('#f-text', 'zoo.case-299');
  check((await shownRows(page)) === 1, 'the text filter finds one case');
  await page.fill('#f-text', '');
  check((await shownRows(page)) === cases, 'clearing the filters shows every case');

  // A cell far down and right opens its exchange: the last server's cell in
  // the last row copied from the sample's passing case (two steps, with
  // bytes both ways; make_matrix_reports.py keeps the sample's titles).
  const lastServer = `server-${String(servers - 1).padStart(2, '0')}`;
  const lastRow = page.locator('#matrix tr[data-r]', {
    has: page.locator('th.id[title^="Title of conditional.if-none-match.304 "]'),
  }).last();
  const lastId = await lastRow.locator('th.id code').textContent();
  const last = lastRow.locator(`td.c a[title^="${lastServer}:"]`);
  await last.scrollIntoViewIfNeeded();
  await last.click();
  await page.waitForSelector('#panel:not([hidden])', {timeout: 10000});
  check((await page.textContent('#panel h2')).startsWith(lastServer),
        'the panel names the cell\'s server');
  check((await page.textContent('#panel h3')).includes(lastId),
        'the panel names the cell\'s case');
  const exchange = page.locator('#panel-exchange');
  check(await exchange.isVisible(), 'exchange shown');
  const blocks = await exchange.locator('pre').allTextContents();
  check(blocks.length >= 2, 'sent and received bytes shown');
  check(blocks.some((b) => b.includes('HTTP/1.1')), `the exchange holds the wire bytes: ${blocks.join(' / ')}`);
  check((await page.textContent('#panel-review')).length > 0, 'review shown');
  check((await page.textContent('#panel-outcome')).length > 0, 'verdict shown');
  await page.screenshot({path: path.join(shotDir, 'matrix-cell.png')});
  await page.keyboard.press('Escape');
  check(await page.isHidden('#panel'), 'Escape closes the panel');

  // The evil server's reviewed failure: the payload is text in the review.
  await page.selectOption('#f-outcome', 'fail');
  const evilFail = page.locator('#matrix tr[data-r]:not([hidden]) td.c.f a[title^="evil"]').first();
  await evilFail.click();
  await page.waitForSelector('#panel:not([hidden])');
  const text = await page.evaluate(() => document.body.textContent);
  check(text.includes('window.__pwned=1'), 'the payload is shown as text');
  check((await page.textContent('#panel h2')).includes('<script>'), 'hostile version as text');
  await noMarkupFromData(page, 'matrix');
  clean(seen, 'matrix');
  await page.close();
}

fs.mkdirSync(shotDir, {recursive: true});
runInChromium(modules, 'browser matrix test', matrix);
