'use strict';
// Drives push-emulator through RongCloud's official Node.js server SDK (`rongcloud-sdk`, pinned
// in package.json). Every call goes through the SDK's public API; a transparent recording proxy
// sits between the SDK and the emulator in most tests so that the HTTP status and raw body the
// SDK received can be asserted next to what the SDK surfaced.
//
// Run by scripts/sdk-check, which starts a fresh emulator with the apps of apps.json:
//   PUSH_EMULATOR_URL=http://127.0.0.1:PORT node --test check.js
//
// What rongcloud-sdk 3.1.1 does, read from its source (lib/request.js, lib/utils.js, lib/push,
// lib/user/tag) and relied on below:
// - `require('rongcloud-sdk')({appkey, secret, api})` configures one process-wide client; calling
//   it again re-configures it. `api` is the base URL; the SDK builds `${api}/${path}.json`, so a
//   base URL ending in '/' yields `//push.json` ([D-12]).
// - Nonce and Timestamp (seconds) are drawn once when the module loads and the Signature is
//   computed once per configuration: every request of the process carries the same three values
//   ([D-3]: the lenient profile must accept the reuse).
// - Push.push(content) POSTs JSON to /push.json after checking client-side that `platform` (array),
//   `audience` and `notification` (objects) are present.
// - User.Tag.set({id, tags}) → /user/tag/set.json `{"userId","tags"}`; User.Tag.batchSet({users:
//   [{id}], tags}) → /user/tag/batch/set.json `{"userIds","tags"}`; User.Tag.remove({id}) → set
//   with `tags: []`; User.Tag.getList([{id}]) → /user/tags/get.json as a form with `userIds`
//   repeated, and renames the response's `result` to `tags`.
// - A non-2xx answer does not reject: the promise resolves with `{code, msg}` where the body's
//   errorMessage becomes msg, except that server code 1004 is replaced by the SDK's own
//   `{code: '20000', msg: '签名错误…'}` and 1008 by `{code: '20001', msg: '调用频率超限…'}`.

const { test, before, after, beforeEach } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const rongcloud = require('rongcloud-sdk');
const apps = require('./apps.json');

const emulatorUrl = process.env.PUSH_EMULATOR_URL;
if (!emulatorUrl || !/^http:\/\/[^/]+$/.test(emulatorUrl))
  throw new Error('PUSH_EMULATOR_URL must be the emulator base URL, e.g. http://127.0.0.1:8080 ' +
                  `(got ${JSON.stringify(emulatorUrl)})`);

const sdkSignatureError = '20000'; // what the SDK surfaces for server code 1004
const sdkRateLimitError = '20001'; // what the SDK surfaces for server code 1008
const pushId = /^[0-9A-Za-z]{22}$/;

/// Configures the process-wide SDK client and returns its modules.
function sdk(app, api, secret = app.secret) {
  return rongcloud({ appkey: app.key, secret, api });
}

const toAll = (alert = 'hello from rongcloud-sdk') => ({
  platform: ['ios', 'android'],
  audience: { is_to_all: true },
  notification: { alert },
});

/// A transparent HTTP proxy in front of the emulator that records every exchange.
function startRecorder(target) {
  const upstream = new URL(target);
  const exchanges = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers = { ...req.headers, connection: 'close' };
      const fwd = http.request({
        host: upstream.hostname, port: upstream.port, method: req.method, path: req.url,
        headers, agent: false,
      }, (up) => {
        const back = [];
        up.on('data', (c) => back.push(c));
        up.on('end', () => {
          const text = Buffer.concat(back).toString('utf8');
          let json;
          try { json = JSON.parse(text); } catch { json = undefined; }
          exchanges.push({
            method: req.method, path: req.url, headers: req.headers, body: body.toString('utf8'),
            status: up.statusCode, responseHeaders: up.headers, responseText: text, response: json,
          });
          const out = { ...up.headers };
          delete out.connection;
          delete out['transfer-encoding'];
          out['content-length'] = Buffer.byteLength(text);
          res.writeHead(up.statusCode, out);
          res.end(text);
        });
      });
      fwd.on('error', (e) => {
        exchanges.push({ method: req.method, path: req.url, error: e.message });
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`recorder: ${e.message}`);
      });
      fwd.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        exchanges,
        take() { return exchanges.splice(0, exchanges.length); },
        close() {
          server.closeAllConnections();
          return new Promise((done) => server.close(done));
        },
      });
    });
  });
}

/// Asserts what went over the wire for one SDK call: path, HTTP status, a JSON body with a numeric
/// code (response/json-code) and the JSON content type.
function assertWire(exchange, { path, status, code }) {
  assert.ok(exchange, `expected a request to ${path}, the SDK sent none`);
  assert.equal(exchange.error, undefined, `the emulator could not be reached: ${exchange.error}`);
  const where = `${exchange.method} ${exchange.path} → ${exchange.status} ${exchange.responseText}`;
  assert.equal(exchange.method, 'POST', where);
  assert.equal(exchange.path, path, where);
  assert.equal(exchange.status, status, where);
  assert.ok(exchange.response && typeof exchange.response.code === 'number',
            `body is not JSON with a numeric code: ${where}`);
  assert.equal(exchange.response.code, code, where);
  assert.match(String(exchange.responseHeaders['content-type']), /^application\/json/i, where);
}

/// A control API call (/_emulator/…) as a user's test makes it; resolves with the JSON answer.
function control(method, path, body) {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    const req = http.request(`${emulatorUrl}/_emulator/${path}`, {
      method, agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const answer = Buffer.concat(chunks).toString('utf8');
        try { resolve({ status: res.statusCode, json: JSON.parse(answer) }); } catch (e) {
          reject(new Error(`${method} /_emulator/${path}: not JSON: ${answer}`));
        }
      });
    });
    req.on('error', reject);
    req.end(text);
  });
}

let recorder;
before(async () => { recorder = await startRecorder(emulatorUrl); });
after(async () => { await recorder.close(); });
beforeEach(() => { recorder.take(); });

test('response/id-format: Push.push to all users, pointed straight at the emulator, answers 200 and a 22-character id', async () => {
  const { Push } = sdk(apps.push, emulatorUrl);
  const result = await Push.push(toAll());
  assert.equal(result.code, 200, JSON.stringify(result));
  assert.match(result.id, pushId, JSON.stringify(result));
  assert.deepEqual(Object.keys(result).sort(), ['code', 'id']);
});

test('auth/signature: a wrong secret surfaces as the SDK signature error after 401/1004 "signature mismatch"', async () => {
  let { Push } = sdk(apps.auth, recorder.url, 'not-the-secret');
  const refused = await Push.push(toAll());
  assert.equal(refused.code, sdkSignatureError, JSON.stringify(refused));
  assert.match(refused.msg, /签名错误/);
  const [wire] = recorder.take();
  assertWire(wire, { path: '/push.json', status: 401, code: 1004 });
  assert.equal(wire.response.errorMessage, 'signature mismatch');
  assert.equal(wire.headers['app-key'], apps.auth.key);

  // Same App-Key, right secret: accepted, so only the secret was wrong.
  ({ Push } = sdk(apps.auth, recorder.url));
  const accepted = await Push.push(toAll());
  assert.equal(accepted.code, 200, JSON.stringify(accepted));
  assert.match(accepted.id, pushId);
  assertWire(recorder.take()[0], { path: '/push.json', status: 200, code: 200 });
});

test('auth/app-key: an App-Key the emulator does not know surfaces as the SDK signature error after 401/1004', async () => {
  const { User } = sdk({ key: 'sdk-unknown-key', secret: 'whatever' }, recorder.url);
  const refused = await User.Tag.set({ id: 'u-unknown', tags: ['t'] });
  assert.equal(refused.code, sdkSignatureError, JSON.stringify(refused));
  const [wire] = recorder.take();
  assertWire(wire, { path: '/user/tag/set.json', status: 401, code: 1004 });
  assert.equal(wire.response.errorMessage, 'unknown App-Key');
});

test('quota/per-hour: the 3rd push within the hour surfaces the SDK rate-limit error after 429/1008', async () => {
  const { Push } = sdk(apps.quota, recorder.url);
  const first = await Push.push(toAll('one'));
  const second = await Push.push(toAll('two'));
  const third = await Push.push(toAll('three'));
  assert.equal(first.code, 200, JSON.stringify(first));
  assert.equal(second.code, 200, JSON.stringify(second));
  assert.match(first.id, pushId);
  assert.match(second.id, pushId);
  assert.notEqual(first.id, second.id);
  assert.equal(third.code, sdkRateLimitError, JSON.stringify(third));
  assert.match(third.msg, /调用频率超限/);

  const wire = recorder.take();
  assert.equal(wire.length, 3);
  assertWire(wire[0], { path: '/push.json', status: 200, code: 200 });
  assertWire(wire[1], { path: '/push.json', status: 200, code: 200 });
  assertWire(wire[2], { path: '/push.json', status: 429, code: 1008 });
  assert.deepEqual([wire[0].response.id, wire[1].response.id], [first.id, second.id]);
});

test('auth/nonce-replay: the lenient profile accepts the SDK reusing one Nonce/Timestamp/Signature (seconds) for every call', async () => {
  const { User } = sdk(apps.tags, recorder.url);
  const a = await User.Tag.set({ id: 'u-replay', tags: ['first'] });
  const b = await User.Tag.set({ id: 'u-replay', tags: ['second'] });
  assert.equal(a.code, 200, JSON.stringify(a));
  assert.equal(b.code, 200, JSON.stringify(b));
  const wire = recorder.take();
  assert.equal(wire.length, 2);
  for (const w of wire) assertWire(w, { path: '/user/tag/set.json', status: 200, code: 200 });
  for (const h of ['nonce', 'timestamp', 'signature'])
    assert.equal(wire[0].headers[h], wire[1].headers[h], `${h} differs between calls`);
  assert.match(wire[0].headers.timestamp, /^\d{10}$/, 'the SDK sends a timestamp in seconds');
  assert.match(wire[0].headers.signature, /^[0-9a-f]{40}$/);
});

test('notification.title/max-length: a 51-character title answers 1005 naming notification.title', async () => {
  const { Push } = sdk(apps.body, recorder.url);
  const content = toAll();
  content.notification.title = 'T'.repeat(51);
  const result = await Push.push(content);
  assert.equal(result.code, 1005, JSON.stringify(result));
  assert.match(result.msg, /notification\.title/);
  const [wire] = recorder.take();
  assertWire(wire, { path: '/push.json', status: 400, code: 1005 });
  assert.equal(JSON.parse(wire.body).notification.title.length, 51);
});

test('platform/values: an unknown platform answers 1002 naming platform[0]', async () => {
  const { Push } = sdk(apps.body, recorder.url);
  const result = await Push.push({ ...toAll(), platform: ['windows'] });
  assert.equal(result.code, 1002, JSON.stringify(result));
  assert.match(result.msg, /platform\[0\]/);
  assertWire(recorder.take()[0], { path: '/push.json', status: 400, code: 1002 });
});

test('platform/required: the SDK itself rejects a push without platform and sends nothing', async () => {
  const { Push } = sdk(apps.body, recorder.url);
  const content = toAll();
  delete content.platform;
  await assert.rejects(Push.push(content), (e) => e.code === '20005' && /platform/.test(e.msg));
  assert.equal(recorder.take().length, 0);
});

test('tags.set/body + tags.get/body: tags set for a user are read back', async () => {
  const { User } = sdk(apps.tags, recorder.url);
  const set = await User.Tag.set({ id: 'u-set', tags: ['vip', 'beijing'] });
  assert.deepEqual(set, { code: 200 });
  const got = await User.Tag.getList([{ id: 'u-set' }, { id: 'u-never-tagged' }]);
  assert.equal(got.code, 200, JSON.stringify(got));
  assert.deepEqual(got.tags, { 'u-set': ['vip', 'beijing'], 'u-never-tagged': [] });

  const wire = recorder.take();
  assertWire(wire[0], { path: '/user/tag/set.json', status: 200, code: 200 });
  assert.deepEqual(JSON.parse(wire[0].body), { userId: 'u-set', tags: ['vip', 'beijing'] });
  assertWire(wire[1], { path: '/user/tags/get.json', status: 200, code: 200 });
  assert.equal(wire[1].body, 'userIds=u-set&userIds=u-never-tagged');
  assert.match(String(wire[1].headers['content-type']), /^application\/x-www-form-urlencoded/);
});

test('tags.batch-set/body: batchSet gives every listed user the tags', async () => {
  const { User } = sdk(apps.tags, recorder.url);
  const set = await User.Tag.batchSet({ users: [{ id: 'u-b1' }, { id: 'u-b2' }], tags: ['beta'] });
  assert.deepEqual(set, { code: 200 });
  const got = await User.Tag.getList([{ id: 'u-b1' }, { id: 'u-b2' }]);
  assert.deepEqual(got, { code: 200, tags: { 'u-b1': ['beta'], 'u-b2': ['beta'] } });
  const wire = recorder.take();
  assertWire(wire[0], { path: '/user/tag/batch/set.json', status: 200, code: 200 });
  assert.deepEqual(JSON.parse(wire[0].body), { userIds: ['u-b1', 'u-b2'], tags: ['beta'] });
});

test('tags.set/replace: a second set replaces the tags and Tag.remove clears them', async () => {
  const { User } = sdk(apps.tags, recorder.url);
  assert.deepEqual(await User.Tag.set({ id: 'u-rep', tags: ['old1', 'old2'] }), { code: 200 });
  assert.deepEqual(await User.Tag.set({ id: 'u-rep', tags: ['new'] }), { code: 200 });
  assert.deepEqual(await User.Tag.getList({ id: 'u-rep' }), { code: 200, tags: { 'u-rep': ['new'] } });
  assert.deepEqual(await User.Tag.remove({ id: 'u-rep' }), { code: 200 });
  assert.deepEqual(await User.Tag.getList({ id: 'u-rep' }), { code: 200, tags: { 'u-rep': [] } });
  const wire = recorder.take();
  assert.equal(wire.length, 5);
  assert.deepEqual(JSON.parse(wire[3].body), { userId: 'u-rep', tags: [] });
});

test('http/path-normalization: a base URL ending in "/" still works although the SDK sends //push.json', async () => {
  const { Push, User } = sdk(apps.slash, recorder.url + '/');
  const pushed = await Push.push(toAll());
  assert.equal(pushed.code, 200, JSON.stringify(pushed));
  assert.match(pushed.id, pushId);
  assert.deepEqual(await User.Tag.set({ id: 'u-slash', tags: ['s'] }), { code: 200 });
  assert.deepEqual(await User.Tag.getList({ id: 'u-slash' }), { code: 200, tags: { 'u-slash': ['s'] } });
  const wire = recorder.take();
  assertWire(wire[0], { path: '//push.json', status: 200, code: 200 });
  assertWire(wire[1], { path: '//user/tag/set.json', status: 200, code: 200 });
  assertWire(wire[2], { path: '//user/tags/get.json', status: 200, code: 200 });

  // And straight at the emulator, without the recorder in between.
  const direct = await sdk(apps.slash, emulatorUrl + '/').Push.push(toAll());
  assert.equal(direct.code, 200, JSON.stringify(direct));
  assert.match(direct.id, pushId);
});

test('emulator/verify: a test pushes through the SDK, then asserts on what was sent with POST /_emulator/verify', async () => {
  // Set-up as a user's test does it: a device for alice, one for bob.
  const seeded = await control('POST', `apps/${apps.verify.key}/devices`, { devices: [
    { id: 'alice-iphone', user_id: 'alice', platform: 'ios' },
    { id: 'bob-pixel', user_id: 'bob', platform: 'android', channel: 'hw' }] });
  assert.equal(seeded.status, 200, JSON.stringify(seeded.json));
  const { Push } = sdk(apps.verify, emulatorUrl);
  const pushed = await Push.push({ platform: ['ios'], audience: { userid: ['alice'] },
    notification: { title: 'Sale', alert: '50% off', ios: { extras: { sku: 'A-1' } } } });
  assert.equal(pushed.code, 200, JSON.stringify(pushed));

  // The assertion a test makes: exactly one accepted push titled "Sale" reached alice's iPhone.
  const ok = await control('POST', 'verify', { app: apps.verify.key, match: {
    outcome: 'accepted', title: 'Sale', device_id: 'alice-iphone', extras: { sku: 'A-1' } },
    count: { exactly: 1 } });
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.json, { code: 200, ok: true, matched: 1, expected: { exactly: 1 } });

  // A wrong expectation fails and explains itself: the one field that differs.
  const wrong = await control('POST', 'verify', { app: apps.verify.key,
    match: { outcome: 'accepted', title: 'sale' }, count: { exactly: 1 } });
  assert.equal(wrong.json.ok, false, JSON.stringify(wrong.json));
  assert.equal(wrong.json.matched, 0);
  assert.equal(wrong.json.near_misses[0].id, pushed.id);
  assert.deepEqual(wrong.json.near_misses[0].differences,
                   [{ field: 'notification.title', expected: 'sale', actual: 'Sale' }]);
  // Bob's Pixel was not reached.
  const bob = await control('POST', 'verify', { app: apps.verify.key,
    match: { device_id: 'bob-pixel' }, count: { exactly: 0 } });
  assert.equal(bob.json.ok, true, JSON.stringify(bob.json));
  // And nothing this app sent was refused.
  const clean = await control('POST', `verify/no-rejections?app=${apps.verify.key}`);
  assert.equal(clean.json.ok, true, JSON.stringify(clean.json));
});

// HTTPS and the backup host, when scripts/sdk-check opened them (--tls-port, --backup-port): the
// SDK trusts the emulator's certificate through NODE_EXTRA_CA_CERTS, as a user's app would.
const httpsUrl = process.env.PUSH_EMULATOR_HTTPS_URL;
const backupUrl = process.env.PUSH_EMULATOR_BACKUP_URL;

test('https: Push.push over HTTPS, trusting the emulator certificate through NODE_EXTRA_CA_CERTS, answers 200', { skip: !httpsUrl && 'PUSH_EMULATOR_HTTPS_URL is not set' }, async () => {
  const { Push } = sdk(apps.https, httpsUrl);
  const result = await Push.push(toAll('over https'));
  assert.equal(result.code, 200, JSON.stringify(result));
  assert.match(result.id, pushId);
  const { json } = await control('GET', `journal/${result.id}`);
  assert.equal(json.entry.origin.listener, 'primary-tls');
});

test('failover: the primary answers 503, the SDK moves to its second api host and the next push completes on the backup', { skip: !backupUrl && 'PUSH_EMULATOR_BACKUP_URL is not set' }, async () => {
  const armed = await control('POST', `apps/${apps.failover.key}/faults`,
    { kind: 'error', path: '/push.json', status: 503, count: 0, host: 'primary' });
  assert.equal(armed.status, 200, JSON.stringify(armed.json));
  // rongcloud-sdk takes a list of hosts and moves to the next after a failed call.
  const { Push } = sdk(apps.failover, [emulatorUrl, backupUrl]);
  const first = await Push.push(toAll('to the primary'));
  assert.notEqual(first.code, 200, JSON.stringify(first));
  const second = await Push.push(toAll('to the backup'));
  assert.equal(second.code, 200, JSON.stringify(second));
  assert.match(second.id, pushId);
  const { json } = await control('GET', `journal?app=${apps.failover.key}`);
  assert.deepEqual(json.entries.map((e) => [e.host, e.code]), [['primary', 1000], ['backup', 200]]);
  // One service: the backup's push counted in the app's quota.
  assert.equal((await control('GET', `apps/${apps.failover.key}/quota`)).json.hour_used, 1);
});

// Last: it reads what the whole check exercised.
test('emulator/coverage: after the SDK traffic, the coverage names the error paths it exercised and those it never did', async () => {
  const { status, json: all } = await control('GET', 'coverage');
  assert.equal(status, 200);
  const hits = Object.fromEntries(all.rules.map((r) => [r.rule, r.hits]));
  for (const rule of ['response/id-format', 'auth/signature', 'auth/app-key', 'quota/per-hour',
                      'notification.title/max-length', 'platform/values',
                      'http/path-normalization', 'tags.set/replace', 'audience/userid-wins'])
    assert.ok(hits[rule] > 0, `${rule} was exercised by the SDK traffic`);
  const seen = all.codes.filter((c) => c.hits > 0).map((c) => c.code);
  for (const code of [200, 1002, 1004, 1005, 1008]) assert.ok(seen.includes(code), `code ${code}`);
  // What no test above provoked: the service not enabled, a per-day quota, an oversized body.
  for (const code of [1009, 1508]) assert.ok(all.never.codes.includes(code), `code ${code} never`);
  assert.equal(hits['quota/per-day'], 0);
  assert.ok(all.never.rules.includes('quota/per-day'));
  // One app's view: the quota app saw 200 and 1008 only.
  const quota = (await control('GET', `coverage?app=${apps.quota.key}`)).json;
  assert.deepEqual(quota.codes.filter((c) => c.hits > 0).map((c) => [c.code, c.hits]),
                   [[200, 2], [1008, 1]]);
});
