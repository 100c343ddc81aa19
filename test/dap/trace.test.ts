// Execution traces between two stops through the go-dlv adapter (out/debug/adapter.js) with
// DebugClient and real dlv: `goProfile.trace`, `goProfile.traced`, and the wait profiles
// `go tool trace -pprof` makes of the trace, read with our engine.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { AdapterSession, ROOT, closeAfterEach, lineOf, startAdapter, startDebugging, toolEnv } from './harness';
import { decodeProfile, topTable } from '../../src/profile';
import { traceToPprof } from '../../src/traces/traceTools';
import type { TracedEvent } from '../../src/capture/api';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'trace');
const MAIN = join(FIXTURE, 'main.go');

const current = closeAfterEach();

async function launch(bps: string[]): Promise<{ s: AdapterSession; traced: TracedEvent[]; threadId: number }> {
  current.profileDir = mkdtempSync(join(tmpdir(), 'trace-test-'));
  const s = startAdapter(toolEnv(), { isolateTmp: true });
  current.session = s;
  const traced: TracedEvent[] = [];
  s.client.on('goProfile.traced', (e: DebugProtocol.Event) => traced.push(e.body as TracedEvent));
  await startDebugging(s.client, 'launch', { program: FIXTURE, cwd: FIXTURE, profileDir: current.profileDir }, { [MAIN]: bps.map((b) => ({ line: lineOf(MAIN, b) })) });
  const stop = await s.nextStop(60_000);
  return { s, traced, threadId: stop.threadId! };
}

function trace(s: AdapterSession, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  return s.client.customRequest('goProfile.trace', args).then((r) => r.body as Record<string, unknown>);
}

/** cum per function of a wait profile, by our engine. */
function waits(path: string): Map<string, number> {
  const table = topTable(decodeProfile(readFileSync(path), gunzipSync));
  return new Map(table.rows.map((r) => [r.name, r.cum]));
}

describe('execution traces between two stops (real dlv)', { timeout: 180_000 }, () => {
  test('a trace until the next stop shows the channel wait and the contended mutex', async () => {
    const { s, traced, threadId } = await launch(['start', 'end']);
    assert.deepEqual(await trace(s, { threadId }), { tracing: true });
    await assert.rejects(trace(s, { threadId }), /A trace is already running since main\.main:\d+; it ends at the next stop/);
    const stop = await s.resume('continue', threadId);
    assert.equal(stop.reason, 'breakpoint');
    // The traced event reaches the client before the stop does.
    assert.equal(traced.length, 1);
    const { path, location, summary } = traced[0];
    assert.equal(location, `main.main:${lineOf(MAIN, 'start')}`);
    assert.ok(path.startsWith(current.profileDir) && path.endsWith('.trace') && statSync(path).size > 1000, path);
    assert.deepEqual(readdirSync(current.profileDir), [path.slice(current.profileDir.length + 1)], 'no .part file beside the trace');
    assert.ok(summary && summary.millis >= 40 && summary.goroutinesAtEnd >= 1, JSON.stringify(summary));

    const sync = waits(await traceToPprof(path, 'sync', toolEnv()));
    assert.ok((sync.get('main.waitForSignal') ?? 0) >= 40e6, `channel wait ${sync.get('main.waitForSignal')} ns`);
    assert.ok((sync.get('main.holdLock') ?? 0) >= 10e6, `mutex wait ${sync.get('main.holdLock')} ns`);
    assert.ok((sync.get('sync.(*Mutex).Lock') ?? 0) > 0);
    const sched = waits(await traceToPprof(path, 'sched', toolEnv()));
    assert.ok([...sched.keys()].some((n) => n.startsWith('main.')), `sched names: ${[...sched.keys()].join(', ')}`);
    // The fixture does no network I/O: nothing to show, and nothing is written.
    await assert.rejects(traceToPprof(path, 'net', toolEnv()), /^Error: Network waits: no goroutine waited this way during the trace\.$/);
    assert.equal(existsSync(path.replace(/\.trace$/, '.net.pb.gz')), false);
    assert.ok(existsSync(path.replace(/\.trace$/, '.sync.pb.gz')));
    assert.ok(existsSync(path.replace(/\.trace$/, '.sched.pb.gz')));
  });

  test('a trace for N seconds pauses the program again and reports the trace', async () => {
    const { s, traced, threadId } = await launch(['start']);
    const body = await trace(s, { threadId, seconds: 0.05 });
    assert.equal(typeof body.path, 'string');
    assert.equal(traced.length, 1);
    assert.equal(traced[0].path, body.path);
    assert.ok(traced[0].summary && traced[0].summary.millis >= 40, JSON.stringify(traced[0].summary));
    const stop = await s.nextStop();
    assert.equal(stop.reason, 'pause');
    assert.ok(statSync(String(body.path)).size > 0);
  });

  test('the program exiting while tracing discards the trace and says so', async () => {
    const { s, traced, threadId } = await launch(['start']);
    assert.deepEqual(await trace(s, { threadId }), { tracing: true });
    await s.client.continueRequest({ threadId });
    await s.client.waitForEvent('terminated', 30_000);
    await s.waitForOutput(/The trace since main\.main:\d+ was discarded: the program exited while tracing/);
    assert.deepEqual(traced, []);
    await s.close();
    current.session = undefined;
    assert.deepEqual(readdirSync(current.profileDir), [], 'no trace or .part left');
  });

  test('a timed trace cut short by the program exiting fails with that message and leaves nothing', async () => {
    const { s, traced, threadId } = await launch(['start']);
    await assert.rejects(trace(s, { threadId, seconds: 60 }), /^Error: The trace since main\.main:\d+ was discarded: the program exited while tracing/);
    assert.deepEqual(traced, []);
    await s.close();
    current.session = undefined;
    assert.deepEqual(readdirSync(current.profileDir), [], 'no trace or .part left');
  });

  test('go not found and bad arguments give short messages and write nothing', async () => {
    const { s, threadId } = await launch(['start', 'end']);
    await assert.rejects(trace(s, { threadId, seconds: -1 }), /^Error: seconds must be between 0 and 3600, not -1\.$/);
    await trace(s, { threadId });
    await s.resume('continue', threadId);
    const [file] = readdirSync(current.profileDir);
    const path = join(current.profileDir, file);
    await assert.rejects(traceToPprof(path, 'sync', { PATH: '' }), /^Error: The go command was not found on PATH/);
    await assert.rejects(traceToPprof(join(current.profileDir, 'missing.trace'), 'sync', toolEnv()), /go tool trace could not read/);
    assert.deepEqual(readdirSync(current.profileDir), [file]);
  });
});
