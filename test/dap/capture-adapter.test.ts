// Capture through the go-dlv adapter (out/debug/adapter.js) with DebugClient: the contract of
// `goProfile.capture` and `goProfile.captured` as a client sees it.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { AdapterSession, closeAfterEach, adapterTempDirs, lineOf, ROOT, startAdapter, startDebugging, topFrame } from './harness';
import { captureFixtures, captureTempEntries, readProfile } from './capture-dlv';
import { readFileSync } from 'node:fs';

interface Captured {
  kind: string;
  path: string;
  location: string;
}

const current = closeAfterEach();

async function launch(fixture: string, bps: string[], extra: Record<string, unknown> = {}): Promise<{ s: AdapterSession; captured: Captured[]; threadId: number }> {
  const file = join(captureFixtures, fixture, 'main.go');
  current.profileDir = mkdtempSync(join(tmpdir(), 'capture-adapter-test-'));
  const s = startAdapter();
  current.session = s;
  const captured: Captured[] = [];
  s.client.on('goProfile.captured', (e: DebugProtocol.Event) => captured.push(e.body as Captured));
  await startDebugging(s.client, 'launch', { program: join(captureFixtures, fixture), cwd: captureFixtures, profileDir: current.profileDir, ...extra }, {
    [file]: bps.map((b) => ({ line: lineOf(file, b) })),
  });
  const stop = await s.nextStop(60_000);
  return { s, captured, threadId: stop.threadId! };
}

function capture(s: AdapterSession, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  return s.client.customRequest('goProfile.capture', args).then((r) => r.body as Record<string, unknown>);
}

describe('goProfile.capture through the adapter (real dlv)', { timeout: 120_000 }, () => {
  test('a heap snapshot responds {path} and emits goProfile.captured', async () => {
    const { s, captured, threadId } = await launch('heap', ['heap']);
    const body = await capture(s, { kind: 'heap', threadId });
    const path = String(body.path);
    assert.ok(existsSync(path) && path.startsWith(current.profileDir), path);
    assert.deepEqual(captured, [{ kind: 'heap', path, location: `main.main:${lineOf(join(captureFixtures, 'heap', 'main.go'), 'heap')}` }]);
    assert.ok((readProfile(path).costs('inuse_space').get('main.buildCache')?.cum ?? 0) > 20 << 20);
  });

  test('the helper stays out of the Globals scope (showGlobalVariables) and still captures', async () => {
    const { s, threadId } = await launch('heap', ['heap'], { showGlobalVariables: true });
    const frame = (await s.client.stackTraceRequest({ threadId, startFrame: 0, levels: 1 })).body.stackFrames[0];
    const scopes = (await s.client.scopesRequest({ frameId: frame.id })).body.scopes;
    const globals = scopes.find((sc) => /^Globals/.test(sc.name));
    assert.ok(globals, `scopes: ${scopes.map((sc) => sc.name).join(', ')}`);
    const names = (await s.client.variablesRequest({ variablesReference: globals.variablesReference })).body.variables.map((v) => v.name);
    assert.deepEqual(names.filter((n) => /cache$/.test(n)).length, 1, `the program's own global is listed: ${names.join(', ')}`);
    assert.deepEqual(names.filter((n) => /zz|go_debug_profile/i.test(n)), [], 'no helper variable is listed');
    const trace = await s.client.customRequest('goProfile.trace', { threadId });
    assert.deepEqual(trace.body, { tracing: true });
    const body = await capture(s, { kind: 'heap', threadId });
    assert.ok(existsSync(String(body.path)));
  });

  /** The region's profile: hotRegion only (warmup ran before it, cooldown after). */
  function assertRegionOnly(path: string): void {
    const costs = readProfile(path).costs('cpu');
    const hot = costs.get('main.hotRegion')?.cum ?? 0;
    assert.ok(hot >= 0.1e9 && hot >= 0.9 * (costs.get('main.main')?.cum ?? 0), `hotRegion has ${hot} ns`);
    assert.equal(costs.get('main.warmup'), undefined);
    assert.equal(costs.get('main.cooldown'), undefined);
  }

  test('cpu without seconds records until the next stop; the client sees the stop first, the profile follows', async () => {
    const { s, captured, threadId } = await launch('cpu', ['start', 'end']);
    const order: string[] = [];
    s.client.on('stopped', () => order.push('stopped'));
    s.client.on('goProfile.captured', () => order.push('captured'));
    assert.deepEqual(await capture(s, { kind: 'cpu', threadId }), { recording: true });
    const profiled = new Promise<void>((done) => s.client.once('goProfile.captured', () => done()));
    const stop = await s.resume('continue', threadId);
    assert.equal(stop.reason, 'breakpoint');
    const frames = (await s.client.stackTraceRequest({ threadId: stop.threadId!, startFrame: 0, levels: 20 })).body.stackFrames;
    assert.equal(frames[0].line, lineOf(join(captureFixtures, 'cpu', 'main.go'), 'end'));
    await s.client.scopesRequest({ frameId: frames[0].id });
    await profiled;
    assert.deepEqual(order, ['stopped', 'captured']);
    assert.equal(captured.length, 1);
    assert.equal(captured[0].kind, 'cpu');
    assertRegionOnly(captured[0].path);
  });

  test('a continue right after the stop that ends a CPU recording waits for it: nothing after the stop is in the profile', async () => {
    const { s, captured, threadId } = await launch('cpu', ['start', 'end']);
    assert.deepEqual(await capture(s, { kind: 'cpu', threadId }), { recording: true });
    const stop = await s.resume('continue', threadId);
    const terminated = new Promise<void>((done) => s.client.once('terminated', () => done()));
    await s.client.continueRequest({ threadId: stop.threadId! });
    await terminated;
    assert.equal(captured.length, 1, 'the recording ended before the program went on');
    assertRegionOnly(captured[0].path);
  });

  test('failures reach the client as a short message; the session ends clean', async () => {
    // Other sessions may run at the same time: look only at helper dirs for this fixture.
    const mine = () => captureTempEntries().filter((d) => readFileSync(join(tmpdir(), d, 'overlay.json'), 'utf8').includes(join(captureFixtures, 'heap')));
    const helperDirs = mine();
    const buildDirs = adapterTempDirs();
    const { s } = await launch('heap', [], { stopOnEntry: true });
    await assert.rejects(capture(s, { kind: 'heap' }), /^Error: No goroutine is selected at this stop \(stopped by entry\)/);
    await assert.rejects(capture(s, { kind: 'nope' }), /Unknown capture kind "nope"/);
    await s.close();
    current.session = undefined;
    // Only what this session added counts: a folder that existed before may be removed
    // meanwhile by the session that made it (an earlier test's adapter exits asynchronously).
    assert.deepEqual(mine().filter((d) => !helperDirs.includes(d)), []);
    assert.deepEqual(adapterTempDirs().filter((d) => !buildDirs.includes(d)), []);
    assert.deepEqual(readdirSync(current.profileDir), []);
  });
});

describe('CPU for N seconds leaves a session the user can go on with (real dlv)', { timeout: 120_000 }, () => {
  test('the pause is shown on the goroutine stopped before, in its code, and a heap capture works right after', async () => {
    const { s, threadId } = await launch('spin', ['ready']);
    const body = await capture(s, { kind: 'cpu', seconds: 1, threadId });
    assert.ok(existsSync(String(body.path)));
    const stop = await s.nextStop();
    assert.equal(stop.reason, 'pause');
    assert.equal(stop.threadId, threadId, 'the stop names the goroutine the capture started on');
    assert.equal((await topFrame(s.client, threadId)).name, 'main.busyLoop');
    // What the editor does next: capture on the goroutine the stop named.
    const heap = await capture(s, { kind: 'heap', threadId: stop.threadId });
    assert.ok(existsSync(String(heap.path)));
    assert.deepEqual(await noMoreStops(s), [], 'the stops on the way there stay hidden');
  });

  test('when that goroutine is parked, the pause is shown on one that runs outside the runtime', async () => {
    const { s, threadId } = await launch('workers', ['ready']);
    // Each capture runs where the editor would: on the goroutine the last stop named.
    let current = threadId;
    for (let round = 0; round < 3; round++) {
      await capture(s, { kind: 'cpu', seconds: 0.5, threadId: current });
      const stop = await s.nextStop();
      assert.equal(stop.reason, 'pause');
      assert.ok(stop.threadId, 'the stop names a goroutine');
      const top = (await topFrame(s.client, stop.threadId)).name;
      assert.doesNotMatch(top, /^(runtime|internal\/|sync\/atomic)/, `round ${round}: stopped in ${top}`);
      const heap = await capture(s, { kind: 'heap', threadId: stop.threadId });
      assert.ok(existsSync(String(heap.path)), `round ${round}: heap at ${top}`);
      current = stop.threadId;
    }
    assert.deepEqual(await noMoreStops(s), []);
  });

  test('on a program rendering with goldmark, a heap capture right after each of 12 timed CPU captures works, but for one refusal at most that says what to do', { timeout: 240_000 }, async () => {
    // Pauses land anywhere in goldmark's code: in prologues and pointer stores where Delve cannot
    // call, in sync.Pool's pinned sections, in the GC. Before the settler moved on from those,
    // about one heap capture in ten was refused here; now one in hundreds is (a refusal says to
    // step, and from the next stop in the program's own code captures work again).
    const dir = join(ROOT, 'test', 'fixtures', 'markdownsite');
    const file = join(dir, 'main.go');
    current.profileDir = mkdtempSync(join(tmpdir(), 'capture-adapter-test-'));
    const s = startAdapter();
    current.session = s;
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('md.Convert(src, &out)')) + 1;
    await startDebugging(s.client, 'launch', { program: dir, cwd: dir, profileDir: current.profileDir }, { [file]: [{ line }] });
    let goroutine = (await s.nextStop(120_000)).threadId!;
    await s.client.setBreakpointsRequest({ source: { path: file }, breakpoints: [] });
    const refused: string[] = [];
    const attempt = async (what: string, args: Record<string, unknown>): Promise<boolean> => {
      const top = (await topFrame(s.client, goroutine)).name;
      return capture(s, args).then(
        () => true,
        (err: Error) => {
          refused.push(`${what} at ${top}: ${err.message}`);
          return false;
        },
      );
    };
    for (let round = 0; round < 12; round++) {
      if (await attempt(`round ${round} cpu`, { kind: 'cpu', seconds: 0.3, threadId: goroutine })) {
        goroutine = (await s.nextStop()).threadId!;
        if (await attempt(`round ${round} heap`, { kind: 'heap', threadId: goroutine })) {
          continue;
        }
      }
      // Back to a stop in the program's own code, as the message asks: its breakpoint again.
      await s.client.setBreakpointsRequest({ source: { path: file }, breakpoints: [{ line }] });
      goroutine = (await s.resume('continue', goroutine)).threadId!;
      await s.client.setBreakpointsRequest({ source: { path: file }, breakpoints: [] });
    }
    assert.ok(refused.length <= 1, refused.join('\n'));
    refused.forEach((r) => assert.match(r, /Step once and capture again\.$|Step to a line of your own code and capture again\.$/));
  });
});

/** Stops the client got beyond those taken, after a moment for any late one to arrive. */
async function noMoreStops(s: AdapterSession): Promise<string[]> {
  const late: string[] = [];
  for (;;) {
    const stop = await s.nextStop(300).catch(() => undefined);
    if (!stop) {
      return late;
    }
    late.push(`${stop.reason} on ${stop.threadId}`);
  }
}
