// The go-dlv adapter against real dlv: one launch of the fixture walks through breakpoints,
// stack, variables, evaluate and stepping, so the suite builds and starts the program once.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { AdapterSession, commandOf, children, lineOf, locals, MAIN_GO, DEBUG_FIXTURE, startAdapter, startDebugging, toolEnv, topFrame } from './harness';

/** TCP ports a process listens on (Linux /proc). */
function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`, { encoding: 'utf8' }));
    if (m) inodes.add(m[1]);
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // st 0A is LISTEN; f[9] is the socket inode.
      if (f[3] === '0A' && inodes.has(f[9])) ports.push(parseInt(f[1].split(':')[1], 16));
    }
  }
  return ports;
}

describe('go-dlv: launch mode debug', () => {
  let s: AdapterSession;
  let threadId: number;
  let bps: DebugProtocol.Breakpoint[];

  before(async () => {
    s = startAdapter(toolEnv(), { isolateTmp: true });
    const set = await startDebugging(s.client, 'launch', { program: DEBUG_FIXTURE, envFile: join(DEBUG_FIXTURE, 'test.env'), env: { GODLV_FROM_ENV: 'e' } }, {
      [MAIN_GO]: [{ line: lineOf(MAIN_GO, 'vars') }, { line: lineOf(MAIN_GO, 'after') }, { line: lineOf(MAIN_GO, 'workers') }],
    });
    bps = set.breakpoints[0];
  });

  // close() fails if the build directory (or anything else) is left in the session's temp dir.
  after(() => s?.close());

  test('breakpoints are verified on the requested lines', () => {
    assert.deepEqual(bps.map((b) => [b.verified, b.line]), [
      [true, lineOf(MAIN_GO, 'vars')],
      [true, lineOf(MAIN_GO, 'after')],
      [true, lineOf(MAIN_GO, 'workers')],
    ]);
  });

  test('stops at the first breakpoint with reason breakpoint and a stack trace down to main', async () => {
    const stop = await s.nextStop();
    assert.equal(stop.reason, 'breakpoint');
    threadId = stop.threadId!;
    const trace = await s.client.stackTraceRequest({ threadId, startFrame: 0, levels: 20 });
    const top = trace.body.stackFrames[0];
    assert.equal(top.name, 'main.main');
    assert.equal(top.line, lineOf(MAIN_GO, 'vars'));
    assert.equal(top.source?.path, MAIN_GO);
    assert.ok(trace.body.stackFrames.some((f) => f.name === 'runtime.main'), 'runtime.main is below main.main');
  });

  test('dlv runs in the module, dials a socket only this user can reach and listens on no port', () => {
    const pids = s.descendants();
    const dlv = pids.find((p) => /\bdlv dap\b/.test(commandOf(p)));
    assert.ok(dlv, `dlv among ${pids.map(commandOf).join('; ')}`);
    const addr = /^\S*dlv dap --client-addr=unix:(\S*\/go-dlv-\w+)\/dlv\.sock$/.exec(commandOf(dlv));
    assert.ok(addr, commandOf(dlv));
    assert.equal(statSync(addr[1]).mode & 0o077, 0, 'the socket lives in a directory private to the user');
    assert.equal(readlinkSync(`/proc/${dlv}/cwd`), DEBUG_FIXTURE);
    assert.deepEqual(listeningPorts(dlv), [], 'dlv has no listening socket');
    assert.ok(pids.map(commandOf).some((c) => /go-dlv-\w+\/__debug_bin/.test(c)), 'the debuggee is built into the session temp dir');
  });

  test('goProfile.* requests are answered by the capture controller, not dlv', async () => {
    const reply = await s.client.customRequest('goProfile.capabilities', {}).then(
      (r) => ({ ok: true, body: r.body as { kinds?: unknown }, message: '' }),
      (e: Error) => ({ ok: false, body: undefined, message: e.message }),
    );
    if (reply.ok) {
      assert.ok(Array.isArray(reply.body?.kinds), 'capture lists what it can capture');
    } else {
      assert.match(reply.message, /goProfile\.capabilities/, 'the placeholder controller refuses by name');
    }
  });

  test('scopes and variables show structs, pointers, maps, slices and interfaces', async () => {
    const frame = await topFrame(s.client, threadId);
    const vars = await locals(s.client, frame.id);
    const p = vars.get('p')!;
    assert.match(p.type ?? '', /main\.Point/);
    const fields = await children(s.client, p);
    assert.equal(fields.get('X')?.value, '1');
    assert.equal(fields.get('Name')?.value, '"origin"');
    const pp = vars.get('pp')!;
    assert.equal(pp.type, '*main.Point');
    const pointee = [...(await children(s.client, pp)).values()][0];
    assert.equal((await children(s.client, pointee)).get('Y')?.value, '2');
    const m = vars.get('m')!;
    assert.match(m.value, /"one": 1, "two": 2/);
    const entries = [...(await children(s.client, m)).entries()].map(([k, v]) => `${k}=${v.value}`).sort();
    assert.deepEqual(entries, ['"one"=1', '"two"=2', 'len()=2']);
    const slice = vars.get('s')!;
    assert.match(slice.value, /len: 3/);
    const elements = [...(await children(s.client, slice)).entries()].filter(([k]) => /^\[\d+\]$/.test(k));
    assert.deepEqual(elements.map(([, v]) => v.value), ['10', '20', '30']);
    const sh = vars.get('sh')!;
    assert.match(sh.type ?? '', /main\.Shape/);
    assert.match(sh.value, /main\.Rect/);
    assert.equal(vars.get('greeting')?.value, '"hihi"');
  });

  test('evaluate reads expressions and calls functions', async () => {
    const frame = await topFrame(s.client, threadId);
    const sum = await s.client.evaluateRequest({ expression: 'p.X + p.Y*10', frameId: frame.id, context: 'watch' });
    assert.equal(sum.body.result, '21');
    const call = await s.client.evaluateRequest({ expression: 'call add(40, 2)', frameId: frame.id, context: 'repl' });
    assert.match(call.body.result, /42/);
    const bad = await s.client.evaluateRequest({ expression: 'nosuchvar', frameId: frame.id, context: 'watch' }).catch((e: Error) => e);
    assert.ok(bad instanceof Error, 'an unknown name is an error');
    assert.match(bad.message, /Unable to evaluate/);
  });

  test('next, stepIn and stepOut move through add()', async () => {
    const stop = await s.resume('next', threadId);
    assert.equal(stop.reason, 'step');
    assert.equal((await topFrame(s.client, threadId)).line, lineOf(MAIN_GO, 'call'));
    await s.resume('stepIn', threadId);
    let frame = await topFrame(s.client, threadId);
    assert.equal(frame.name, 'main.add');
    while ((await topFrame(s.client, threadId)).line !== lineOf(MAIN_GO, 'add') + 1) {
      assert.equal((await s.resume('next', threadId)).reason, 'step');
      assert.equal((await topFrame(s.client, threadId)).name, 'main.add', 'next stays in add()');
    }
    await s.resume('stepOut', threadId);
    frame = await topFrame(s.client, threadId);
    assert.equal(frame.name, 'main.main');
    assert.equal(frame.line, lineOf(MAIN_GO, 'call'));
  });

  test('continue stops at the next breakpoint; setVariable; goroutines are threads', async () => {
    let stop = await s.resume('continue', threadId);
    assert.equal(stop.reason, 'breakpoint');
    const frame = await topFrame(s.client, stop.threadId!);
    assert.equal(frame.line, lineOf(MAIN_GO, 'after'));
    const scopes = await s.client.scopesRequest({ frameId: frame.id });
    const set = await s.client.setVariableRequest({ variablesReference: scopes.body.scopes[0].variablesReference, name: 'r', value: '99' });
    assert.equal(set.body.value, '99');
    assert.equal((await s.client.evaluateRequest({ expression: 'r', frameId: frame.id, context: 'watch' })).body.result, '99');
    stop = await s.resume('continue', threadId);
    assert.equal((await topFrame(s.client, stop.threadId!)).line, lineOf(MAIN_GO, 'workers'));
    const threads = await s.client.threadsRequest();
    const workers = threads.body.threads.filter((t) => /main\.workers\.func1/.test(t.name));
    assert.ok(workers.length >= 4, `4 worker goroutines among ${threads.body.threads.map((t) => t.name).join('; ')}`);
  });

  test('the program runs to its end and reports its exit code', async () => {
    const exited = s.client.waitForEvent('exited');
    const terminated = s.client.waitForEvent('terminated');
    await s.client.setBreakpointsRequest({ source: { path: MAIN_GO }, breakpoints: [] });
    await s.client.continueRequest({ threadId });
    assert.equal(((await exited) as DebugProtocol.ExitedEvent).body.exitCode, 3);
    await terminated;
    // envFile and env reach the program, env winning; the value set in the debugger is printed.
    await s.waitForOutput(/sum 99\n[^]*env from file e\n/);
  });
});
