// What Led Here in Chromium: the built page (out/media/ledHere.js) under the panel's HTML and
// CSP, fed the model of a real flight recording (the flightrec fixture under real dlv): the
// timeline is drawn, a wait clicked asks to open its line, names stay text.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { renderPage } from '../../src/shared/html';
import type { LedModel } from '../../src/traces/ledHereModel';
import type { LedViewMessage } from '../../src/traces/ledHereMessages';
import { readLedHere } from '../../src/traces/ledHereRun';
import { FLIGHT_MAIN, recordFlight } from '../dap/flightRecording';
import { lineOf, toolEnv } from '../dap/harness';
import { artifacts, launchBrowser, root } from './harness';

const origin = 'https://webview.test';
let browser: Browser;
let model: LedModel;
let dir = '';

before(async () => {
  const recorded = await recordFlight(2);
  dir = recorded.dir;
  const { path, goroutine, seconds, stoppedAt } = recorded.event;
  model = await readLedHere(path, { goroutine, seconds, stoppedAt }, { env: toolEnv() });
  browser = await launchBrowser();
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  posted(): Promise<LedViewMessage[]>;
  problems: string[];
  /** ms from the model's post to the frame after the timeline was built. */
  drawnMs: number;
}

async function open(shown: LedModel, location = 'main.worker:25'): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  const html = renderPage({ cspSource: origin, scriptUri: `${origin}/out/media/ledHere.js`, styleUri: `${origin}/media/ledHere.css`, title: 'What Led Here' });
  await page.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/index.html') {
      return route.fulfill({ contentType: 'text/html', body: html });
    }
    if (path === '/out/media/ledHere.js' || path === '/media/ledHere.css') {
      return route.fulfill({ contentType: path.endsWith('.js') ? 'text/javascript' : 'text/css', body: readFileSync(join(root, path)) });
    }
    return route.fulfill({ status: 404, body: '' });
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __posted: unknown[]; acquireVsCodeApi: () => unknown };
    w.__posted = [];
    w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => w.__posted.push(m) });
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP: ${e.violatedDirective}`));
  });
  await page.goto(`${origin}/index.html`);
  const posted = (): Promise<LedViewMessage[]> => page.evaluate(() => (window as unknown as { __posted: LedViewMessage[] }).__posted);
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
  const drawnMs = await page.evaluate(async ({ m, location }) => {
    const probe = (window as unknown as { ledHere: { drawn?: number } }).ledHere;
    const sent = performance.now();
    window.postMessage({ type: 'model', model: m, location }, '*');
    while (probe.drawn === undefined || probe.drawn < sent) {
      await new Promise((r) => setTimeout(r, 1));
    }
    return probe.drawn - sent;
  }, { m: shown, location });
  return { page, posted, problems, drawnMs };
}

test('the timeline of the stopped goroutine is drawn: every state, the wait where it was', async () => {
  const v = await open(model);
  const spans = v.page.locator('.lane.own .span:not(.assist)');
  assert.equal(await spans.count(), model.segments.length);
  const wait = v.page.locator('.lane.own .span.waiting.what-channel');
  assert.equal(await wait.count(), 1);
  const seg = model.segments.find((s) => s.what === 'channel')!;
  const track = (await v.page.locator('.lane.own .track').boundingBox())!;
  const box = (await wait.boundingBox())!;
  // Where the wait is drawn matches when it happened, to a pixel or two.
  assert.ok(Math.abs(box.x - track.x - (seg.start / model.duration) * track.width) < 2, `x ${box.x - track.x} of ${track.width}`);
  assert.ok(Math.abs(box.width - ((seg.end - seg.start) / model.duration) * track.width) < 2, `width ${box.width}`);
  assert.match((await wait.getAttribute('title')) ?? '', /^blocked \d+(\.\d)? ms on channel \(chan receive\) in main\.worker$/);
  assert.ok(await v.page.locator('.lane.own .span.running').count() >= 2, 'the spin is drawn as running');
  assert.match(await v.page.locator('.summary').innerText(), /goroutine \d+ ran .* was blocked/);
  assert.ok(await v.page.locator('.lane.group').count() >= 1, 'the other goroutines are drawn');
  await v.page.screenshot({ path: join(artifacts, 'ledHere.png') });
  assert.deepEqual(v.problems, []);
  await v.page.context().close();
});

test('a wait clicked asks to open its line and shows its stack, each frame a link', async () => {
  const v = await open(model);
  await v.page.locator('.lane.own .span.waiting.what-channel').click();
  const recv = { type: 'openSource', file: FLIGHT_MAIN, line: lineOf(FLIGHT_MAIN, 'recv') };
  assert.deepEqual((await v.posted()).filter((m) => m.type === 'openSource'), [recv]);
  const frames = await v.page.locator('.details .frame').allInnerTexts();
  assert.match(frames[0], /^runtime\.chanrecv1 chan\.go:\d+$/);
  assert.ok(frames.some((f) => f === `main.worker main.go:${recv.line}`), frames.join(' | '));
  await v.page.locator('.details .frame').first().click();
  assert.equal((await v.posted()).filter((m) => m.type === 'openSource').length, 2);
  // The list of waits does the same from the keyboard.
  await v.page.locator('.waits .wait').first().focus();
  await v.page.keyboard.press('Enter');
  assert.deepEqual((await v.posted()).filter((m) => m.type === 'openSource').pop(), recv);
  await v.page.locator('[data-wait="sync"]').click();
  await v.page.locator('#traceViewer').click();
  assert.deepEqual((await v.posted()).slice(-2), [{ type: 'showWaits', kind: 'sync' }, { type: 'openTraceViewer' }]);
  assert.deepEqual(v.problems, []);
  await v.page.context().close();
});

test('names from the trace are text: markup in a function name is shown, not run', async () => {
  const hostile = '<img src=x onerror="window.__pwned=1">';
  const shown: LedModel = {
    ...model,
    groups: [{ ...model.groups[0], func: hostile }, ...model.groups.slice(1)],
    stacks: model.stacks.map((frames) => frames.map((f) => ({ ...f, func: f.func === 'main.worker' ? hostile : f.func }))),
  };
  const v = await open(shown, hostile);
  await v.page.locator('.lane.own .span.waiting.what-channel').click();
  assert.equal(await v.page.locator('img').count(), 0);
  assert.equal(await v.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  assert.equal(await v.page.locator('.lane.group .lane-name').first().innerText(), hostile);
  assert.match(await v.page.locator('.title').innerText(), /^What led to <img/);
  assert.deepEqual(v.problems, []);
  await v.page.context().close();
});
