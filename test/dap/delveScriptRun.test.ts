// Delve scripts run by the go-dlv adapter against real dlv: an initScript with hundreds of
// breakpoint hits runs to the end and prints exactly what it asked for; mistakes are reported
// with their lines and the session goes on; script and client breakpoints live side by side.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { hardwareWatchpointsWork } from './hardwareWatchpoints';
import { AdapterSession, closeAfterEach, lineOf, ROOT, startAdapter, startDebugging, toolEnv, withTimeout } from './harness';

const PROGRAM = join(ROOT, 'test', 'fixtures', 'delve-scripts', 'runner');
const MAIN = join(PROGRAM, 'main.go');
const ORDERS = 300;

interface Recorded {
  s: AdapterSession;
  outputs: DebugProtocol.OutputEvent['body'][];
  breakpoints: DebugProtocol.BreakpointEvent['body'][];
  stops: DebugProtocol.StoppedEvent['body'][];
  captured: { kind: string; path: string; location: string }[];
  terminated: Promise<unknown>;
}

const current = closeAfterEach();

function record(): Recorded {
  current.profileDir = mkdtempSync(join(tmpdir(), 'delve-script-test-'));
  // A private TMPDIR: close() fails if the session (dlv, the build, capture) left anything there.
  const s = startAdapter(toolEnv(), { isolateTmp: true });
  current.session = s;
  // A listener, not waitForEvent: a test that ends its session another way never waits for this,
  // and waitForEvent's own timer would reject it minutes later and fail the whole file.
  const terminated = new Promise<unknown>((done) => s.client.once('terminated', done));
  const r: Recorded = { s, outputs: [], breakpoints: [], stops: [], captured: [], terminated };
  s.client.on('output', (e: DebugProtocol.OutputEvent) => r.outputs.push(e.body));
  s.client.on('breakpoint', (e: DebugProtocol.BreakpointEvent) => r.breakpoints.push(e.body));
  s.client.on('stopped', (e: DebugProtocol.StoppedEvent) => r.stops.push(e.body));
  s.client.on('goProfile.captured', (e: DebugProtocol.Event) => r.captured.push(e.body as Recorded['captured'][number]));
  return r;
}

function lines(r: Recorded, category: string): string[] {
  return r.outputs.filter((o) => o.category === category).map((o) => o.output).join('').split('\n').filter((l) => l !== '');
}

async function eventually(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  for (const deadline = Date.now() + ms; !check(); ) {
    assert.ok(Date.now() < deadline, what);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const price = (i: number): number => (i % 7) * 3 + 1;
const totalBefore = (i: number): number => Array.from({ length: i }, (_, j) => price(j)).reduce((a, b) => a + b, 0);

describe('Delve scripts in a go-dlv session (real dlv)', { timeout: 240_000 }, () => {
  test('an initScript with 100+ breakpoint hits runs to the end and prints exactly what it asked for', async () => {
    const r = record();
    const start = Date.now();
    await startDebugging(r.s.client, 'launch', { program: PROGRAM, cwd: PROGRAM, initScript: 'orders.dlv', profileDir: current.profileDir });
    await withTimeout(r.terminated, 120_000, 'the script did not run to the end');
    const elapsed = Date.now() - start;

    // `on loop print` and `trace` are logpoints: dlv prints them without stopping.
    const expected: string[] = [];
    let evenHits = 0;
    for (let i = 0; i < ORDERS; i++) {
      // The hit count counts the hits where the condition holds: > 10 skips the first ten even i.
      if (i % 2 === 0 && ++evenHits > 10) {
        expected.push(`> [Go 1]: i: ${i}, total: ${totalBefore(i)}`);
      }
      if (i % 7 === 3) {
        expected.push('> [Go 1]: main.price o.Qty: 3');
      }
    }
    assert.ok(expected.length >= 100, `${expected.length} hits`);
    assert.deepEqual(lines(r, 'stdout').filter((l) => l.startsWith('> [Go ')), expected);

    // At the stop in report: print, locals, a heap profile; then it continued to the end.
    const total = totalBefore(ORDERS);
    const avg = Math.trunc(total / ORDERS);
    const shown = lines(r, 'console');
    const at = shown.indexOf(`total: ${total}`);
    assert.ok(at >= 0, shown.join('\n'));
    assert.deepEqual(shown.slice(at, at + 4), [`total: ${total}`, `count = ${ORDERS}`, `total = ${total}`, `avg = ${avg}`]);
    assert.equal(r.captured.length, 1);
    assert.equal(r.captured[0].kind, 'heap');
    assert.equal(r.captured[0].location, `main.report:${lineOf(MAIN, 'report')}`);
    assert.ok(existsSync(r.captured[0].path));
    assert.deepEqual(readdirSync(current.profileDir), [basename(r.captured[0].path)]);
    assert.ok(shown.some((l) => l.includes(r.captured[0].path)), 'the capture is reported in the console');
    // dlv passes the program's output on as its own, which the adapter writes to the console
    // (it may come after the end of the session).
    await eventually(() => lines(r, 'console').includes(`orders ${ORDERS} total ${total} avg ${avg}`), 'the program ran to its end');

    // The script's breakpoints are in the client's breakpoint view; the stop it moved on from is not shown.
    // The trace of main.price is a logpoint on the line dlv found the function at.
    const announced = r.breakpoints.map((b) => [b.reason, b.breakpoint.verified, b.breakpoint.source?.path, b.breakpoint.line]);
    assert.deepEqual(announced.sort((a, b) => Number(a[3]) - Number(b[3])), [
      ['new', true, MAIN, lineOf(MAIN, 'price') - 1],
      ['new', true, MAIN, lineOf(MAIN, 'report')],
      ['new', true, MAIN, lineOf(MAIN, 'loop')],
    ]);
    assert.deepEqual(r.stops, []);
    assert.deepEqual(lines(r, 'stderr'), []);
    console.log(`${expected.length} logpoint hits, script run to the end in ${elapsed} ms`);
  });

  test('mistakes are reported with their lines and the session goes on', async () => {
    const r = record();
    await startDebugging(r.s.client, 'launch', { program: PROGRAM, cwd: PROGRAM, initScript: join(PROGRAM, 'mistakes.dlv'), profileDir: current.profileDir });
    await withTimeout(r.terminated, 120_000, 'the session did not end');
    const script = join(PROGRAM, 'mistakes.dlv');
    const reported = (): string[] => lines(r, 'stderr').filter((l) => l.startsWith(script));
    // The script learns that the program ended when the client does: its last report may come after.
    await eventually(() => reported().some((l) => l.startsWith(`${script}:11: `)), 'line 11 reported');
    const problems = reported();
    const notSet = problems.find((l) => l.startsWith(`${script}:8: `));
    assert.deepEqual(problems, [
      `${script}:3: unknown command "frobnicate"`,
      `${script}:4: the program has not started yet: this runs at a stop (after continue)`,
      `${script}:5: regs: DAP has no request for registers (not run: no DAP equivalent)`,
      `${script}:6: no breakpoint with id 7`,
      `${script}:7: no source file of the program matches nope.go`,
      // dlv answers for breakpoints when the script next needs the program (line 10).
      notSet ?? `${script}:8: (missing)`,
      `${script}:11: the program has ended: this line and the ones after it were not run`,
    ]);
    assert.match(notSet!, /breakpoint main\.go:9999 is not set: .+/);
    // The lines between the mistakes ran: the logpoint printed once, the program ran to its end.
    assert.deepEqual(lines(r, 'stdout').filter((l) => l.startsWith('> [Go ')), ['> [Go 1]: o.ID: 5']);
    await eventually(() => lines(r, 'console').some((l) => l.startsWith(`orders ${ORDERS} total`)), 'the program ran to its end');
  });

  test('client and script breakpoints in one file: each side is answered with its own, dlv gets both', async () => {
    const r = record();
    const loop = lineOf(MAIN, 'loop');
    const report = lineOf(MAIN, 'report');
    const started = await startDebugging(r.s.client, 'launch', { program: PROGRAM, cwd: PROGRAM, initScript: join(PROGRAM, 'union.dlv'), profileDir: current.profileDir }, {
      [MAIN]: [{ line: report }],
    });
    assert.deepEqual(started.breakpoints[0].map((b) => [b.verified, b.line]), [[true, report]]);

    // The client stops at its own breakpoint, after the script's logpoint printed.
    const stop = await r.s.nextStop(60_000);
    assert.equal(stop.reason, 'breakpoint');
    assert.deepEqual(lines(r, 'stdout').filter((l) => l.startsWith('> [Go ')), ['> [Go 1]: i: 299']);

    // VS Code adds a plain breakpoint where it was told of a new one, and sends the file again:
    // that stands for the script's (same id), and the script's condition stays.
    const announced = r.breakpoints.find((b) => b.reason === 'new')!.breakpoint;
    assert.equal(announced.line, loop);
    const again = await r.s.client.setBreakpointsRequest({ source: { path: MAIN }, breakpoints: [{ line: report }, { line: loop }] });
    assert.deepEqual(again.body.breakpoints.map((b) => [b.verified, b.line]), [[true, report], [true, loop]]);
    assert.equal(again.body.breakpoints[1].id, announced.id);

    // Run Delve Script at this stop: its output goes to the console, its problems to stderr.
    const before = lines(r, 'console').length;
    // Breakpoint names and numbers are the session's: this script toggles the initScript's `last` off.
    const text = ['print count', 'whatis total', 'args', 'set avg = 42', 'print avg', 'frame 1 print total', 'goroutine', 'toggle last'].join('\n');
    const ran = await r.s.client.customRequest('goDlv.runScript', { text, path: 'adhoc.dlv' });
    assert.deepEqual(ran.body, { problems: 1 });
    const shown = lines(r, 'console').slice(before);
    assert.deepEqual(shown.slice(0, 4), ['count: 300', 'int', 'avg: 42', `total: ${totalBefore(ORDERS)}`]);
    assert.match(shown[4], /\[Go 1\] main\.report/);
    assert.equal(shown.length, 5);
    assert.deepEqual(r.breakpoints.at(-1), { reason: 'removed', breakpoint: { id: announced.id, verified: false } });
    assert.ok(lines(r, 'stderr').includes('adhoc.dlv:3: args: dlv dap lists the arguments together with the locals; use locals'));

    // The client clears its breakpoints: it is answered with none of the script's; the program runs to its end.
    const cleared = await r.s.client.setBreakpointsRequest({ source: { path: MAIN }, breakpoints: [] });
    assert.deepEqual(cleared.body.breakpoints, []);
    await r.s.client.continueRequest({ threadId: stop.threadId! });
    await withTimeout(r.terminated, 60_000, 'the program did not end');
    assert.deepEqual(r.stops.length, 1);
  });

  test('with stopOnEntry the script runs at the entry stop: source, on-actions that stop, display, next', async () => {
    const r = record();
    await startDebugging(r.s.client, 'launch', { program: PROGRAM, cwd: PROGRAM, initScript: 'stops.dlv', stopOnEntry: true, profileDir: current.profileDir });
    // The client sees only the stop the script ended at.
    const stop = await r.s.nextStop(60_000);
    assert.equal(stop.reason, 'step');
    const frame = (await r.s.client.stackTraceRequest({ threadId: stop.threadId!, levels: 1 })).body.stackFrames[0];
    assert.equal(frame.line, lineOf(MAIN, 'report'));

    // stops.dlv changed the condition of the breakpoint common.dlv set, by its number.
    assert.deepEqual(lines(r, 'stdout').filter((l) => l.startsWith('> [Go ')), ['> [Go 1]: o: main.Order {ID: 3, Qty: 3}']);
    const shown = lines(r, 'console');
    const at = shown.indexOf('0  main.report');
    assert.ok(at >= 0, shown.join('\n'));
    const inMain = new RegExp(`^   at ${MAIN.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+$`);
    assert.match(shown[at + 1], inMain);
    assert.equal(shown[at + 2], '1  main.main');
    assert.match(shown[at + 3], inMain);
    const avg = Math.trunc(totalBefore(ORDERS) / ORDERS);
    // The capture reports itself; then the display after the stop and after each of the two steps.
    assert.match(shown[at + 4], /^Goroutine profile at main\.report:\d+: /);
    assert.deepEqual(shown.slice(at + 5, at + 9), ['0: count = 300', '0: count = 300', '0: count = 300', `avg: ${avg}`]);
    assert.deepEqual(lines(r, 'stderr').filter((l) => l.includes('.dlv')), []);
    // `on report profile goroutine` captured at the function breakpoint's stop.
    assert.deepEqual(r.captured.map((c) => [c.kind, c.location.startsWith('main.report:')]), [['goroutine', true]]);

    await r.s.client.continueRequest({ threadId: stop.threadId! });
    await withTimeout(r.terminated, 60_000, 'the program did not end');
    assert.equal(r.stops.length, 1);
  });

  test('watch sets a data breakpoint at a stop; its on-actions run at each change', async (t) => {
    if (!(await hardwareWatchpointsWork(PROGRAM, lineOf(join(PROGRAM, 'main.go'), 'loop')))) {
      t.skip('this machine sets hardware watchpoints but never fires them (plain dlv: `watch -w` lets the program run to its end)');
      return;
    }
    const r = record();
    await startDebugging(r.s.client, 'launch', { program: PROGRAM, cwd: PROGRAM, initScript: 'watch.dlv', profileDir: current.profileDir });
    const stop = await r.s.nextStop(60_000);
    assert.equal(stop.reason, 'data breakpoint');
    assert.deepEqual(lines(r, 'console').filter((l) => /^i: /.test(l)), ['i: 5', 'i: 6']);
    assert.deepEqual(lines(r, 'stderr').filter((l) => l.includes('.dlv')), []);
  });
});
