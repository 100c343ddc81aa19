// What Led Here through the go-dlv adapter (out/debug/adapter.js) with DebugClient and real dlv:
// the flight recorder started by the `flightRecorder` launch attribute, written at a stop by
// `goProfile.capture {kind: "flightRecorder"}`, read by `go tool trace` and by our model.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { AdapterSession, ROOT, closeAfterEach, lineOf, startAdapter, startDebugging, toolEnv } from './harness';
import { decodeProfile, topTable } from '../../src/profile';
import type { FlightCapturedEvent } from '../../src/capture/flightRecorder';
import { atLeastGo125 } from '../../src/capture/flightRecorderLaunch';
import { FLIGHT_HELPER_FILE } from '../../src/capture/flightRecorderSource';
import { createCaptureController } from '../../src/capture/controller';
import type { DlvLaunchArgs } from '../../src/capture/api';
import { readLedHere } from '../../src/traces/ledHereRun';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'flightrec');
const MAIN = join(FIXTURE, 'main.go');

const current = closeAfterEach();

async function launch(extra: Record<string, unknown>): Promise<{ s: AdapterSession; captured: FlightCapturedEvent[]; threadId: number }> {
  current.profileDir = mkdtempSync(join(tmpdir(), 'flightrec-test-'));
  const s = startAdapter(toolEnv(), { isolateTmp: true });
  current.session = s;
  const captured: FlightCapturedEvent[] = [];
  s.client.on('goProfile.captured', (e: DebugProtocol.Event) => captured.push(e.body as FlightCapturedEvent));
  await startDebugging(s.client, 'launch', { program: FIXTURE, cwd: FIXTURE, profileDir: current.profileDir, ...extra }, { [MAIN]: [{ line: lineOf(MAIN, 'stop') }] });
  const stop = await s.nextStop(60_000);
  return { s, captured, threadId: stop.threadId! };
}

function capture(s: AdapterSession, threadId: number): Promise<Record<string, unknown>> {
  return s.client.customRequest('goProfile.capture', { kind: 'flightRecorder', threadId }).then((r) => r.body as Record<string, unknown>);
}

describe('What Led Here: the flight recorder at a breakpoint (real dlv)', { timeout: 240_000 }, () => {
  test('the recording at the stop shows the channel wait at its line, then the spin', async () => {
    const { s, captured, threadId } = await launch({ flightRecorder: { seconds: 2 } });
    // Looking at the stop for longer than the window must not shrink it: the recorder prunes
    // generations by age, and the wait is in the generation before the one the stop is in.
    await new Promise((r) => setTimeout(r, 2500));
    const started = Date.now();
    const stoppedAt = Date.now() - 2500;
    const body = await capture(s, threadId);
    const injectedMs = Date.now() - started;
    const path = String(body.path);
    assert.ok(path.startsWith(current.profileDir) && path.endsWith('.trace') && statSync(path).size > 1000, path);
    assert.deepEqual(readdirSync(current.profileDir), [basename(path)], 'no .part beside the trace');
    assert.equal(captured.length, 1);
    assert.deepEqual(captured[0], { kind: 'flightRecorder', path, location: `main.worker:${lineOf(MAIN, 'stop')}`, goroutine: threadId, seconds: 2, stoppedAt: captured[0]?.stoppedAt });
    assert.ok(Math.abs(captured[0].stoppedAt! - stoppedAt) < 300, `stop reported at ${captured[0].stoppedAt}, seen at ${stoppedAt}`);
    assert.ok(injectedMs < 10_000, `the injected write took ${injectedMs} ms`);

    // Go's own tool reads it, and its sync profile holds the worker's receive.
    const sync = execFileSync('go', ['tool', 'trace', '-pprof=sync', path], { env: toolEnv(), maxBuffer: 1 << 28 });
    const waits = new Map(topTable(decodeProfile(sync, gunzipSync)).rows.map((r) => [r.name, r.cum]));
    assert.ok((waits.get('main.worker') ?? 0) >= 250e6, `main.worker waited ${waits.get('main.worker')} ns`);

    // The fast reader, built from scratch here, and Go's own dump give the same model; with a
    // broken GOROOT only the built reader can answer, so the first model is surely its.
    const focus = { goroutine: threadId, seconds: 2, stoppedAt: captured[0].stoppedAt };
    const cacheDir = mkdtempSync(join(tmpdir(), 'ledhere-cache-'));
    let model;
    try {
      await readLedHere(path, focus, { env: toolEnv(), cacheDir });
      model = await readLedHere(path, focus, { env: toolEnv({ GOROOT: join(cacheDir, 'no-such-goroot') }), cacheDir });
      const built = readdirSync(cacheDir);
      assert.equal(built.length, 1, `one reader binary and nothing else: ${built.join(', ')}`);
      assert.match(built[0], /^ledhere-[0-9a-f]{16}$/);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
    assert.deepEqual(model, await readLedHere(path, focus, { env: toolEnv(), dumpOnly: true }));
    assert.equal(model.found, true);
    assert.equal(model.stopped, true, 'the stop (the first debug call) is found');
    // The program ran ~1.5 s before the stop: the window holds all of it, and never more than the 2 s asked for.
    assert.ok(model.duration >= 1.45e9 && model.duration <= 2e9, `window ${model.duration} ns`);
    const wait = model.segments.find((g) => g.state === 'waiting' && g.what === 'channel');
    assert.ok(wait, JSON.stringify(model.segments.map((g) => [g.state, g.reason])));
    assert.equal(wait.reason, 'chan receive');
    assert.ok(wait.end - wait.start >= 250e6 && wait.end - wait.start < 450e6, `wait ${wait.end - wait.start} ns`);
    assert.equal(wait.func, 'main.worker');
    const frames = model.stacks[wait.stack!];
    assert.equal(frames[0].func, 'runtime.chanrecv1');
    const own = frames.find((f) => f.func === 'main.worker');
    assert.deepEqual(own && { file: own.file, line: own.line }, { file: MAIN, line: lineOf(MAIN, 'recv') });
    // After the wait: the spin, running (or preempted) in main.spin until the stop.
    const after = model.segments.filter((g) => g.start >= wait.end);
    const spinning = after.filter((g) => g.state === 'running' && g.func === 'main.spin').reduce((sum, g) => sum + g.end - g.start, 0);
    assert.ok(spinning >= 150e6, `ran ${spinning} ns in main.spin after the wait`);
    assert.ok(after.every((g) => g.state !== 'waiting'), 'no other wait before the stop');
    assert.ok(model.segments.every((g) => g.end <= model.duration && g.start >= 0));
    // The goroutine that slept and sent is among the others; the debugger's own calls are not.
    assert.ok(model.groups.some((g) => g.func === 'main.main.func1'), model.groups.map((g) => g.func).join(', '));
    assert.ok(!model.groups.some((g) => g.func.startsWith('runtime.debugCall')), model.groups.map((g) => g.func).join(', '));
  });

  test('without the launch attribute the capture names it, and writes nothing', async () => {
    const { s, captured, threadId } = await launch({});
    await assert.rejects(capture(s, threadId), /^Error: What Led Here needs the flight recorder: add "flightRecorder": \{"seconds": 5\} to the launch configuration/);
    assert.deepEqual(captured, []);
    assert.deepEqual(readdirSync(current.profileDir), []);
  });

  test('a bad flightRecorder value fails the launch with one line', async () => {
    current.profileDir = mkdtempSync(join(tmpdir(), 'flightrec-test-'));
    const s = startAdapter(toolEnv(), { isolateTmp: true });
    current.session = s;
    await assert.rejects(
      startDebugging(s.client, 'launch', { program: FIXTURE, cwd: FIXTURE, flightRecorder: { seconds: 0 } }),
      /^Error: "flightRecorder" must be \{"seconds": N\} with N a whole number from 1 to 600, e\.g\. \{"seconds": 5\}\.$/,
    );
  });
});

describe('What Led Here where no recorder can run (the real controller, no dlv)', () => {
  /** The capture's refusal, what was logged, and the overlay's virtual files (read before dispose removes them). */
  async function refusal(args: DlvLaunchArgs): Promise<{ message: string; logged: string[]; prepared: DlvLaunchArgs; overlaid: string[] }> {
    const logged: string[] = [];
    const controller = createCaptureController({ request: async () => ({}), sendEvent: () => undefined, log: (t) => logged.push(t) });
    try {
      const prepared = await controller.prepareLaunch({ ...args, flightRecorder: { seconds: 5 } });
      const message = await controller.handleRequest('goProfile.capture', { kind: 'flightRecorder' }).then(() => '', (err: Error) => err.message);
      const overlay = /-overlay=(\S+)/.exec(String(prepared.buildFlags ?? ''));
      const overlaid = overlay ? Object.keys((JSON.parse(readFileSync(overlay[1], 'utf8')) as { Replace: Record<string, string> }).Replace) : [];
      return { message, logged, prepared, overlaid };
    } finally {
      await controller.dispose();
    }
  }

  test('exec and attach name the attribute and why', async () => {
    for (const [args, why] of [
      [{ request: 'launch', mode: 'exec', program: '/bin/true' }, /a launch with mode "exec", which runs a binary built without it/],
      [{ request: 'attach', mode: 'local', processId: 1 }, /an attach session, which runs a binary built without it/],
    ] as const) {
      const { message, logged } = await refusal(args);
      assert.match(message, /^What Led Here is not available: "flightRecorder" needs the profiling helper, which only go-dlv launches with mode "debug" or "test" build in; this is /);
      assert.match(message, why);
      assert.deepEqual(logged, [`No flight recorder in this session: ${message.replace(/^What Led Here is not available: /, '')}`]);
    }
  });

  test('an older Go names the attribute and the version, and nothing of the recorder goes into the build', async () => {
    // A go on PATH that says it is Go 1.24: the toolchain dlv would build with.
    const bin = mkdtempSync(join(tmpdir(), 'old-go-'));
    try {
      writeFileSync(join(bin, 'go'), '#!/bin/sh\n[ "$1 $2" = "env GOVERSION" ] && echo go1.24.3\n', { mode: 0o755 });
      const { message, prepared, overlaid } = await refusal({ request: 'launch', mode: 'debug', program: FIXTURE, cwd: FIXTURE, env: { PATH: bin } });
      assert.equal(message, 'What Led Here is not available: "flightRecorder" needs Go 1.25 or newer; this program builds with go1.24.3.');
      const names = overlaid.map((f) => basename(f));
      assert.ok(names.includes('zz_go_debug_profile_helper.go') && !names.includes(FLIGHT_HELPER_FILE), `the helper, without the recorder: ${names.join(', ')}`);
      assert.equal('GO_DEBUG_PROFILE_FLIGHT_SECONDS' in (prepared.env ?? {}), false);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  test('the Go version check reads what toolchains print', () => {
    for (const v of ['go1.25.0', 'go1.26.8', 'go1.27rc1', 'devel go1.28-abcdef Tue Jan 1']) {
      assert.equal(atLeastGo125(v), true, v);
    }
    for (const v of ['go1.24.3', 'go1.9', 'gccgo']) {
      assert.equal(atLeastGo125(v), false, v);
    }
  });
});
