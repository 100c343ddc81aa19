// Profilepoints through the go-dlv adapter on real dlv: breakpoints that capture at each hit
// and let the program go on, with no stop reaching the client. `go tool pprof` is the oracle.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { CapturedEvent, Profilepoint } from '../../src/capture/api';
import { AdapterSession, closeAfterEach, startAdapter, toolEnv } from './harness';
import { bpLine, captureFixtures, readProfile } from './capture-dlv';

const current = closeAfterEach();
const FILE = join(captureFixtures, 'profilepoint', 'main.go');
const MiB = 1 << 20;

/** Runs the fixture to its end with these breakpoints made profilepoints; returns what the client saw. */
async function runWith(points: Omit<Profilepoint, 'path' | 'line'>[], markers: string[], extra: Record<string, unknown> = {}): Promise<{ s: AdapterSession; captured: CapturedEvent[]; stops: number }> {
  current.profileDir = mkdtempSync(join(tmpdir(), 'profilepoints-test-'));
  const s = startAdapter();
  current.session = s;
  const captured: CapturedEvent[] = [];
  let stops = 0;
  s.client.on('goProfile.captured', (e: DebugProtocol.Event) => captured.push(e.body as CapturedEvent));
  s.client.on('stopped', () => stops++);
  const terminated = new Promise<void>((resolve) => s.client.once('terminated', () => resolve()));
  await s.client.initializeRequest({ adapterID: 'go-dlv', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  const initialized = s.client.waitForEvent('initialized', 90_000);
  const launched = s.client.launchRequest({ program: join(captureFixtures, 'profilepoint'), cwd: captureFixtures, profileDir: current.profileDir, memProfileRate: 1, ...extra } as DebugProtocol.LaunchRequestArguments);
  await Promise.race([initialized, launched.then(() => initialized)]);
  await s.client.setBreakpointsRequest({ source: { path: FILE }, breakpoints: markers.map((m) => ({ line: bpLine(FILE, m) })) });
  const set = await s.client.customRequest('goProfile.setProfilepoints', { points: points.map((p, i) => ({ ...p, path: FILE, line: bpLine(FILE, markers[i]) })) });
  assert.deepEqual(set.body, { count: points.length });
  await s.client.configurationDoneRequest();
  await launched;
  await terminated;
  return { s, captured, stops };
}

/** In-use bytes under `func` (its cum), by `go tool pprof` (exact with memProfileRate 1). */
function inuseOf(path: string, func: string): number {
  const out = execFileSync('go', ['tool', 'pprof', '-top', '-unit=B', '-sample_index=inuse_space', path], { env: toolEnv(), encoding: 'utf8' });
  const row = out.split('\n').find((l) => l.trim().endsWith(` ${func}`));
  return row ? Number(/\s(\d+)B\s+\S+%\s+\S+$/.exec(row)?.[1]) : 0;
}

describe('profilepoints through the adapter (real dlv)', { timeout: 240_000 }, () => {
  test('a heap profilepoint on a loop that keeps 1 MiB per pass: 5 profiles growing by 1 MiB, no stop shown', async () => {
    const { captured, stops } = await runWith([{ id: 'grow', kind: 'heap' }], ['pass']);
    assert.equal(stops, 0, 'no stop reaches the client');
    assert.deepEqual(captured.map((c) => [c.kind, c.profilepoint]), [1, 2, 3, 4, 5].map((hit) => ['heap', { id: 'grow', hit }]));
    const kept = captured.map((c) => inuseOf(c.path, 'main.grow'));
    assert.deepEqual(kept, [1, 2, 3, 4, 5].map((n) => n * MiB));
    // The charted total (all in-use bytes) grows by that MiB too, give or take the slice header's array.
    for (let i = 1; i < captured.length; i++) {
      const step = captured[i].total!.value - captured[i - 1].total!.value;
      assert.ok(Math.abs(step - MiB) < 16 << 10, `pass ${i}: in-use grew by ${step} bytes`);
      assert.equal(captured[i].total!.type, 'inuse_space');
    }
  });

  test('a profilepoint on a line that starts just after a pointer store still captures every pass', async () => {
    const { captured, stops } = await runWith([{ id: 'afterStore', kind: 'heap' }], ['afterStore']);
    assert.equal(stops, 0);
    // One instruction on, the goroutine has entered the call the line makes (count): nothing has run yet.
    assert.deepEqual(captured.map((c) => [c.kind, c.profilepoint, c.location]), [1, 2, 3, 4, 5].map((hit) => ['heap', { id: 'afterStore', hit }, `main.count:${bpLine(FILE, 'pass') - 1}`]));
    assert.deepEqual(captured.map((c) => inuseOf(c.path, 'main.grow')), [1, 2, 3, 4, 5].map((n) => n * MiB));
  });

  test('CPU from one profilepoint to the next: each pass gives the profile of exactly the code between them', async () => {
    const { captured, stops } = await runWith([{ id: 'region', kind: 'cpuStart' }, { id: 'regionEnd', kind: 'cpuStop' }], ['region', 'regionEnd']);
    assert.equal(stops, 0);
    assert.deepEqual(captured.map((c) => [c.kind, c.profilepoint]), [1, 2, 3, 4, 5].map((hit) => ['cpu', { id: 'region', hit }]));
    // main.main is on the CPU only at the two profilepoints' lines: the spin call, and the
    // debugger's injected call that starts or ends the recording there (runtime.debugCallV2, a
    // sample now and then). A line before or after the region would be code outside it.
    const boundary = [`main.main:${bpLine(FILE, 'region')}`, `main.main:${bpLine(FILE, 'regionEnd')}`];
    for (const c of captured) {
      const profile = readProfile(c.path);
      const costs = profile.costs('cpu');
      const spin = costs.get('main.spin')?.cum ?? 0;
      assert.ok(spin > 0, `pass ${c.profilepoint?.hit}: spin was sampled`);
      const inMain = profile.samples.filter((x) => x.stack.includes('main.main'));
      const lines = [...new Set(inMain.map((x) => x.at.find((f) => f.startsWith('main.main:'))))];
      assert.ok(lines.every((l) => l && boundary.includes(l)), `main.main sampled only at the region's lines: ${lines.join(', ')}`);
      const elsewhere = inMain.filter((x) => !x.stack.includes('main.spin'));
      assert.ok(elsewhere.every((x) => x.stack[0] === 'main.main' || x.stack.some((f) => f.startsWith('runtime.debugCall'))), `outside spin: ${JSON.stringify(elsewhere.map((x) => x.stack))}`);
      assert.equal(costs.get('main.outside'), undefined, 'code outside the region is not in it');
    }
  });

  test('a profilepoint whose capture fails says so once per hit and the program still runs to its end', async () => {
    const { s, captured, stops } = await runWith([{ id: 'leaks', kind: 'goroutineleak' }], ['pass']);
    assert.equal(stops, 0);
    assert.deepEqual(captured, []);
    await s.waitForOutput(/Profilepoint leaks \(goroutineleak\) could not capture: Leaked goroutines need/);
  });

  test('malformed profilepoints are refused in one line', async () => {
    current.profileDir = mkdtempSync(join(tmpdir(), 'profilepoints-test-'));
    const s = startAdapter();
    current.session = s;
    await s.client.initializeRequest({ adapterID: 'go-dlv' });
    await assert.rejects(s.client.customRequest('goProfile.setProfilepoints', { points: [{ id: 'x', path: 'main.go', line: 3, kind: 'heap' }] }), /needs an "id", an absolute "path"/);
    await assert.rejects(s.client.customRequest('goProfile.setProfilepoints', { points: [{ id: 'x', path: FILE, line: 3, kind: 'trace' }] }), /Unknown profilepoint kind "trace"/);
  });
});
