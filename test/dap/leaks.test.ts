// Goroutine leak captures through the go-dlv adapter on real dlv and Go: a program with a
// known leak, one without, and a build without the profile. `go tool pprof` is the oracle
// for the profile; the creation sites come from the runtime's own tracebacks.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { LeakGroup } from '../../src/capture/api';
import { AdapterSession, closeAfterEach, startAdapter, startDebugging, toolEnv } from './harness';
import { bpLine, captureFixtures } from './capture-dlv';

const current = closeAfterEach();

async function stopAtCheck(fixture: string, extra: Record<string, unknown>, root = captureFixtures): Promise<{ s: AdapterSession; threadId: number; captured: DebugProtocol.Event[] }> {
  const file = join(root, fixture, 'main.go');
  current.profileDir = mkdtempSync(join(tmpdir(), 'leaks-test-'));
  const s = startAdapter();
  current.session = s;
  const captured: DebugProtocol.Event[] = [];
  s.client.on('goProfile.captured', (e: DebugProtocol.Event) => captured.push(e));
  await startDebugging(s.client, 'launch', { program: join(root, fixture), cwd: join(root, fixture), profileDir: current.profileDir, ...extra }, {
    [file]: [{ line: bpLine(file, 'check') }],
  });
  const stop = await s.nextStop(90_000);
  return { s, threadId: stop.threadId!, captured };
}

function captureLeaks(s: AdapterSession, threadId: number): Promise<{ path: string; leaks: LeakGroup[] }> {
  return s.client.customRequest('goProfile.capture', { kind: 'goroutineleak', threadId }).then((r) => r.body as { path: string; leaks: LeakGroup[] });
}

/** `go tool pprof -top -lines`: goroutines per (function, file:line), cum column. */
function pprofLines(path: string): Map<string, number> {
  const out = execFileSync('go', ['tool', 'pprof', '-top', '-lines', '-nodecount=100', path], { env: toolEnv(), encoding: 'utf8' });
  const lines = new Map<string, number>();
  for (const m of out.matchAll(/^\s*\d+\s+\S+%\s+\S+%\s+(\d+)\s+\S+%\s+(\S+) (\S+):(\d+)$/gm)) {
    lines.set(`${m[2]} ${m[3].split('/').pop()}:${m[4]}`, Number(m[1]));
  }
  return lines;
}

describe('goroutine leaks through the adapter (real dlv)', { timeout: 180_000 }, () => {
  test('a known leak: exactly 5 goroutines at the blocked send, created by the go statement in leaky', async () => {
    const { s, threadId, captured } = await stopAtCheck('leak', { detectGoroutineLeaks: true });
    const file = join(captureFixtures, 'leak', 'main.go');
    const { path, leaks } = await captureLeaks(s, threadId);
    assert.ok(existsSync(path) && path.startsWith(current.profileDir), path);
    // The profile is the runtime's: only leaked goroutines, at the send nobody receives.
    const oracle = pprofLines(path);
    assert.equal(oracle.get(`main.leaky.func1 main.go:${bpLine(file, 'blocked')}`), 5, [...oracle].join('\n'));
    assert.equal([...oracle.keys()].some((k) => k.startsWith('main.waiting')), false, 'goroutines main still holds are not leaked');
    assert.equal(leaks.length, 1, JSON.stringify(leaks));
    const [group] = leaks;
    assert.equal(group.count, 5);
    assert.equal(group.waitReason, 'chan send');
    assert.deepEqual(group.blockedAt, { func: 'main.leaky.func1', file, line: bpLine(file, 'blocked') });
    assert.deepEqual(group.createdAt, { func: 'main.leaky', file, line: bpLine(file, 'spawn') });
    assert.deepEqual(captured.map((e) => (e.body as { kind: string; path: string; leaks: LeakGroup[] })), [{ kind: 'goroutineleak', path, location: `main.main:${bpLine(file, 'check')}`, leaks }]);
    await s.waitForOutput(/5 leaked goroutines at main\.main:\d+: 5 at main\.leaky\.func1:\d+ \(go statement .*main\.go:\d+\)/);
    // The program goes on after the detection (the leaked stay leaked; the rest finish).
    await s.client.continueRequest({ threadId });
    await s.client.waitForEvent('terminated', 60_000);
  });

  test('a program whose blocked goroutines are still reachable has no leaks', async () => {
    const { s, threadId } = await stopAtCheck('noleak', { detectGoroutineLeaks: true });
    const { path, leaks } = await captureLeaks(s, threadId);
    assert.deepEqual(leaks, []);
    assert.deepEqual([...pprofLines(path).keys()], []);
    await s.waitForOutput(/No leaked goroutines at main\.main:\d+ \(the runtime's detection is conservative/);
  });

  test('without detectGoroutineLeaks on Go 1.26 the capture says what is needed and writes nothing', async () => {
    const { s, threadId } = await stopAtCheck('leak', {});
    await assert.rejects(captureLeaks(s, threadId), /set "detectGoroutineLeaks": true in the launch configuration \(on Go 1\.26 it builds with GOEXPERIMENT=goroutineleakprofile\)/);
    assert.deepEqual(readdirSync(current.profileDir), []);
  });

  test('a leak through a public module (golang.org/x/sync/errgroup): 3 workers at the send, created by errgroup\'s go statement', async () => {
    const root = join(captureFixtures, '..');
    const { s, threadId } = await stopAtCheck('leakmodule', { detectGoroutineLeaks: true }, root);
    const file = join(root, 'leakmodule', 'main.go');
    const { path, leaks } = await captureLeaks(s, threadId);
    assert.equal(pprofLines(path).get(`main.firstDone.func1 main.go:${bpLine(file, 'blocked')}`), 3);
    assert.equal(leaks.length, 1, JSON.stringify(leaks));
    assert.equal(leaks[0].count, 3);
    assert.deepEqual(leaks[0].blockedAt, { func: 'main.firstDone.func1', file, line: bpLine(file, 'blocked') });
    assert.equal(leaks[0].createdAt?.func, 'golang.org/x/sync/errgroup.(*Group).Go');
    assert.match(leaks[0].createdAt?.file ?? '', /golang\.org\/x\/sync@v0\.22\.0\/errgroup\/errgroup\.go$/);
  });

  test('a GOEXPERIMENT the user set is kept next to the leak experiment', async () => {
    const { s, threadId } = await stopAtCheck('leak', { detectGoroutineLeaks: true, env: { GOEXPERIMENT: 'jsonv2' } });
    const { leaks } = await captureLeaks(s, threadId);
    assert.equal(leaks[0]?.count, 5);
    const value = await s.client.evaluateRequest({ expression: 'call os.Getenv("GOEXPERIMENT")', context: 'repl', frameId: (await s.client.stackTraceRequest({ threadId, levels: 1 })).body.stackFrames[0].id });
    assert.equal(value.body.result, '"jsonv2,goroutineleakprofile"');
  });
});
