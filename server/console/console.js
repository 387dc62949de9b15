// The push-emulator console: plain JavaScript over the control API (docs/control-api.md), with
// no framework. Every value from the server is shown through textContent, never as HTML.
'use strict';

const tokenKey = 'push-emulator-admin-token';
const state = {
  entries: new Map(), // seq → journal entry
  lastSeq: 0,
  apps: [],
  selected: null, // the app whose devices and faults are shown
  clock: null, // {now_ms, frozen, at}: `at` is the local time it was read
};

// --- DOM helpers --------------------------------------------------------------------------

const $ = (sel, root = document) => root.querySelector(sel);

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function say(text, error = false) {
  const s = $('#status');
  s.textContent = text;
  s.classList.toggle('error', error);
}

function formatTime(ms) {
  if (ms === null || ms === undefined) return '—';
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

function formatAge(ms) {
  const units = [[86400000, 'd'], [3600000, 'h'], [60000, 'm'], [1000, 's']];
  const parts = [];
  let rest = Math.abs(ms);
  for (const [size, unit] of units) {
    const n = Math.floor(rest / size);
    rest %= size;
    if (n && parts.length < 2) parts.push(n + unit);
  }
  return (ms < 0 ? '-' : '') + (parts.join(' ') || '0s');
}

// --- Control API --------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, body) {
    super(body && body.errorMessage ? body.errorMessage : 'HTTP ' + status);
    this.status = status;
  }
}

async function api(method, path, body) {
  const headers = {};
  const token = sessionStorage.getItem(tokenKey);
  if (token) headers['X-Emulator-Token'] = token;
  const init = { method, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch('/_emulator/' + path, init);
  const data = await res.json().catch(() => null);
  if (res.status === 401) {
    sessionStorage.removeItem(tokenKey);
    await askToken();
    return api(method, path, body);
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

let tokenPrompt = null;
/** Asks for the admin token once (concurrent callers share the dialog). */
function askToken() {
  if (tokenPrompt) return tokenPrompt;
  tokenPrompt = new Promise((resolve) => {
    const dialog = $('#token-dialog');
    const form = $('#token-form');
    form.addEventListener('submit', () => {
      sessionStorage.setItem(tokenKey, form.token.value);
      form.token.value = '';
      tokenPrompt = null;
      resolve();
    }, { once: true });
    dialog.showModal();
    form.token.focus();
  });
  return tokenPrompt;
}

/** Runs an action from a button or form, reporting its failure in the status line. */
async function act(what, fn) {
  try {
    await fn();
    say(what + ': done');
    await refresh();
  } catch (e) {
    say(what + ' failed: ' + e.message, true);
  }
}

// --- Apps, quota, devices, faults -----------------------------------------------------------

function gauge(label, used, limit, resetsAt) {
  const unlimited = limit === 0;
  return el('div', { class: 'gauge' },
    el('div', { class: 'row' },
      el('span', {}, label),
      el('span', {}, unlimited ? used + ' used (no limit)' : used + ' / ' + limit)),
    el('meter', { min: 0, max: unlimited ? 1 : limit, value: unlimited ? 0 : used,
                  high: unlimited ? 1 : Math.max(limit - 1, 0.5), 'aria-label': label + ' quota' }),
    el('div', { class: 'row muted' }, el('span', {}, 'resets ' + formatTime(resetsAt))));
}

function renderApps() {
  const list = $('#apps');
  list.replaceChildren(...state.apps.map(({ app, quota }) => {
    const current = state.selected === app.key;
    return el('li', { class: 'app', 'aria-current': current ? 'true' : null },
      el('header', {},
        el('h3', {}, app.key),
        el('span', {},
          el('span', { class: 'badge ' + (app.push_enabled ? 'ok' : 'bad') },
            app.push_enabled ? 'enabled' : 'disabled'), ' ',
          el('span', { class: 'badge' }, app.profile))),
      quota ? gauge('Hour', quota.hour_used, quota.per_hour, quota.hour_resets_at_ms) : null,
      quota ? gauge('Day', quota.day_used, quota.per_day, quota.day_resets_at_ms) : null,
      el('div', { class: 'row muted' },
        el('span', {}, app.devices + ' devices · ' + app.journal.entries + ' journal entries')),
      el('button', { type: 'button', class: 'secondary', 'aria-pressed': current,
                     onclick: () => selectApp(app.key) },
        current ? 'Shown below' : 'Devices, tags and faults'));
  }));
  const select = $('#filters').app;
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '' }, 'all'),
    ...state.apps.map(({ app }) => el('option', { value: app.key }, app.key)));
  select.value = state.apps.some(({ app }) => app.key === chosen) ? chosen : '';
}

async function selectApp(key) {
  state.selected = key;
  renderApps();
  await refreshDetail();
  $('#app-detail').hidden = false;
}

async function refreshDetail() {
  const key = state.selected;
  if (!key) return;
  const app = encodeURIComponent(key);
  const [devices, faults] = await Promise.all([
    api('GET', 'apps/' + app + '/devices?limit=200&state=true'),
    api('GET', 'apps/' + app + '/faults')]);
  const users = [...new Set(devices.devices.map((d) => d.user_id).filter(Boolean))].slice(0, 50);
  const tags = new Map(await Promise.all(users.map(async (u) =>
    [u, (await api('GET', 'apps/' + app + '/tags/' + encodeURIComponent(u))).tags])));
  $('#detail-app').textContent = key;
  $('#devices tbody').replaceChildren(...devices.devices.map((d) => el('tr', {},
    el('td', { class: 'mono' }, d.id),
    el('td', {}, d.user_id),
    el('td', {}, d.platform + (d.channel ? ' · ' + d.channel : '')),
    el('td', {}, d.age + ' ago'),
    el('td', {}, el('span', { class: 'badge ' + (d.reachable ? 'ok' : 'bad') },
      d.reachable ? 'reachable' : (!d.active ? 'inactive over 30 days' : 'push not allowed'))),
    el('td', {}, (tags.get(d.user_id) || []).join(', ')))));
  if (devices.devices.length === 0)
    $('#devices tbody').replaceChildren(el('tr', {}, el('td', { colspan: 6 }, 'No devices.')));
  $('#faults').replaceChildren(...faults.faults.map((f) => el('li', {},
    `${f.kind || 'error'} ${f.path}` + (f.host && f.host !== 'both' ? ` on ${f.host}` : '') +
    (f.status ? `: ${f.status}` + (f.code !== undefined ? `/${f.code}` : '') : '') +
    (f.message ? ` "${f.message}"` : '') + (f.delay_ms ? ` after ${f.delay_ms} ms` : '') +
    (f.hang_ms ? ` for ${f.hang_ms} ms` : '') +
    ` × ${f.count === 0 ? 'until removed' : f.count}` + (f.after ? `, after ${f.after}` : ''))));
  if (faults.faults.length === 0) $('#faults').replaceChildren(el('li', {}, 'None armed.'));
}

async function refreshApps() {
  const { apps } = await api('GET', 'apps?secrets=true');
  state.apps = await Promise.all(apps.map(async (app) => ({
    app, quota: await api('GET', 'apps/' + encodeURIComponent(app.key) + '/quota'),
  })));
  if (state.selected && !apps.some((a) => a.key === state.selected)) {
    state.selected = null;
    $('#app-detail').hidden = true;
  }
  renderApps();
}

// --- Clock --------------------------------------------------------------------------------

function renderClock() {
  const c = state.clock;
  if (!c) return;
  const now = c.frozen ? c.now_ms : c.now_ms + (Date.now() - c.at);
  const t = $('#clock-now');
  t.textContent = formatTime(now);
  t.dateTime = new Date(now).toISOString();
  $('#clock-state').textContent = c.frozen ? 'frozen' : c.offset_ms ? 'shifted' : 'real time';
}

async function refreshClock() {
  const c = await api('GET', 'clock');
  state.clock = { ...c, at: Date.now() };
  renderClock();
}

// --- Journal --------------------------------------------------------------------------------

function matches(e, f) {
  if (f.app && e.app !== f.app) return false;
  if (f.outcome && e.outcome !== f.outcome) return false;
  if (f.code && String(e.code) !== f.code.trim()) return false;
  if (f.rule && !(e.rule || '').includes(f.rule.trim())) return false;
  if (f.text && !JSON.stringify(e).toLowerCase().includes(f.text.toLowerCase())) return false;
  return true;
}

function shellQuote(s) {
  return "'" + s.replace(/'/g, "'\\''") + "'";
}

/** A shell command that sends the entry's request again, signed at run time. */
function curlOf(e) {
  const app = state.apps.find(({ app }) => app.key === e.app);
  const secret = app && app.app.secret ? app.app.secret : 'APP_SECRET';
  const body = e.request && e.request.omitted ? e.request.prefix
    : e.request && e.request.raw !== undefined ? e.request.raw : JSON.stringify(e.request);
  return [
    `key=${shellQuote(e.app)} secret=${shellQuote(secret)} nonce=$RANDOM ts=$(date +%s%3N)`,
    `sig=$(printf '%s' "$secret$nonce$ts" | sha1sum | cut -d' ' -f1)`,
    `curl -s ${shellQuote(location.origin + '/push.json')} \\`,
    `  -H "App-Key: $key" -H "Nonce: $nonce" -H "Timestamp: $ts" -H "Signature: $sig" \\`,
    `  -H 'Content-Type: application/json' -d ${shellQuote(body)}`,
  ].join('\n');
}

function facts(pairs) {
  return el('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function iosBanner(app, p) {
  return el('figure', { class: 'preview' },
    el('figcaption', {}, 'iOS banner'),
    el('div', { class: 'ios-banner', 'data-platform': 'ios' },
      el('div', { class: 'icon', 'aria-hidden': 'true' }, app.slice(0, 1).toUpperCase(),
        p.badge ? el('span', { class: 'count' }, p.badge) : null),
      el('div', {},
        el('div', { class: 'meta' }, app.toUpperCase() + ' · now'),
        p.title ? el('div', { class: 'title' }, p.title) : null,
        el('div', { class: 'text' }, p.text || ''),
        p.badge ? el('div', { class: 'meta' }, 'badge ' + p.badge) : null),
      p.image ? el('img', { src: p.image, alt: 'attached image', loading: 'lazy' }) : el('span')));
}

function androidCard(app, p) {
  return el('figure', { class: 'preview' },
    el('figcaption', {}, 'Android notification'),
    el('div', { class: 'android-card', 'data-platform': 'android' },
      el('div', { class: 'head meta' }, el('span', { class: 'dot', 'aria-hidden': 'true' }),
        app + ' · now'),
      p.title ? el('div', { class: 'title' }, p.title) : null,
      el('div', { class: 'text' }, p.text || ''),
      p.image ? el('img', { src: p.image, alt: 'attached image', loading: 'lazy' }) : null));
}

function entryBody(e) {
  const body = el('div', { class: 'body' });
  if (e.outcome === 'rejected') {
    body.append(facts([['Status', e.status], ['Code', e.code], ['Rule', e.rule],
      ['JSON path', e.path], ['Message', e.message]]));
    if (e.requirement)
      body.append(el('blockquote', { class: 'requirement' },
        el('p', {}, el('strong', {}, 'Requirement: '), e.requirement.reading),
        e.requirement.quote ? el('p', { lang: 'zh', class: 'muted' },
          'Vendor page: ', e.requirement.quote) : null));
  } else {
    const p = e.preview || {};
    body.append(el('div', { class: 'previews' },
      p.ios ? iosBanner(e.app, p.ios) : null,
      p.android ? androidCard(e.app, p.android) : null));
    const r = e.recipients;
    body.append(facts([['Push id', e.id],
      ['Recipients', r.total + ' (' + Object.entries(r.by_platform)
        .map(([k, v]) => k + ' ' + v).join(', ') + ')'],
      ['Devices', r.device_ids.join(', ') + (r.truncated ? ' …' : '')],
      ['Left out', r.excluded.total]]));
  }
  if (e.warnings && e.warnings.length)
    body.append(el('h4', {}, 'Warnings'), el('ul', {}, e.warnings.map((w) =>
      el('li', {}, w.message, w.did_you_mean.length ? ' (did you mean ' +
        w.did_you_mean.join(', ') + '?)' : ''))));
  body.append(el('h4', {}, 'Request'), el('pre', {}, JSON.stringify(e.request, null, 2)));
  const curl = el('pre', { class: 'curl', hidden: true });
  body.append(el('div', { class: 'row' }, el('button', { type: 'button', class: 'secondary',
    onclick: async () => {
      curl.textContent = curlOf(e);
      curl.hidden = false;
      try {
        await navigator.clipboard.writeText(curl.textContent);
        say('Copied as curl');
      } catch {
        say('Select the command below to copy it');
      }
    } }, 'Copy as curl')), curl);
  return body;
}

function entryItem(e) {
  const title = e.outcome === 'accepted'
    ? (e.preview && (e.preview.ios || e.preview.android || {}).title) || ''
    : e.message;
  const details = el('details', {},
    el('summary', {},
      el('span', { class: 'outcome' }, e.outcome),
      el('span', { class: 'mono' }, e.code),
      el('span', {}, e.app),
      e.rule ? el('span', { class: 'mono rule' }, e.rule) : null,
      el('span', { class: 'muted' }, formatTime(e.time_ms)),
      el('span', { class: 'summary-text' }, title || '')));
  let built = false;
  details.addEventListener('toggle', () => {
    if (details.open && !built) {
      details.append(entryBody(e));
      built = true;
    }
  });
  return el('li', { class: 'entry ' + e.outcome, 'data-seq': e.seq, 'data-outcome': e.outcome,
                    'data-rule': e.rule || '' }, details);
}

const rendered = new Map(); // seq → <li>, so that an open entry stays open

function renderJournal() {
  const f = Object.fromEntries(new FormData($('#filters')));
  const shown = [...state.entries.values()].filter((e) => matches(e, f))
    .sort((a, b) => b.seq - a.seq);
  const items = shown.map((e) => {
    if (!rendered.has(e.seq)) rendered.set(e.seq, entryItem(e));
    return rendered.get(e.seq);
  });
  $('#entries').replaceChildren(...items);
  $('#journal-count').textContent = `(${shown.length} of ${state.entries.size})`;
}

/** Long-polls the journal for entries after the last one seen, forever. */
async function followJournal() {
  for (;;) {
    try {
      const page = await api('GET', `journal?after_seq=${state.lastSeq}&wait_ms=25000&limit=200`);
      if (page.entries.length) {
        for (const e of page.entries) {
          state.entries.set(e.seq, e);
          state.lastSeq = Math.max(state.lastSeq, e.seq);
        }
        renderJournal();
        await refresh();
      }
    } catch (e) {
      say('Journal: ' + e.message, true);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

// --- Wiring ---------------------------------------------------------------------------------

async function refresh() {
  await Promise.all([refreshApps(), refreshClock(), refreshDetail()]);
}

function wire() {
  $('#filters').addEventListener('input', renderJournal);
  $('#filters').addEventListener('submit', (ev) => ev.preventDefault());
  $('#clock-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    act('Advance the clock', () => api('POST', 'clock/advance', { by: ev.target.by.value }));
  });
  for (const b of document.querySelectorAll('button[type=button][data-clock]'))
    b.addEventListener('click', () => act('Clock ' + b.dataset.clock,
      () => api('POST', 'clock/' + b.dataset.clock)));
  $('#clock-set').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const at = ev.target.at.value;
    if (!at) return say('Choose a date and time first', true);
    act('Set the clock', () => api('PUT', 'clock', { now_ms: new Date(at + 'Z').getTime() }));
  });
  $('#fault-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = ev.target;
    // Each kind takes only its own members (docs/faults.md); the control API refuses the others.
    const kind = f.kind.value;
    const body = { kind, path: f.path.value, host: f.host.value, count: Number(f.count.value) };
    if (kind === 'error')
      Object.assign(body, { status: Number(f.status.value), code: Number(f.code.value),
        message: f.message.value });
    if (kind === 'delay') body.delay_ms = Number(f.ms.value);
    if (kind === 'hang') body.hang_ms = Number(f.ms.value);
    if (kind === 'gateway') body.status = [502, 503, 504].includes(Number(f.status.value))
      ? Number(f.status.value) : 502;
    act('Arm a fault', () => api('POST', 'apps/' + encodeURIComponent(state.selected) + '/faults',
      body));
  });
  $('#fault-clear').addEventListener('click', () => act('Clear faults',
    () => api('DELETE', 'apps/' + encodeURIComponent(state.selected) + '/faults')));
  setInterval(renderClock, 1000);
  setInterval(() => refresh().catch((e) => say(e.message, true)), 5000);
}

async function start() {
  wire();
  // The console's files need no token; whether the control API does is in their headers.
  const own = await fetch('console.css', { cache: 'no-cache' });
  await own.text();
  if (own.headers.get('X-Emulator-Admin-Token') === 'required' && !sessionStorage.getItem(tokenKey))
    await askToken();
  const config = await api('GET', 'config');
  $('#version').textContent = config.version;
  await refresh();
  say('Watching the journal');
  document.body.dataset.ready = 'true';
  followJournal();
}

start().catch((e) => say('Cannot start: ' + e.message, true));
