// The Names toggle in real headless Chromium: C++ and Rust names demangled as go tool pprof
// shows them by default, a click asks the extension for raw names, and the model it sends
// back (made by the same function the panel session calls) shows them as -symbolize=none
// does. pprof on the same file is the oracle for both sets of names.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { decodeProfileBytes } from '../../src/capture/profileBytes';
import { perftools } from '../../src/profile/proto/profile';
import { filteredModel } from '../../src/flameGraph/filter';
import { namedProfile } from '../../src/flameGraph/names';
import type { ViewModel } from '../../src/shared/messages';
import { launchBrowser, openWebview } from './harness';

const NAMES = [
  '_ZNSt6vectorIiSaIiEE9push_backERKi',
  '_ZNK3foo3Bar3getEv',
  '_ZN12_GLOBAL__N_14workEv',
  '_ZN4core3ptr13drop_in_place17h1234567890abcdefE',
  '_ZN5alloc3vec12Vec$LT$T$GT$4push17h0123456789abcdefE',
  'main',
];

let dir: string;
let browser: Browser;
let file: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'goprof-demangle-'));
  const strings = ['', 'cpu', 'nanoseconds', ...NAMES, 'server.cc'];
  const p: perftools.profiles.IProfile = {
    sampleType: [{ type: 1, unit: 2 }],
    function: NAMES.map((_, i) => ({ id: i + 1, name: i + 3, systemName: i + 3, filename: strings.length - 1 })),
    location: NAMES.map((_, i) => ({ id: i + 1, line: [{ functionId: i + 1, line: 10 + i }] })),
    // main calls each of the others; each sample's leaf is one of them.
    sample: NAMES.slice(0, -1).map((_, i) => ({ locationId: [i + 1, NAMES.length], value: [(i + 1) * 1_000_000] })),
    stringTable: strings,
  };
  file = join(dir, 'mangled.pb');
  writeFileSync(file, perftools.profiles.Profile.encode(p).finish());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The function names of go tool pprof -top on the file. */
function pprofNames(...args: string[]): string[] {
  const out = execFileSync('go', ['tool', 'pprof', '-top', '-nodecount=1000', ...args, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out.split('\n').flatMap((line) => /^\s*\S+\s+\S+%\s+\S+%\s+\S+\s+\S+%\s+(.+)$/.exec(line)?.[1].trim() ?? []);
}

function model(demangle: boolean): ViewModel {
  const named = namedProfile(decodeProfileBytes(readFileSync(file)), demangle);
  return { ...filteredModel(named.profile, 'mangled.pb').model, names: named.names };
}

test('the Names toggle switches between pprof’s demangled names and the raw ones', async () => {
  const demangled = pprofNames();
  const raw = pprofNames('-symbolize=none');
  assert.ok(demangled.includes('std::vector::push_back') && raw.includes('_ZNSt6vectorIiSaIiEE9push_backERKi'), `pprof: ${demangled} / ${raw}`);
  const view = await openWebview(browser);
  await view.sendModel(model(true));
  assert.equal(await view.page.textContent('#demangle'), 'Names: demangled');
  assert.equal(await view.page.getAttribute('#demangle', 'aria-pressed'), 'true');
  const tableText = async (): Promise<string> => (await view.page.textContent('#table')) ?? '';
  let text = await tableText();
  for (const name of demangled) assert.ok(text.includes(name), `demangled table lacks ${name}`);
  assert.ok(!text.includes('_ZN'), 'no mangled name while demangled');
  await view.screenshot('names-demangled');

  await view.page.click('#demangle');
  assert.deepEqual((await view.posted()).filter((m) => m.type === 'setDemangle'), [{ type: 'setDemangle', demangle: false }]);
  await view.sendModel(model(false));
  assert.equal(await view.page.textContent('#demangle'), 'Names: raw');
  assert.equal(await view.page.getAttribute('#demangle', 'aria-pressed'), 'false');
  text = await tableText();
  for (const name of raw) assert.ok(text.includes(name), `raw table lacks ${name}`);
  await view.screenshot('names-raw');
  await view.close();
});

test('a profile whose names demangling leaves alone has no Names toggle', async () => {
  const view = await openWebview(browser);
  const raw = decodeProfileBytes(readFileSync(file));
  assert.ok(namedProfile(raw, true).names, 'the mangled profile offers the choice');
  // The same profile with Go's names in place of the mangled ones.
  const named = namedProfile({ ...raw, strings: raw.strings.map((s, i) => (s.startsWith('_Z') ? `main.f${i}` : s)) }, true);
  assert.equal(named.names, undefined);
  await view.sendModel({ ...filteredModel(named.profile, 'go').model, names: named.names });
  assert.equal(await view.page.locator('#demangle').count(), 0);
  await view.close();
});
