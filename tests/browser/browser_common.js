// What the browser tests share (report_test.js, matrix_test.js): counted
// checks, a page that records console errors, requests and dialogs, the
// check that no data became markup or ran, and Debian's Chromium launched
// headless through playwright-core with every non-file request refused.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const assert = require('assert');
const {pathToFileURL} = require('url');

const kArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

let checks = 0;
function check(cond, message) {
  assert(cond, message);
  checks++;
}

// Opens `file` in a fresh page that records everything we must not see.
async function open(context, file, timeout = 15000) {
  const page = await context.newPage();
  const seen = {errors: [], requests: [], dialogs: []};
  const url = pathToFileURL(path.resolve(file)).href;
  page.on('console', (m) => { if (m.type() === 'error') seen.errors.push(m.text()); });
  page.on('pageerror', (e) => seen.errors.push(String(e)));
  page.on('dialog', (d) => { seen.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('request', (r) => { if (r.url() !== url) seen.requests.push(r.url()); });
  await page.goto(url, {waitUntil: 'load', timeout});
  await page.waitForTimeout(300);  // Let any image error handler fire.
  return {page, seen};
}

function clean(seen, what) {
  check(seen.errors.length === 0, `${what}: console errors: ${seen.errors.join(' | ')}`);
  check(seen.requests.length === 0, `${what}: network requests: ${seen.requests.join(' ')}`);
  check(seen.dialogs.length === 0, `${what}: dialogs opened: ${seen.dialogs.join(' | ')}`);
}

async function noMarkupFromData(page, what) {
  const found = await page.evaluate(() => {
    const bad = [];
    for (const el of document.querySelectorAll('*')) {
      if (['IMG', 'IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName)) bad.push(el.tagName);
      for (const a of el.attributes) {
        if (a.name.toLowerCase().startsWith('on')) bad.push(`${el.tagName}[${a.name}]`);
      }
    }
    // Exactly two scripts: the JSON data block and the page's own script.
    if (document.scripts.length !== 2) bad.push(`${document.scripts.length} scripts`);
    return {bad, pwned: typeof window.__pwned};
  });
  check(found.bad.length === 0, `${what}: markup from data: ${found.bad.join(' ')}`);
  check(found.pwned === 'undefined', `${what}: a payload ran (window.__pwned set)`);
}

// Runs `body(context)` in a fresh headless Chromium profile, then exits the
// process: 0 when every check passed, 1 otherwise.
async function runInChromium(modules, name, body) {
  const {chromium} = require(path.join(path.resolve(modules), 'playwright-core'));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'httpconform-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, args: kArgs, timeout: 30000,
  });
  // Nothing may leave the page: every request that is not a local file is refused.
  await context.route('**/*', (route) =>
    route.request().url().startsWith('file:') ? route.continue() : route.abort());
  let failed = false;
  try {
    await body(context);
  } catch (e) {
    console.error(e);
    failed = true;
  } finally {
    await context.close();
    fs.rmSync(profile, {recursive: true, force: true});
  }
  console.log(failed ? `${name} FAILED after ${checks} checks` : `${name}: ${checks} checks passed`);
  process.exit(failed ? 1 : 0);
}

module.exports = {check, open, clean, noMarkupFromData, runInChromium};
