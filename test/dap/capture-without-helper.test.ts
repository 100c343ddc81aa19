// Profile capture where the helper is absent or cannot help (exec, attach, pprofURL, bad
// requests), and the capture pieces that need no session, against real dlv where one runs.
import { afterEach, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createCaptureController } from '../../src/capture/controller';
import { describeDelveError } from '../../src/capture/messages';
import { threadLabels } from '../../src/capture/goroutines';
import { profileFileName } from '../../src/capture/naming';
import { CaptureResult, DlvLaunchArgs } from '../../src/capture/api';
import { DlvSession, captureFixtures, delay, freePort, helperDirOf, readProfile } from './capture-dlv';
import { endSessions, rejection, sessions, type Running } from './capture-session';

afterEach(endSessions);

describe('sessions without the helper', () => {
  test('exec and attach say which captures need a launch and why', async () => {
    for (const [args, why] of [
      [{ request: 'launch', mode: 'exec', program: '/bin/true' }, /an exec session runs a binary built without the profiling helper/],
      [{ request: 'attach', mode: 'local', processId: 1 }, /an attached process was built without the profiling helper/],
    ] as const) {
      const sent: string[] = [];
      const controller = createCaptureController({ request: async () => ({}), sendEvent: (e) => sent.push(e), log: () => undefined });
      const prepared = await controller.prepareLaunch(args as DlvLaunchArgs);
      assert.equal(prepared.buildFlags, undefined, 'nothing is added to a build that does not happen');
      const message = await rejection(controller.handleRequest('goProfile.capture', { kind: 'cpu' }));
      assert.match(message, /CPU capture is not available: CPU profiles, traces and "allocations since the last stop" need the profiling helper/);
      assert.match(message, why);
      assert.match(message, /Heap, allocation, block, mutex and goroutine captures work in every session/);
      assert.match(message, /for CPU set "pprofURL"/);
      assert.deepEqual(await controller.handleRequest('goProfile.capabilities', {}), { kinds: ['goroutine', 'heap', 'allocs', 'block', 'mutex'], reason: message.replace(/^CPU capture is not available: /, '') });
      // Not stopped yet: the runtime cannot be read, and the message says what to do.
      assert.match(await rejection(controller.handleRequest('goProfile.capture', { kind: 'heap' })), /The program is running: stop at a breakpoint/);
      await controller.dispose();
      assert.deepEqual(sent, []);
    }
  });

  test('exec with pprofURL captures from the endpoint while the program runs, and says why not while stopped', { timeout: 120000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'capture-exec-'));
    const binary = join(dir, 'server');
    execFileSync('go', ['build', '-gcflags=all=-N -l', '-o', binary, './server'], { cwd: captureFixtures, stdio: 'pipe' });
    const port = await freePort();
    const dlv = await DlvSession.start(captureFixtures);
    const s: Running = { dlv, profileDir: dir, capture: (kind, more = {}) => dlv.controller!.handleRequest('goProfile.capture', { kind, ...more }) as Promise<CaptureResult> };
    sessions.push(s);
    dlv.controller = createCaptureController(dlv);
    await dlv.launch({ request: 'launch', mode: 'exec', program: binary, env: { PPROF_ADDR: `127.0.0.1:${port}` }, pprofURL: `http://127.0.0.1:${port}/debug/pprof`, profileDir: dir }, {});
    assert.equal(helperDirOf(dlv.launched), undefined, 'an exec session gets no helper overlay');
    for (let i = 0; i < 100 && !(await fetch(`http://127.0.0.1:${port}/debug/pprof/`).then(() => true, () => false)); i++) {
      await delay(100);
    }
    const heap = await s.capture('heap');
    assert.ok((readProfile(heap.path!).costs('alloc_space').get('main.grow')?.cum ?? 0) > 0, 'grow allocates');
    const goroutines = await s.capture('goroutine');
    assert.ok(readProfile(goroutines.path!).samples.some((x) => x.stack.includes('main.main')));
    assert.match(await rejection(s.capture('cpu')), /"CPU until next stop" needs the profiling helper; through pprofURL only "CPU for N seconds" is possible/);
    const paused = dlv.waitFor('stopped');
    await dlv.request('pause', { threadId: 1 });
    await paused;
    // Stopped, the endpoint is silent; the runtime's own records are read through Delve instead.
    const stoppedHeap = await s.capture('heap');
    assert.ok((readProfile(stoppedHeap.path!).costs('alloc_space').get('main.grow')?.cum ?? 0) > 0, 'grow allocates (read from the runtime at the stop)');
    assert.match(await rejection(s.capture('cpu', { seconds: 1 })), /pprofURL http:\/\/127\.0\.0\.1:\d+: it did not answer; the program serves it only while it runs, so continue the program/);
    assert.match(await rejection(s.capture('allocsDelta')), /Allocations since the last stop capture is not available: .*an exec session runs a binary built without the profiling helper/);
    await dlv.close();
    sessions.splice(sessions.indexOf(s), 1);
    rmSync(dir, { recursive: true, force: true });
  });

  test('launch preparation: overlay merged with the user\'s, flags kept, temp files under scratchDir and removed', async (t) => {
    const scratch = mkdtempSync(join(tmpdir(), 'capture-scratch-'));
    t.after(() => rmSync(scratch, { recursive: true, force: true }));
    const userOverlay = join(scratch, 'user-overlay.json');
    writeFileSync(userOverlay, JSON.stringify({ Replace: { [join(captureFixtures, 'heap', 'extra.go')]: join(scratch, 'extra.go') } }));
    const controller = createCaptureController({ request: async () => ({}), sendEvent: () => undefined, log: () => undefined });
    const prepared = await controller.prepareLaunch({
      request: 'launch', mode: 'debug', program: join(captureFixtures, 'heap'), scratchDir: scratch,
      buildFlags: `-tags=a,b -overlay=${userOverlay}`, env: { KEEP: '1' }, blockProfileRate: 0,
    });
    assert.equal('scratchDir' in prepared, false, 'scratchDir is not passed on to dlv');
    const helperDir = helperDirOf(prepared)!;
    assert.equal(join(helperDir, '..'), scratch);
    assert.match(String(prepared.buildFlags), /^-tags=a,b -overlay=\S+$/);
    const overlay = JSON.parse(readFileSync(join(helperDir, 'overlay.json'), 'utf8')) as { Replace: Record<string, string> };
    // The user's file and ours (other generated helpers, e.g. for traces, may join them).
    const keys = Object.keys(overlay.Replace);
    assert.ok(keys.includes(join(captureFixtures, 'heap', 'extra.go')) && keys.includes(join(captureFixtures, 'heap', 'zz_go_debug_profile_helper.go')), keys.join(', '));
    assert.ok(keys.every((k) => k.startsWith(join(captureFixtures, 'heap') + '/')), keys.join(', '));
    assert.match(readFileSync(overlay.Replace[join(captureFixtures, 'heap', 'zz_go_debug_profile_helper.go')], 'utf8'), /^package main$/m);
    assert.deepEqual(prepared.env, { KEEP: '1', GO_DEBUG_PROFILE_BLOCK_RATE: '0', GO_DEBUG_PROFILE_MUTEX_FRACTION: '5' });
    await controller.dispose();
    assert.equal(existsSync(helperDir), false);
  });

  test('a helper that cannot be prepared never fails the launch; captures say why', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'capture-broken-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'main.go'), 'package main\n\nfunc main() {}\n');
    const controller = createCaptureController({ request: async () => ({}), sendEvent: () => undefined, log: () => undefined });
    const args = { request: 'launch', mode: 'debug', program: dir, buildFlags: `-overlay=${join(dir, 'missing.json')}`, scratchDir: dir } as DlvLaunchArgs;
    const prepared = await controller.prepareLaunch(args);
    assert.equal(prepared.buildFlags, args.buildFlags, 'the user\'s flags go to dlv untouched');
    assert.equal('scratchDir' in prepared, false);
    assert.match(await rejection(controller.handleRequest('goProfile.capture', { kind: 'cpu' })), /here the profiling helper could not be prepared \(ENOENT/);
    await controller.dispose();
    assert.deepEqual(readdirSync(dir), ['main.go'], 'nothing left in the scratch dir');
  });

  test('bad requests get a clear message', async () => {
    const controller = createCaptureController({ request: async () => ({}), sendEvent: () => undefined, log: () => undefined });
    await controller.prepareLaunch({ request: 'launch', mode: 'exec', program: '/bin/true' });
    assert.match(await rejection(controller.handleRequest('goProfile.capture', { kind: 'cpux' })), /Unknown capture kind "cpux": use one of heap, allocs/);
    assert.match(await rejection(controller.handleRequest('goProfile.capture', { kind: 'heap', seconds: 3 })), /seconds applies only to cpu captures/);
    assert.match(await rejection(controller.handleRequest('goProfile.capture', { kind: 'cpu', seconds: -1 })), /seconds must be between 0 and 3600/);
    await controller.dispose();
  });
});

describe('capture pieces', () => {
  test('every refusal Delve and the Go runtime give becomes one sentence to act on', () => {
    const cases: [string, RegExp][] = [
      ['Unable to process `evaluate`: debuggee is running', /^The program is running: stop at a breakpoint/],
      ['Unable to evaluate expression: no goroutine selected', /^No goroutine is selected at this stop \(stopped by pause\)/],
      ['Unable to evaluate expression: call stopped', /^The capture was interrupted by another breakpoint/],
      ['Unable to evaluate expression: call not at safe point', /^Delve cannot run the profiling helper at this instruction \(stopped by pause\): it is not a safe point for calls .* Step once and capture again\.$/],
      ['call from within the Go runtime', /the goroutine is in the Go runtime/],
      ['executing on Go runtime stack', /the goroutine is in the Go runtime/],
      ['call from unknown function', /the goroutine is in the Go runtime/],
      ['can not call optimized function main.f when regabi is in use', /optimized code/],
      ['could not find symbol value for main', /^This build has no profiling helper: captures need a go-dlv launch/],
      ['cannot call function while another function call is already in progress', /^Another function call is still in progress/],
      ['selected goroutine not running', /^The selected goroutine is not running/],
      ['something new', /^Delve could not run the profiling helper: something new$/],
    ];
    for (const [raw, expected] of cases) {
      const message = describeDelveError(raw, 'pause');
      assert.match(message, expected, raw);
      assert.ok(!message.includes('Unable to'), 'Delve\'s prefix is dropped');
    }
  });

  test('goroutine labels are read from Delve\'s thread names', () => {
    assert.deepEqual(threadLabels('* [Go 1 role:sleeper shard:3] main.main (Thread 12)'), { role: 'sleeper', shard: '3' });
    assert.deepEqual(threadLabels('[Go 17] runtime.gopark'), {});
  });

  test('profile names say what, where and when, and never overwrite', () => {
    const dir = mkdtempSync(join(tmpdir(), 'capture-names-'));
    const when = new Date('2026-11-23T15:12:33.456Z');
    const first = profileFileName(dir, 'heap', 'main.(*Cache).fill:42', when);
    assert.equal(first, join(dir, 'heap_main.-Cache-.fill-42_2026-11-23T15-12-33.pb.gz'));
    writeFileSync(first, '');
    assert.equal(profileFileName(dir, 'heap', 'main.(*Cache).fill:42', when), join(dir, 'heap_main.-Cache-.fill-42_2026-11-23T15-12-33_2.pb.gz'));
    assert.match(profileFileName(dir, 'allocsDelta', 'main.main:7', when), /allocs-since-last-stop_main.main-7_/);
    rmSync(dir, { recursive: true, force: true });
  });
});
