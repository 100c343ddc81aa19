// "Open in speedscope": the export opens in the real speedscope app (the npm package's build)
// inside the page the speedscope panel renders, with its Content-Security-Policy, served
// from a webview-like origin as VS Code serves a webview's resources.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { decodeProfile, ProfileError } from '../../src/profile';
import { gunzipGuarded } from '../../src/capture/profileBytes';
import { writeSpeedscopeExport } from '../../src/flameGraph/speedscopeExport';
import { renderSpeedscopePage, speedscopeAssets } from '../../src/flameGraph/speedscopePage';
import { useGoProfilesAndBrowser, type GoProfiles } from './goProfiles';
import { artifacts, root } from './harness';

let browser: Browser;
let go: GoProfiles;
const dir = mkdtempSync(join(tmpdir(), 'goprof-speedscope-'));
const origin = 'https://webview.test';
const appDir = join(root, 'node_modules', 'speedscope', 'dist', 'release');

useGoProfilesAndBrowser((g, b) => {
  go = g;
  browser = b;
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Shown {
  title: string;
  text: string;
  /** CSP violations and script errors the page reported. */
  problems: string[];
  injected: number;
}

/** Renders the panel's page for an export and waits until speedscope shows it. */
async function showInSpeedscope(exportFile: string, title: string, screenshot: string): Promise<Shown> {
  const html = renderSpeedscopePage({
    cspSource: origin,
    appUri: `${origin}/app/`,
    assets: speedscopeAssets(readFileSync(join(appDir, 'index.html'), 'utf8')),
    loaderUri: `${origin}/media/speedscopeLoader.js`,
    profileUri: `${origin}/exports/${basename(exportFile)}`,
    title,
  });
  const context = await browser.newContext({ viewport: { width: 1200, height: 700 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.route(`${origin}/**`, (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname);
    const file = path === '/index.html' ? null
      : path.startsWith('/app/') ? join(appDir, path.slice('/app/'.length))
        : path === '/media/speedscopeLoader.js' ? join(root, 'out', 'media', 'speedscopeLoader.js')
          : path === `/exports/${basename(exportFile)}` ? exportFile : undefined;
    if (file === null) return route.fulfill({ contentType: 'text/html', body: html });
    if (file === undefined) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({ path: file });
  });
  try {
    await page.goto(`${origin}/index.html`);
    await page.waitForFunction((t) => document.title.includes(t) && document.body.innerText.includes(t), title, { timeout: 20_000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(artifacts, screenshot) });
    return {
      title: await page.title(),
      text: await page.evaluate(() => document.body.innerText),
      problems,
      injected: await page.evaluate(() => document.querySelectorAll('img, iframe, object').length),
    };
  } finally {
    await context.close();
  }
}

test('the export opens in the bundled speedscope app, under the panel\'s strict CSP', async () => {
  const profile = decodeProfile(go.cpu, gunzipGuarded);
  const file = await writeSpeedscopeExport(profile, profile.defaultSampleType, 'cpu.pprof', dir);
  const shown = await showInSpeedscope(file, 'cpu.pprof', 'speedscope.png');
  assert.match(shown.title, /cpu\.pprof/);
  assert.deepEqual(shown.problems, [], 'no CSP violation or script error');
});

test('a hostile title is text in the speedscope page, not markup', async () => {
  const profile = decodeProfile(go.heap, gunzipGuarded);
  const title = '"><img src=x onerror="document.title=\'pwned\'">.pprof';
  const file = await writeSpeedscopeExport(profile, 0, title, join(dir, 'hostile'));
  const shown = await showInSpeedscope(file, title, 'speedscope-hostile.png');
  assert.ok(shown.text.includes(title), 'the title is shown as written');
  assert.notEqual(shown.title, 'pwned');
  assert.equal(shown.injected, 0, 'no element came from the title');
});

test('only the latest five exports are kept', async () => {
  const profile = decodeProfile(go.heap, gunzipGuarded);
  const sub = join(dir, 'prune');
  for (let i = 0; i < 7; i++) {
    await writeSpeedscopeExport(profile, 0, `heap${i}`, sub);
    await new Promise((r) => setTimeout(r, 3));
  }
  assert.equal(readdirSync(sub).filter((f) => f.endsWith('.speedscope.json')).length, 5);
});

test('an export that cannot be made leaves no file behind', async () => {
  const profile = decodeProfile(go.heap, gunzipGuarded);
  const sub = join(dir, 'refused');
  await assert.rejects(writeSpeedscopeExport(profile, 99, 'heap', sub), (e: Error) => e instanceof ProfileError && /sample index 99/.test(e.message));
  assert.deepEqual(readdirSync(sub), []);
});
