// The flame-graph webview in real headless Chromium, fed real profiles written by Go.
import { after, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { loadProfile } from '../../src/flameGraph/model';
import type { ViewMessage } from '../../src/shared/messages';
import { useGoProfilesAndBrowser, type GoProfiles } from './goProfiles';
import { hostileNames, hostileProfile } from './hostileProfile';
import { openWebview, type Webview } from './harness';
import { widestFrame, type Box } from './frameProbe';

/** The on-screen box of the widest frame of a function, in page coordinates. */
async function frameBox(view: Webview, name: string): Promise<Box | null> {
  const spot = await view.page.evaluate(widestFrame, name);
  return spot && { x: spot.canvas.left + spot.box.x, y: spot.canvas.top + spot.box.y, w: spot.box.w, h: spot.box.h };
}

function canvasWidth(view: Webview): Promise<number> {
  return view.page.evaluate(() => document.getElementById('flame')!.getBoundingClientRect().width);
}

async function openSources(view: Webview): Promise<Extract<ViewMessage, { type: 'openSource' }>[]> {
  return (await view.posted()).filter((m): m is Extract<ViewMessage, { type: 'openSource' }> => m.type === 'openSource');
}

function settle(view: Webview): Promise<void> {
  return view.page.waitForTimeout(300);
}

describe('flame graph webview', () => {
  let browser: Browser;
  let go: GoProfiles;

  useGoProfilesAndBrowser((g, b) => {
    go = g;
    browser = b;
  });

  // Runs after useGoProfilesAndBrowser's `after` (hooks run in the order registered): once the profiles are disposed.
  after(() => {
    assert.equal(go && existsSync(go.dir), false, 'no temp files left behind');
  });

  test('renders a CPU profile from Go: frames drawn, breadcrumb at the root, table filled', async () => {
    const view = await openWebview(browser);
    assert.deepEqual(await view.posted(), [{ type: 'ready' }]);
    const { model } = loadProfile(go.cpu, 'cpu.pprof');
    const timing = await view.sendModel(model);
    assert.ok(timing.paintMs > 0 && timing.paintMs < 1000, `first paint took ${timing.paintMs} ms`);
    const drawn = await view.page.evaluate(() => (window as unknown as { goProfile: { app: { flameView: { lastPaint: { drawn: number } } } } }).goProfile.app.flameView.lastPaint.drawn);
    assert.ok(drawn >= 5, `only ${drawn} frames drawn`);
    assert.equal(await view.page.locator('#breadcrumb .crumb').allTextContents().then((t) => t.join('|')), 'all');
    await view.page.waitForSelector('.top-table tbody tr');
    const names = await view.page.locator('.top-table td.name').allTextContents();
    assert.ok(names.includes('main.hashLoop'), `table rows: ${names.slice(0, 10).join(', ')}`);
    // hashLoop does nearly all of the program's own work, so it tops its functions by flat
    // (runtime.asyncPreempt, charged to the loop's preemption points, may come before it).
    assert.equal(names.find((n) => n.startsWith('main.')), 'main.hashLoop');
    assert.ok(await frameBox(view, 'main.parseRecords'), 'parseRecords is drawn');
    await view.screenshot('cpu-dark');
    await view.close();
  });

  test('a click zooms into the frame, updates the breadcrumb and posts open-source for its line', async () => {
    const view = await openWebview(browser);
    await view.sendModel(loadProfile(go.cpu, 'cpu.pprof').model);
    const before = await frameBox(view, 'main.renderPage');
    assert.ok(before, 'renderPage is visible');
    const width = await canvasWidth(view);
    assert.ok(before.w < width * 0.6, 'renderPage is a fraction of the graph before the zoom');
    await view.page.mouse.click(before.x + before.w / 2, before.y + before.h / 2);
    await settle(view);
    const zoomed = await frameBox(view, 'main.renderPage');
    assert.ok(zoomed && zoomed.w > width - 2, `renderPage fills the width after the zoom (${zoomed?.w} of ${width})`);
    const crumbs = await view.page.locator('#breadcrumb .crumb').allTextContents();
    assert.equal(crumbs[0], 'all');
    assert.equal(crumbs.at(-1), 'main.renderPage');
    assert.ok(crumbs.includes('main.main'));
    const opened = await openSources(view);
    assert.equal(opened.length, 1);
    assert.equal(opened[0].func, 'main.renderPage');
    assert.equal(opened[0].file, go.source);
    assert.ok(opened[0].line >= 24 && opened[0].line <= 27, `line ${opened[0].line} is inside renderPage`);
    await view.screenshot('cpu-zoomed');
    await view.page.locator('#breadcrumb .crumb').first().click();
    await settle(view);
    const reset = await frameBox(view, 'main.renderPage');
    assert.ok(reset && Math.abs(reset.w - before.w) < 2, 'the root crumb zooms back out');
    await view.close();
  });

  test('hover shows function, file:line, flat and cum with units and percent; Ctrl+wheel zooms at the pointer', async () => {
    const view = await openWebview(browser);
    await view.sendModel(loadProfile(go.cpu, 'cpu.pprof').model);
    const box = await frameBox(view, 'main.parseRecords');
    assert.ok(box);
    await view.page.mouse.move(box.x + 20, box.y + box.h / 2);
    assert.equal(await view.page.textContent('.tooltip-name'), 'main.parseRecords');
    assert.match((await view.page.textContent('.tooltip-location')) ?? '', /main\.go:2[3-5]$/);
    const rows = await view.page.locator('.tooltip tr').allTextContents();
    assert.equal(rows.length, 2);
    assert.match(rows[0], /^Flat0 \(0\.0%\)$/);
    assert.match(rows[1], /^Cum[\d.]+(ms|s) \([\d.]+%\)$/);
    const span = (): Promise<number> =>
      view.page.evaluate(() => {
        const fv = (window as unknown as { goProfile: { app: { flameView: { viewportSpan: number } } } }).goProfile.app.flameView;
        return fv.viewportSpan;
      });
    const before = await span();
    for (let i = 0; i < 5; i++) {
      await view.page.keyboard.down('Control');
      await view.page.mouse.wheel(0, -200);
      await view.page.keyboard.up('Control');
    }
    await settle(view);
    const after = await span();
    assert.ok(after < before / 2, `Ctrl+wheel narrowed the visible range from ${before} to ${after}`);
    const zoomed = await frameBox(view, 'main.parseRecords');
    assert.ok(zoomed && zoomed.x <= box.x + 20 && zoomed.x + zoomed.w >= box.x + 20, 'the frame under the pointer stays under it');
    await view.close();
  });

  test('the table sorts by any column', async () => {
    const view = await openWebview(browser);
    await view.sendModel(loadProfile(go.cpu, 'cpu.pprof').model);
    await view.page.waitForSelector('.top-table tbody tr');
    await view.page.click('.top-table th button:text("Cum")');
    assert.equal(await view.page.getAttribute('.top-table th:has(button:text("Cum"))', 'aria-sort'), 'descending');
    const cum = await view.page.locator('.top-table tbody tr td:nth-child(4)').allTextContents();
    const values = cum.map((c) => Number(c.replace('%', '')));
    assert.deepEqual(values, [...values].sort((a, b) => b - a));
    assert.ok(values[0] > values[values.length - 1], 'rows differ, so the order means something');
    await view.page.click('.top-table th button:text("Function")');
    const names = await view.page.locator('.top-table td.name').allTextContents();
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
    await view.close();
  });

  test('search highlights matches and shows their share; the table follows the filter', async () => {
    const view = await openWebview(browser);
    await view.sendModel(loadProfile(go.cpu, 'cpu.pprof').model);
    await view.page.waitForSelector('.top-table tbody tr');
    await view.page.fill('#search', 'records');
    const info = await view.page.textContent('#matchInfo');
    assert.match(info ?? '', /^1 function match: [\d.]+(ms|s) \([\d.]+% of total\)$/);
    const share = /\(([\d.]+%)/.exec(info ?? '')![1];
    const row = await view.page.locator('.top-table tbody tr').first().locator('td').allTextContents();
    assert.equal(share, row[3], 'the share of the matches is the cum% of parseRecords');
    assert.deepEqual(await view.page.locator('.top-table td.name').allTextContents(), ['main.parseRecords']);
    const matches = await view.page.evaluate(() => {
      const app = (window as unknown as { goProfile: { app: { model: { funcNames: string[] }; flameView: { currentHighlights: { matches: Uint8Array | null } } } } }).goProfile.app;
      const m = app.flameView.currentHighlights.matches;
      return m ? app.model.funcNames.filter((_, i) => m[i] === 1) : null;
    });
    assert.deepEqual(matches, ['main.parseRecords']);
    await view.screenshot('cpu-search');
    await view.page.fill('#search', '/^main\\.(render|parse)/');
    assert.match((await view.page.textContent('#matchInfo')) ?? '', /^2 functions match/);
    await view.page.fill('#search', '');
    assert.equal(await view.page.textContent('#matchInfo'), '');
    await view.close();
  });

  test('switches sample types of a heap profile and formats bytes', async () => {
    const view = await openWebview(browser);
    const { model } = loadProfile(go.heap, 'heap.pprof');
    await view.sendModel(model);
    const options = await view.page.locator('#sampleType option').allTextContents();
    assert.deepEqual(options, ['alloc_objects (count)', 'alloc_space (bytes)', 'inuse_objects (count)', 'inuse_space (bytes)']);
    await view.page.selectOption('#sampleType', { label: 'alloc_space (bytes)' });
    await view.page.waitForSelector('.top-table tbody tr');
    const sampleType = await view.page.evaluate(() => (window as unknown as { goProfile: { app: { flameView: { currentLayout: { sampleType: number } } } } }).goProfile.app.flameView.currentLayout.sampleType);
    assert.equal(sampleType, 1);
    const row = await view.page.locator('.top-table tbody tr', { hasText: 'main.allocBuffers' }).first().locator('td').allTextContents();
    assert.match(row[2], /^[\d.]+(kB|MB|GB)$/, `cum of allocBuffers in bytes: ${row[2]}`);
    await view.page.selectOption('#sampleType', { label: 'alloc_objects (count)' });
    const countRow = await view.page.locator('.top-table tbody tr', { hasText: 'main.allocBuffers' }).first().locator('td').allTextContents();
    assert.match(countRow[2], /^[\d,]+$/, `cum of allocBuffers as a count: ${countRow[2]}`);
    assert.notEqual(countRow[2], row[2]);
    await view.screenshot('heap-alloc-space');
    await view.close();
  });

  test('keyboard: arrows move between frames, Enter posts open-source, Space zooms, Escape resets', async () => {
    const view = await openWebview(browser, { state: { rootAtTop: false } });
    await view.sendModel(loadProfile(go.cpu, 'cpu.pprof').model);
    await view.page.focus('#flame');
    await view.page.keyboard.press('ArrowUp');
    await view.page.keyboard.press('ArrowUp');
    await view.page.keyboard.press('Enter');
    const opened = await openSources(view);
    assert.equal(opened.length, 1);
    assert.ok(opened[0].func.length > 0 && opened[0].file.length > 0);
    const status = await view.page.textContent('#status');
    assert.ok(status?.startsWith(opened[0].func), `the live region announces the frame: ${status}`);
    await view.page.keyboard.press(' ');
    await settle(view);
    assert.equal((await view.page.locator('#breadcrumb .crumb').allTextContents()).at(-1), opened[0].func, 'Space zooms to the selected frame');
    await view.page.keyboard.press('Escape');
    await settle(view);
    assert.deepEqual(await view.page.locator('#breadcrumb .crumb').allTextContents(), ['all'], 'Escape resets the zoom');
    await view.screenshot('cpu-root-bottom');
    await view.close();
  });

  test('a table row click selects the function, shows its callers and callees, posts open-source', async () => {
    const view = await openWebview(browser, { theme: 'light' });
    await view.sendModel(loadProfile(go.cpu, 'cpu.pprof').model);
    await view.page.locator('.top-table tbody tr', { hasText: 'main.hashLoop' }).first().click();
    assert.equal(await view.page.textContent('#sandwichTitle'), 'main.hashLoop');
    assert.ok(await view.page.isVisible('#callers'));
    const opened = await openSources(view);
    assert.equal(opened.at(-1)?.func, 'main.hashLoop');
    assert.equal(await view.page.getAttribute('.top-table tbody tr[aria-selected="true"] td.name', 'class'), 'name');
    await view.screenshot('cpu-light-sandwich');
    await view.close();
  });

  test('the editor cursor highlights the frames of its function', async () => {
    const view = await openWebview(browser, { theme: 'high-contrast' });
    const { model } = loadProfile(go.cpu, 'cpu.pprof');
    await view.sendModel(model);
    const func = model.funcNames.indexOf('main.parseRecords');
    await view.page.evaluate((f) => window.postMessage({ type: 'highlightFunction', func: f }, '*'), func);
    await settle(view);
    const highlighted = await view.page.evaluate(() => (window as unknown as { goProfile: { app: { flameView: { currentHighlights: { cursorFunc: number } } } } }).goProfile.app.flameView.currentHighlights.cursorFunc);
    assert.equal(highlighted, func);
    await view.screenshot('cpu-high-contrast-cursor');
    await view.close();
  });

  test('follows a theme switch while open: the canvas repaints in the new colours', async () => {
    const view = await openWebview(browser, { theme: 'dark' });
    await view.sendModel(loadProfile(go.cpu, 'cpu.pprof').model);
    const pixel = (): Promise<number[]> =>
      view.page.evaluate(() => {
        const c = document.getElementById('flame') as HTMLCanvasElement;
        return Array.from(c.getContext('2d')!.getImageData(c.width - 5, c.height - 5, 1, 1).data.slice(0, 3));
      });
    assert.deepEqual(await pixel(), [0x1f, 0x1f, 0x1f], 'empty graph area is the dark editor background');
    await view.setTheme('light');
    await settle(view);
    assert.deepEqual(await pixel(), [0xff, 0xff, 0xff], 'and the light one after the switch');
    await view.screenshot('cpu-light-after-switch');
    await view.close();
  });

  test('a profile without samples says so instead of drawing nothing', async () => {
    const view = await openWebview(browser);
    await view.sendModel(loadProfile(go.emptyCpu, 'empty.pprof').model);
    assert.match((await view.page.textContent('#empty')) ?? '', /^This profile holds no samples/);
    assert.ok(await view.page.isVisible('#empty'));
    await view.screenshot('cpu-empty');
    await view.close();
    const full = await openWebview(browser);
    await full.sendModel(loadProfile(go.cpu, 'cpu.pprof').model);
    assert.equal(await full.page.isVisible('#empty'), false);
    await full.close();
  });

  test('an error from the extension is shown in place of the graph', async () => {
    const view = await openWebview(browser);
    await view.page.evaluate(() => window.postMessage({ type: 'error', message: 'Cannot show cpu.out: not a pprof profile <b>x</b>' }, '*'));
    await view.page.waitForSelector('#message.error');
    assert.equal(await view.page.textContent('#message'), 'Cannot show cpu.out: not a pprof profile <b>x</b>');
    await view.close();
  });

  test('hostile function names are shown as text, never parsed as HTML', async () => {
    const view = await openWebview(browser);
    // Raw names (no demangling): pprof's clean-up of C++-like names would strip the <...> this test needs.
    const { model } = loadProfile(hostileProfile(), '<b>hostile</b>.pprof', false);
    assert.deepEqual(model.funcNames.slice(1), hostileNames);
    await view.sendModel(model);
    await view.page.waitForSelector('.top-table tbody tr');
    const cells = await view.page.locator('.top-table td.name').allTextContents();
    for (const name of hostileNames) {
      assert.ok(cells.includes(name), `table shows ${name} literally`);
    }
    assert.equal(await view.page.textContent('#title'), '<b>hostile</b>.pprof');
    for (const name of hostileNames) {
      const box = await frameBox(view, name);
      assert.ok(box, `${name} is drawn`);
      await view.page.mouse.move(box.x + box.w / 2, box.y + box.h / 2);
      assert.equal(await view.page.textContent('.tooltip-name'), name);
    }
    await view.page.locator('.top-table tbody tr').first().click();
    await view.screenshot('hostile-names');
    const injected = await view.page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      elements: document.querySelectorAll('img, svg, b, script:not([nonce])').length,
    }));
    assert.deepEqual(injected, { pwned: undefined, elements: 0 });
    // The CSP itself refuses inline script even if something slipped into the DOM.
    const blocked = await view.page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 50));
      return (window as unknown as { __inline?: number }).__inline;
    });
    assert.equal(blocked, undefined);
    await view.close();
  });
});
