// Comparison and filters in real headless Chromium, on profiles written by a real Go
// program (test/fixtures/comparegen): two allocs runs with different workloads are compared,
// and a CPU profile of work under pprof.Do labels is filtered from the label controls. The
// test plays the extension's part with the same function the panel session calls
// (filteredModel), and checks the numbers against `go tool pprof` on the same files.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { gunzipGuarded } from '../../src/capture/profileBytes';
import { decodeProfile, diffProfiles, sampleTypeIndex, type Profile } from '../../src/profile';
import type { ViewFilter, ViewMessage, ViewModel } from '../../src/shared/messages';
import { filteredModel } from '../../src/flameGraph/filter';
import { computeFunctionStats } from '../../media/src/functionStats';
import { diffRows } from '../../media/src/diffRows';
import { launchBrowser, openWebview, root, type Webview } from './harness';

let dir: string;
let browser: Browser;

function pprof(args: string[]): string {
  return execFileSync('go', ['tool', 'pprof', '-top', '-nodecount=100000', '-nodefraction=0', '-edgefraction=0', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** "Showing nodes accounting for X, P% of Y total" in the unit asked for. */
function pprofTotals(out: string): { shown: number; total: number } {
  const m = /Showing nodes accounting for (-?\d+)\w*, [^ ]+ of (-?\d+)\w* total/.exec(out);
  assert.ok(m, `no totals in pprof output:\n${out}`);
  return { shown: Number(m[1]), total: Number(m[2]) };
}

/** flat and cum by function from pprof -top rows, inlined and not summed. */
function pprofRows(out: string): Map<string, { flat: number; cum: number }> {
  const rows = new Map<string, { flat: number; cum: number }>();
  const num = (s: string): number => Number(s.replace(/[a-zA-Z]+$/, ''));
  for (const line of out.split('\n')) {
    const m = /^\s*(-?\d\S*)\s+\S+%\s+\S+%\s+(-?\d\S*)\s+\S+%\s+(.+)$/.exec(line);
    if (m) {
      // pprof appends " (inline)" or " (partial-inline)" when some calls into the function were inlined.
      const name = m[3].trim().replace(/ \((?:partial-)?inline\)$/, '');
      const prev = rows.get(name) ?? { flat: 0, cum: 0 };
      rows.set(name, { flat: prev.flat + num(m[1]), cum: prev.cum + num(m[2]) });
    }
  }
  return rows;
}

function read(name: string): Profile {
  return decodeProfile(readFileSync(join(dir, name)), gunzipGuarded);
}

interface Probe {
  app: {
    model: ViewModel;
    diff: { direction(node: number): number } | null;
    flameView: { canvas: HTMLCanvasElement; currentLayout: { sampleType: number }; boxOf(n: number): { x: number; y: number; w: number; h: number } | null };
  };
}

/** For a function's widest node: the renderer's change direction and the pixel drawn inside its box. */
function drawnChange(view: Webview, name: string): Promise<{ direction: number; rgb: number[]; x: number; y: number } | null> {
  return view.page.evaluate(async (fname) => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const app = (window as unknown as { goProfile: Probe }).goProfile.app;
    const { tree, funcNames } = app.model;
    const t = app.flameView.currentLayout.sampleType;
    let best = -1;
    for (let n = 1; n < tree.length; n++) {
      if (funcNames[tree.func[n]] === fname && (best < 0 || tree.total[n * tree.sampleTypes + t] > tree.total[best * tree.sampleTypes + t])) best = n;
    }
    const box = best < 0 ? null : app.flameView.boxOf(best);
    if (!box || !app.diff) return null;
    const canvas = app.flameView.canvas;
    const dpr = window.devicePixelRatio || 1;
    // Just inside the box's top-left corner: fill, not label text.
    const px = canvas.getContext('2d')!.getImageData(Math.round((box.x + 2) * dpr), Math.round((box.y + 2) * dpr), 1, 1).data;
    const r = canvas.getBoundingClientRect();
    return { direction: app.diff.direction(best), rgb: [px[0], px[1], px[2]], x: r.left + box.x + box.w / 2, y: r.top + box.y + box.h / 2 };
  }, name);
}

async function lastFilter(view: Webview): Promise<ViewFilter> {
  const posted = (await view.posted()).filter((m): m is Extract<ViewMessage, { type: 'setFilter' }> => m.type === 'setFilter');
  assert.ok(posted.length > 0, 'the page asked for a filter');
  return posted[posted.length - 1].filter;
}

function rootTotals(view: Webview): Promise<{ total: number; whole: number | undefined }> {
  return view.page.evaluate(() => {
    const app = (window as unknown as { goProfile: Probe }).goProfile.app;
    const t = app.flameView.currentLayout.sampleType;
    return { total: app.model.tree.total[t], whole: app.model.totals?.[t] };
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'goprof-compare-'));
  cpSync(join(root, 'test', 'fixtures', 'comparegen'), join(dir, 'src'), { recursive: true });
  const prog = join(dir, 'comparegen');
  execFileSync('go', ['build', '-o', prog, '.'], { cwd: join(dir, 'src'), stdio: 'pipe' });
  execFileSync(prog, ['labels', join(dir, 'labels.pb.gz')], { stdio: 'pipe' });
  // Base: growing 1, shrinking 4, steady 5 buffers; target: 8, 2, 5.
  execFileSync(prog, ['allocs', '1', '4', '5', join(dir, 'base.pb.gz')], { stdio: 'pipe' });
  execFileSync(prog, ['allocs', '8', '2', '5', join(dir, 'target.pb.gz')], { stdio: 'pipe' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
  assert.equal(existsSync(dir), false, 'no temp files left behind');
});

describe('comparison', () => {
  test('the grown function is drawn red, the shrunk one blue; normalised recolours the steady one', async () => {
    const diff = diffProfiles(read('base.pb.gz'), read('target.pb.gz'));
    const t = sampleTypeIndex(diff, 'alloc_space');
    const view = await openWebview(browser, { state: { sampleType: t } });
    await view.sendModel(filteredModel(diff, 'target', {}, 'base').model);
    const grew = await drawnChange(view, 'main.growing');
    const shrank = await drawnChange(view, 'main.shrinking');
    const same = await drawnChange(view, 'main.steady');
    assert.ok(grew && shrank && same, 'all three functions are drawn');
    assert.equal(grew.direction, 1);
    assert.ok(grew.rgb[0] > grew.rgb[2] + 40, `grown box is red: rgb ${grew.rgb}`);
    assert.equal(shrank.direction, -1);
    assert.ok(shrank.rgb[2] > shrank.rgb[0] + 40, `shrunk box is blue: rgb ${shrank.rgb}`);
    assert.equal(same.direction, 0, 'same allocation in both runs: unchanged');
    assert.ok(Math.abs(same.rgb[0] - same.rgb[2]) < 12, `unchanged box is grey: rgb ${same.rgb}`);
    await view.screenshot('diff-absolute');

    await view.page.mouse.move(grew.x, grew.y);
    const tip = await view.page.locator('#tooltip').innerText();
    assert.match(tip, /Base\s+64kB/);
    assert.match(tip, /Target\s+512kB/);
    assert.match(tip, /Change\s+\+448kB \(\+700\.0%\)/);

    // Target total 15 buffers, base 10: scaled to the target, steady's 5 of the base are 7.5.
    await view.page.click('#diffMode');
    assert.equal(await view.page.getAttribute('#diffMode', 'aria-pressed'), 'true');
    const normalised = await drawnChange(view, 'main.steady');
    assert.equal(normalised?.direction, -1, 'steady is a smaller share of the target');
    assert.ok(normalised && normalised.rgb[2] > normalised.rgb[0] + 30, `rgb ${normalised?.rgb}`);
    await view.screenshot('diff-normalised');
    await view.close();
  });

  test('the table of largest increases and decreases equals go tool pprof -top -diff_base', async () => {
    const diff = diffProfiles(read('base.pb.gz'), read('target.pb.gz'));
    const t = sampleTypeIndex(diff, 'alloc_space');
    const { model } = filteredModel(diff, 'target', {}, 'base');
    const base = model.base!;
    const targetStats = computeFunctionStats(model.tree, model.funcNames.length);
    const baseStats = computeFunctionStats({ ...model.tree, self: base.self, total: base.total }, model.funcNames.length);
    const rows = diffRows(targetStats, baseStats, t, 1, 1000);
    const ours = new Map([...rows.increases, ...rows.decreases].map((r) => [model.funcNames[r.func], { flat: r.flatDelta, cum: r.cumDelta }]));
    const expected = pprofRows(pprof([`-sample_index=alloc_space`, '-unit=B', `-diff_base=${join(dir, 'base.pb.gz')}`, join(dir, 'target.pb.gz')]));
    assert.deepEqual(new Map([...ours].sort()), new Map([...expected].sort()));
    assert.equal(model.funcNames[rows.increases[0].func], 'main.allocate', 'the allocating leaf grew most by flat');
    assert.ok(rows.decreases.some((r) => model.funcNames[r.func] === 'main.shrinking'));

    const view = await openWebview(browser, { state: { sampleType: t } });
    await view.sendModel(model);
    await view.page.waitForSelector('#increases tbody tr');
    const up = await view.page.locator('#increases td.name').allTextContents();
    const down = await view.page.locator('#decreases td.name').allTextContents();
    assert.deepEqual(up, rows.increases.slice(0, 15).map((r) => model.funcNames[r.func]));
    assert.ok(down.includes('main.shrinking'), `decreases: ${down.join(', ')}`);
    assert.ok(!up.includes('main.steady') && !down.includes('main.steady'), 'unchanged functions are in neither table');
    await view.close();
  });
});

describe('label and function filters', () => {
  const cpu = (): Profile => read('labels.pb.gz');

  async function answer(view: Webview, profile: Profile): Promise<ViewFilter> {
    const filter = await lastFilter(view);
    await view.sendModel(filteredModel(profile, 'cpu', filter).model);
    return filter;
  }

  test('choosing a label value gives the totals of go tool pprof -tagfocus, in graph and table', async () => {
    const profile = cpu();
    const t = sampleTypeIndex(profile, 'cpu');
    const view = await openWebview(browser, { state: { sampleType: t } });
    await view.sendModel(filteredModel(profile, 'cpu').model);
    assert.deepEqual(await view.page.locator('#label-key option').allTextContents(), ['route', 'tier']);
    const values = await view.page.locator('#label-value option').allTextContents();
    assert.ok(values.some((v) => v.startsWith('/api (')) && values.some((v) => v.startsWith('/home (')), values.join(', '));

    await view.page.selectOption('#label-value', '/api');
    await view.page.click('#label-focus');
    assert.deepEqual(await answer(view, profile), { tagfocus: 'route=^/api$' });
    const expected = pprofTotals(pprof([`-sample_index=${t}`, '-unit=ns', '-tagfocus=route=^/api$', join(dir, 'labels.pb.gz')]));
    const shown = await rootTotals(view);
    assert.ok(expected.shown > 0);
    assert.equal(shown.total, expected.shown, 'the graph holds what pprof -tagfocus shows');
    assert.equal(shown.whole, expected.total, 'percentages are of the whole profile, as pprof');
    assert.equal(await view.page.inputValue('#filter-tagfocus'), 'route=^/api$', 'the field shows the active filter');
    await view.page.waitForSelector('.top-table tbody tr');
    const names = await view.page.locator('.top-table td.name').allTextContents();
    assert.ok(names.includes('main.handleAPI'), names.join(', '));
    assert.ok(!names.includes('main.handleHome') && !names.includes('main.background'), 'the table follows the filter');
    // Percentages are of the whole profile, as pprof prints them under -tagfocus.
    const pprofOut = pprof([`-sample_index=${t}`, '-unit=ns', '-tagfocus=route=^/api$', join(dir, 'labels.pb.gz')]);
    const pprofCum = Number(/\s(\S+)%\s+main\.handleAPI$/m.exec(pprofOut)?.[1]);
    const row = view.page.locator('.top-table tbody tr', { has: view.page.locator('td.name', { hasText: /^main\.handleAPI$/ }) });
    const ourCum = Number((await row.locator('td').nth(3).innerText()).replace('%', ''));
    assert.ok(pprofCum > 0 && pprofCum < 100, `pprof cum% ${pprofCum}`);
    assert.ok(Math.abs(ourCum - pprofCum) < 0.051, `cum% ${ourCum} vs pprof ${pprofCum}`);
    await view.screenshot('labels-tagfocus');

    await view.page.selectOption('#label-value', '/home');
    await view.page.click('#label-ignore');
    assert.deepEqual(await answer(view, profile), { tagfocus: 'route=^/api$', tagignore: 'route=^/home$' });
    assert.equal((await rootTotals(view)).total, expected.shown, 'ignoring another value keeps the focused samples');
    await view.close();
  });

  test('group by a label key: one subtree per value, each as large as pprof -tagfocus of it', async () => {
    const profile = cpu();
    const file = join(dir, 'labels.pb.gz');
    const t = sampleTypeIndex(profile, 'cpu');
    const view = await openWebview(browser, { state: { sampleType: t } });
    await view.sendModel(filteredModel(profile, 'cpu').model);
    await view.page.selectOption('#filter-tagroot', 'route');
    assert.deepEqual(await answer(view, profile), { tagroot: 'route' });
    const children = await view.page.evaluate(() => {
      const app = (window as unknown as { goProfile: Probe }).goProfile.app;
      const { tree, funcNames } = app.model;
      const st = app.flameView.currentLayout.sampleType;
      const out: Record<string, number> = {};
      for (let c = tree.firstChild[0]; c >= 0; c = tree.nextSibling[c]) out[funcNames[tree.func[c]]] = tree.total[c * tree.sampleTypes + st];
      return out;
    });
    for (const value of ['/api', '/home']) {
      const expected = pprofTotals(pprof([`-sample_index=${t}`, '-unit=ns', `-tagfocus=route=^${value}$`, join(dir, 'labels.pb.gz')]));
      assert.equal(children[`route[${value}]`], expected.shown, `subtree ${value}`);
    }
    const all = pprofTotals(pprof([`-sample_index=${t}`, '-unit=ns', file]));
    const unlabelled = pprofTotals(pprof([`-sample_index=${t}`, '-unit=ns', '-tagignore=route=.', file]));
    assert.equal(children['route (none)'], unlabelled.shown, 'samples without the label get a subtree of their own');
    assert.equal(Object.values(children).reduce((a, b) => a + b, 0), all.shown);
    assert.equal(await view.page.inputValue('#filter-tagroot'), 'route');
    await view.screenshot('labels-tagroot');
    await view.close();
  });

  test('focus, ignore and hide by function regexp from the text fields, as pprof; a bad regexp is reported', async () => {
    const profile = cpu();
    const t = sampleTypeIndex(profile, 'cpu');
    const file = join(dir, 'labels.pb.gz');
    for (const [field, value] of [['focus', 'handle(Home|API)'], ['ignore', 'handleAPI'], ['hide', 'main\\.spin']] as const) {
      const view = await openWebview(browser, { state: { sampleType: t } });
      await view.sendModel(filteredModel(profile, 'cpu').model);
      await view.page.fill(`#filter-${field}`, value);
      await view.page.press(`#filter-${field}`, 'Enter');
      assert.deepEqual(await answer(view, profile), { [field]: value });
      const expected = pprofTotals(pprof([`-sample_index=${t}`, '-unit=ns', `-${field}=${value}`, file]));
      assert.equal((await rootTotals(view)).total, expected.shown, `-${field}=${value}`);
      if (field === 'hide') {
        const names = await view.page.locator('.top-table td.name').allTextContents();
        assert.ok(!names.includes('main.spin'), 'hidden frames leave the table');
        assert.equal(expected.shown, (await rootTotals(view)).whole, 'hide keeps every sample');
      }
      await view.close();
    }
    const view = await openWebview(browser, { state: { sampleType: t } });
    await view.sendModel(filteredModel(profile, 'cpu').model);
    await view.page.fill('#filter-focus', '(');
    await view.page.press('#filter-focus', 'Enter');
    const bad = await lastFilter(view);
    assert.throws(() => filteredModel(profile, 'cpu', bad), /invalid focus regexp "\("/);
    await view.page.evaluate(() => window.postMessage({ type: 'filterError', message: 'invalid focus regexp "(": Unterminated group' }, '*'));
    // The message is handled on the page's next turn: wait for it before reading the text.
    await view.page.locator('#filter-error', { hasText: 'invalid focus regexp' }).waitFor({ timeout: 5_000 }).catch(() => undefined);
    assert.match(await view.page.locator('#filter-error').innerText(), /invalid focus regexp/);
    await view.close();
  });
});
