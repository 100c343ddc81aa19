// "Open in speedscope": the export loads in the real speedscope app (the npm package's
// build) from file://, as the browser opened by the command would load it.
import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { decodeProfile } from '../../src/profile';
import { gunzipGuarded } from '../../src/io/profileFile';
import { writeSpeedscopeExport } from '../../src/views/panelSpeedscopeExport';
import { useGoProfilesAndBrowser, type GoProfiles } from './goProfiles';
import { root } from './harness';

let browser: Browser;
let go: GoProfiles;
const dir = mkdtempSync(join(tmpdir(), 'goprof-speedscope-'));

useGoProfilesAndBrowser((g, b) => {
  go = g;
  browser = b;
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('the export opens in the bundled speedscope app with our frames', async () => {
  const app = join(root, 'node_modules', 'speedscope', 'dist', 'release', 'index.html');
  const profile = decodeProfile(go.cpu, gunzipGuarded);
  const page = await writeSpeedscopeExport(profile, profile.defaultSampleType, 'cpu.pprof', dir, app);
  const context = await browser.newContext({ viewport: { width: 1200, height: 700 } });
  const tab = await context.newPage();
  await tab.goto(`file://${page}`);
  await tab.waitForFunction(() => document.title.includes('cpu.pprof'), undefined, { timeout: 15_000 });
  assert.match(await tab.title(), /cpu\.pprof/);
  await tab.screenshot({ path: join(root, 'test-artifacts', 'webview', 'speedscope.png') });
  await context.close();
});

test('only the latest five exports are kept', async () => {
  const profile = decodeProfile(go.heap, gunzipGuarded);
  const sub = join(dir, 'prune');
  for (let i = 0; i < 7; i++) {
    await writeSpeedscopeExport(profile, 0, `heap${i}`, sub, '/nonexistent/index.html');
    await new Promise((r) => setTimeout(r, 3));
  }
  const files = readdirSync(sub);
  assert.equal(files.filter((f) => f.endsWith('.js')).length, 5);
  assert.equal(files.filter((f) => f.endsWith('.html')).length, 5);
});
