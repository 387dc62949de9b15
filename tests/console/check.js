// Drives the console of a running push-emulator (PUSH_EMULATOR_URL, started with --admin-token
// ADMIN_TOKEN) in headless Chromium: an accepted and a refused push sent from here appear
// without a reload, the refused one with its rule and requirement, the accepted one with an iOS
// and an Android preview and a "copy as curl" that works; a fault armed from the console fails
// the next push; the page logs no error. Screenshots go to SCREENSHOT_DIR. Prints one line per
// check, then "N passed, N failed".
'use strict';

const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const puppeteer = require('puppeteer-core');

const base = process.env.PUSH_EMULATOR_URL;
const token = process.env.ADMIN_TOKEN;
const shots = process.env.SCREENSHOT_DIR || path.join(__dirname, '../../reports/console');
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const app = { key: 'shop', secret: 'shop-secret' };
const title = 'Order shipped';
const longTitle = 'T'.repeat(60); // notification.title/max-length: at most 50 characters

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}${ok || !detail ? '' : ': ' + detail}`);
}

/** A control API call with the admin token. */
async function control(method, route, body) {
  const res = await fetch(base + '/_emulator/' + route, {
    method,
    headers: { 'X-Emulator-Token': token, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

/** A signed POST /push.json: Signature = hex(SHA1(secret + nonce + timestamp)). */
async function push(body) {
  const nonce = String(crypto.randomInt(1e9));
  const timestamp = String(Date.now());
  const signature = crypto.createHash('sha1').update(app.secret + nonce + timestamp).digest('hex');
  const res = await fetch(base + '/push.json', {
    method: 'POST',
    headers: { 'App-Key': app.key, Nonce: nonce, Timestamp: timestamp, Signature: signature,
               'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** The Quote and Reading columns of a rule in fixtures/requirements.md. */
function requirement(rule) {
  const md = fs.readFileSync(path.join(__dirname, '../../fixtures/requirements.md'), 'utf8');
  const row = md.split('\n').find((l) => l.startsWith(`| ${rule} |`));
  const cells = row.split('|').map((c) => c.trim());
  return { quote: cells[3], reading: cells[4] };
}

async function textOf(page, selector) {
  return page.$eval(selector, (n) => n.textContent.trim());
}

async function main() {
  fs.mkdirSync(shots, { recursive: true });
  await control('PUT', 'apps/' + app.key, { secret: app.secret, per_hour: 0, per_day: 0 });
  await control('POST', `apps/${app.key}/devices`, { devices: [
    { id: 'iphone-1', user_id: 'u1', platform: 'ios' },
    { id: 'pixel-1', user_id: 'u2', platform: 'android', channel: 'fcm' },
    { id: 'old-phone', user_id: 'u3', platform: 'android', last_connected: '-40d' }] });
  await control('PUT', `apps/${app.key}/tags/u1`, { tags: ['vip'] });

  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const errors = [];
  try {
    const page = await browser.newPage();
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('requestfailed', (r) =>
      errors.push(`request failed: ${r.method()} ${r.url()} ${r.failure() && r.failure().errorText}`));
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(base + '/_emulator/ui/', { waitUntil: 'load' });

    // The admin token, asked once.
    await page.waitForSelector('#token-dialog[open]', { timeout: 10000 });
    await page.type('#token-dialog input[name=token]', token);
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-ready=true]', { timeout: 10000 });
    check('the console asks for the admin token and starts', true);

    // Both pushes appear without a reload.
    const ok = await push({ platform: ['ios', 'android'], audience: { is_to_all: true },
      notification: { title, alert: 'Your parcel is on its way', ios: { badge: 3 } } });
    const refused = await push({ platform: ['ios'], audience: { is_to_all: true },
      notification: { title: longTitle, alert: 'hi' } });
    check('the accepted push is accepted', ok.status === 200, JSON.stringify(ok));
    check('the refused push is refused', refused.status === 400, JSON.stringify(refused));
    const shown = await page.waitForFunction(() =>
      document.querySelector('li.entry[data-outcome=accepted]') &&
      document.querySelector('li.entry[data-outcome=rejected]'), { timeout: 15000 })
      .then(() => true, () => false);
    check('both entries appear without a reload', shown);

    // The refused one: code, rule, path and the requirement sentence.
    const rule = 'notification.title/max-length';
    const want = requirement(rule);
    await page.click('li.entry[data-outcome=rejected] summary');
    const refusedText = await textOf(page, 'li.entry[data-outcome=rejected]');
    check('the refused entry shows its rule', refusedText.includes(rule), refusedText);
    check('the refused entry shows its JSON path', refusedText.includes('notification.title'));
    check('the refused entry shows the requirement', refusedText.includes(want.reading),
      `want "${want.reading}" in: ${refusedText}`);
    check('the refused entry shows the vendor sentence', refusedText.includes(want.quote),
      `want "${want.quote}"`);

    // The accepted one: an iOS banner and an Android card with the push's title.
    await page.click('li.entry[data-outcome=accepted] summary');
    await page.waitForSelector('li.entry[data-outcome=accepted] .ios-banner');
    const iosTitle = await textOf(page, 'li.entry[data-outcome=accepted] .ios-banner .title');
    const androidTitle = await textOf(page, 'li.entry[data-outcome=accepted] .android-card .title');
    const badge = await textOf(page, 'li.entry[data-outcome=accepted] .ios-banner .count');
    check('the iOS preview shows the title', iosTitle === title, iosTitle);
    check('the iOS preview shows the badge', badge === '3', badge);
    check('the Android preview shows the title', androidTitle === title, androidTitle);

    // "Copy as curl" gives a command that sends the push again, signed when it runs.
    await page.click('li.entry[data-outcome=accepted] .body button');
    const curl = await textOf(page, 'li.entry[data-outcome=accepted] pre.curl');
    const again = spawnSync('bash', ['-c', curl], { encoding: 'utf8', timeout: 10000 });
    check('copy as curl sends the push again', again.stdout.startsWith('{"code":200,'),
      again.stdout + again.stderr);

    // Devices with their 30-day state, then a fault armed from the console.
    await page.evaluate((key) => [...document.querySelectorAll('.app')]
      .find((li) => li.querySelector('h3').textContent === key).querySelector('button').click(),
    app.key);
    await page.waitForSelector('#app-detail:not([hidden]) #devices tbody tr td');
    const devices = await textOf(page, '#devices tbody');
    check('the devices show their 30-day state', devices.includes('inactive over 30 days') &&
      devices.includes('reachable') && devices.includes('vip'), devices);
    for (const [light, scheme] of [['light', 'light'], ['dark', 'dark']]) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      for (const width of [1280, 390]) {
        await page.setViewport({ width, height: width === 390 ? 844 : 900 });
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: path.join(shots, `console-${width}-${light}.png`),
                                fullPage: width === 1280 });
      }
    }
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await page.setViewport({ width: 1280, height: 900 });
    check('screenshots at 1280 and 390 px', [1280, 390].every((w) =>
      fs.existsSync(path.join(shots, `console-${w}-light.png`))));

    await page.focus('#fault-form select[name=path]');
    await page.$eval('#fault-form input[name=status]', (n) => { n.value = '503'; });
    await page.$eval('#fault-form input[name=code]', (n) => { n.value = '1050'; });
    await page.click('#fault-form button[type=submit]');
    const armed = await page.waitForFunction(() =>
      document.querySelector('#faults').textContent.includes('503/1050'), { timeout: 10000 })
      .then(() => true, () => false);
    check('the console lists the armed fault', armed);
    const faulted = await push({ platform: ['ios'], audience: { is_to_all: true },
      notification: { alert: 'after the fault' } });
    check('the next push fails with the fault', faulted.status === 503 &&
      faulted.body.code === 1050, JSON.stringify(faulted));
    const after = await push({ platform: ['ios'], audience: { is_to_all: true },
      notification: { alert: 'after the fault' } });
    check('the push after it succeeds', after.status === 200, JSON.stringify(after));
    // A network fault: a drop armed from the console closes the next push without an answer.
    await page.select('#fault-form select[name=kind]', 'drop');
    await page.click('#fault-form button[type=submit]');
    const dropArmed = await page.waitForFunction(() =>
      document.querySelector('#faults').textContent.includes('drop /push.json'), { timeout: 10000 })
      .then(() => true, () => false);
    check('the console arms and lists a drop fault', dropArmed);
    const dropped = await push({ platform: ['ios'], audience: { is_to_all: true },
      notification: { alert: 'dropped' } }).then((r) => JSON.stringify(r), (e) => e);
    check('the next push meets a closed connection', dropped instanceof Error,
      String(dropped));
    await page.select('#fault-form select[name=kind]', 'error');
    await page.waitForFunction(() =>
      document.querySelectorAll('li.entry').length >= 5, { timeout: 10000 }).catch(() => {});

    // Keyboard: the journal's entries open with Enter.
    await page.focus('li.entry:first-child summary');
    await page.keyboard.press('Enter');
    check('an entry opens from the keyboard',
      await page.$eval('li.entry:first-child details', (d) => d.open));
    check('the page logged no error', errors.length === 0, errors.join(' | '));
  } finally {
    await browser.close();
  }
}

main().then(() => {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}, (e) => {
  console.log(`not ok - the check ran to its end: ${e && e.stack ? e.stack : e}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
