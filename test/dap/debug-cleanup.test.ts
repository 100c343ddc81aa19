// No dlv, debuggee or build directory outlives its session, however the session ends:
// disconnect while the program runs, the client closing the pipe, the adapter SIGKILLed.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AdapterSession, commandOf, DEBUG_FIXTURE, lineOf, MAIN_GO, startAdapter, startDebugging, toolEnv, waitGone, withTimeout } from './harness';

/** A session stopped at the `tick` breakpoint of `main wait` with dlv and the debuggee alive. */
async function runningSession(): Promise<{ s: AdapterSession; dlv: number; debuggee: number; threadId: number }> {
  const s = startAdapter(toolEnv(), { isolateTmp: true });
  await startDebugging(s.client, 'launch', { program: DEBUG_FIXTURE, args: ['wait'] }, { [MAIN_GO]: [{ line: lineOf(MAIN_GO, 'tick') }] });
  const stop = await s.nextStop();
  const pids = s.descendants();
  const dlv = pids.find((p) => /\bdlv dap\b/.test(commandOf(p)));
  const debuggee = pids.find((p) => /__debug_bin\S* wait/.test(commandOf(p)));
  assert.ok(dlv && debuggee, `dlv and debuggee among ${pids.map(commandOf).join('; ')}`);
  return { s, dlv, debuggee, threadId: stop.threadId! };
}

describe('go-dlv: nothing outlives a session', () => {
  test('pause, then disconnect while the program runs: it and dlv are gone', async () => {
    const { s, dlv, debuggee, threadId } = await runningSession();
    await s.client.setBreakpointsRequest({ source: { path: MAIN_GO }, breakpoints: [] });
    await s.client.continueRequest({ threadId });
    await new Promise((r) => setTimeout(r, 100));
    const paused = await s.resume('pause', threadId);
    assert.equal(paused.reason, 'pause');
    await s.client.continueRequest({ threadId });
    await s.close();
    await waitGone([dlv, debuggee], 5_000);
  });

  test('the client closing the adapter pipe (editor gone) ends dlv and the debuggee', async () => {
    const { s, dlv, debuggee } = await runningSession();
    const exited = new Promise((done) => s.adapter.once('exit', done));
    s.adapter.stdin!.end();
    await withTimeout(exited, 10_000, 'adapter exit after stdin closed');
    await waitGone([dlv, debuggee], 5_000);
    await s.close();
  });

  test('SIGTERM to the adapter ends the session cleanly before it exits', async () => {
    const { s, dlv, debuggee } = await runningSession();
    const exited = new Promise((done) => s.adapter.once('exit', done));
    s.adapter.kill('SIGTERM');
    await withTimeout(exited, 10_000, 'adapter exit after SIGTERM');
    await waitGone([dlv, debuggee], 5_000);
    await s.close();
  });

  test('the client leaving while the launch is still starting dlv leaves nothing behind', async () => {
    const s = startAdapter(toolEnv(), { isolateTmp: true });
    await s.client.initializeRequest({ adapterID: 'go-dlv', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
    const exited = new Promise((done) => s.adapter.once('exit', done));
    void s.client.launchRequest({ program: DEBUG_FIXTURE } as never).catch(() => undefined);
    const seen = new Set<number>();
    // Catch dlv (and its build) while they start, then pull the plug.
    const deadline = Date.now() + 10_000;
    while (![...seen].some((p) => /\bdlv dap\b/.test(commandOf(p))) && Date.now() < deadline) {
      s.descendants().forEach((p) => seen.add(p));
      await new Promise((r) => setTimeout(r, 5));
    }
    assert.ok([...seen].some((p) => /\bdlv dap\b/.test(commandOf(p))), 'dlv was started');
    s.adapter.stdin!.end();
    await withTimeout(exited, 10_000, 'adapter exit');
    await waitGone([...seen], 5_000);
    await s.close();
  });

  test('SIGKILL of the adapter while go build runs: the build and its work files are gone too', async () => {
    // A -toolexec wrapper that sleeps holds the build open (the link step always runs).
    const slow = join(mkdtempSync(join(tmpdir(), 'godlv-slowtool-')), 'slowtool');
    writeFileSync(slow, '#!/bin/sh\nsleep 30\nexec "$@"\n');
    chmodSync(slow, 0o755);
    try {
      const s = startAdapter(toolEnv(), { isolateTmp: true });
      await s.client.initializeRequest({ adapterID: 'go-dlv', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
      void s.client.launchRequest({ program: DEBUG_FIXTURE, buildFlags: `-toolexec=${slow}` } as never).catch(() => undefined);
      const seen = new Set<number>();
      const deadline = Date.now() + 30_000;
      while (![...seen].some((p) => /^sleep 30/.test(commandOf(p))) && Date.now() < deadline) {
        s.descendants().forEach((p) => seen.add(p));
        await new Promise((r) => setTimeout(r, 20));
      }
      const building = [...seen].map(commandOf);
      assert.ok(building.some((c) => /\bgo build\b/.test(c)), `go build runs: ${building.join('; ')}`);
      s.adapter.kill('SIGKILL');
      await waitGone([...seen], 10_000);
      assert.deepEqual(s.leftovers(), [], 'no go-build work dir or session dir is left');
      await s.close();
    } finally {
      rmSync(dirname(slow), { recursive: true, force: true });
    }
  });

  test('SIGKILL of the adapter mid-session: the watchdog kills dlv and the debuggee and removes the build dir', async () => {
    const { s, dlv, debuggee } = await runningSession();
    const watchdog = s.descendants().find((p) => /adapter\.js --watchdog/.test(commandOf(p)));
    assert.ok(watchdog, 'the watchdog runs beside the adapter');
    assert.ok(s.leftovers().some((d) => d.startsWith('go-dlv-')), 'the session has a build dir while it runs');
    s.adapter.kill('SIGKILL');
    await waitGone([dlv, debuggee, watchdog], 5_000);
    assert.deepEqual(s.leftovers(), [], `the watchdog removed the build dir: ${s.leftovers().join(', ')}`);
    await s.close();
  });
});
