// The merge of client and Delve script breakpoints (dlv keeps one list per file), log messages
// for logpoints, and the sync's requests and announcements against a recording stand-in for dlv.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { clientAnswer, mergeFunctions, mergeSource } from '../../src/debug/script/breakpointMerge';
import { BreakpointSync } from '../../src/debug/script/breakpointSync';
import type { ScriptHost } from '../../src/debug/script/host';
import { isLogpoint, logMessage } from '../../src/debug/script/logMessage';

describe('mergeSource', () => {
  test('dlv gets both lists; each client breakpoint is answered from its own place', () => {
    const merged = mergeSource([{ line: 5 }, { line: 9, condition: 'x > 1' }], [{ key: 1, breakpoint: { line: 20, logMessage: 'i: {i}' } }], []);
    assert.deepEqual(merged.sent, [{ line: 5 }, { line: 9, condition: 'x > 1' }, { line: 20, logMessage: 'i: {i}' }]);
    assert.deepEqual(merged.client, [{ index: 0 }, { index: 1 }]);
    assert.deepEqual([...merged.script], [[1, { index: 2, shared: false }]]);
    const response = [{ id: 1, verified: true }, { id: 2, verified: true }, { id: 3, verified: true }];
    assert.deepEqual(clientAnswer(merged, response, () => undefined), [{ id: 1, verified: true }, { id: 2, verified: true }]);
  });

  test("a plain client breakpoint on the script's line (VS Code's echo) is sent once, with the script's settings", () => {
    const merged = mergeSource([{ line: 20 }], [{ key: 1, breakpoint: { line: 20, condition: 'i%2 == 0', hitCondition: '> 10' } }], []);
    assert.deepEqual(merged.sent, [{ line: 20, condition: 'i%2 == 0', hitCondition: '> 10' }]);
    assert.deepEqual([...merged.script], [[1, { index: 0, shared: true }]]);
  });

  test('a client breakpoint the user gave its own condition keeps it', () => {
    const merged = mergeSource([{ line: 20, condition: 'mine' }], [{ key: 1, breakpoint: { line: 20, condition: 'script' } }], []);
    assert.deepEqual(merged.sent, [{ line: 20, condition: 'mine' }]);
  });

  test("a plain client breakpoint where a script function breakpoint was found is answered with the function's", () => {
    const merged = mergeSource([{ line: 11 }, { line: 3 }], [], [{ key: 7, line: 11 }]);
    assert.deepEqual(merged.sent, [{ line: 3 }]);
    const fn = { id: 42, verified: true, line: 11 };
    assert.deepEqual(clientAnswer(merged, [{ id: 1, verified: true }], (key) => (key === 7 ? fn : undefined)), [fn, { id: 1, verified: true }]);
  });
});

test('mergeFunctions: one breakpoint per function name', () => {
  const merged = mergeFunctions([{ name: 'main.a' }, { name: 'main.b' }], [{ key: 1, breakpoint: { name: 'main.b', condition: 'n > 1' } }, { key: 2, breakpoint: { name: 'main.c' } }]);
  assert.deepEqual(merged.sent, [{ name: 'main.a' }, { name: 'main.b', condition: 'n > 1' }, { name: 'main.c' }]);
});

describe('log messages', () => {
  test('trace shows the label; prints show expr: value; Sprintf verbs and braces in labels are escaped', () => {
    assert.equal(logMessage('main.price', true, []), 'main.price');
    assert.equal(logMessage('loop', false, [{ kind: 'print', expression: 'i' }, { kind: 'print', expression: 'total' }]), 'i: {i}, total: {total}');
    assert.equal(logMessage('x%2', true, [{ kind: 'print', expression: 'T{1}.a % 2' }]), 'x%%2 T(1).a %% 2: {T{1}.a % 2}');
  });

  test('only traces and plain prints are logpoints; anything else must stop', () => {
    assert.equal(isLogpoint(true, []), true);
    assert.equal(isLogpoint(false, [{ kind: 'print', expression: 'i' }]), true);
    assert.equal(isLogpoint(false, []), false);
    assert.equal(isLogpoint(false, [{ kind: 'print', expression: 'i', format: 'hex' }]), false);
    assert.equal(isLogpoint(true, [{ kind: 'locals' }]), false);
    assert.equal(isLogpoint(false, [{ kind: 'profile', profileKind: 'heap' }]), false);
  });
});

/** Answers setBreakpoints / setFunctionBreakpoints as dlv does: ids by identity, functions found on line 11. */
function fakeDlv(): { host: ScriptHost; requests: [string, unknown][]; events: DebugProtocol.Event[] } {
  const requests: [string, unknown][] = [];
  const events: DebugProtocol.Event[] = [];
  const ids = new Map<string, number>();
  const id = (k: string): number => ids.get(k) ?? (ids.set(k, ids.size + 1), ids.size);
  const host: ScriptHost = {
    request: async (command, args) => {
      requests.push([command, JSON.parse(JSON.stringify(args))]);
      if (command === 'setFunctionBreakpoints') {
        const { breakpoints } = args as DebugProtocol.SetFunctionBreakpointsArguments;
        return { breakpoints: breakpoints.map((b) => ({ id: id(b.name), verified: true, line: 11, source: { path: '/p/main.go' } })) };
      }
      if (command === 'setDataBreakpoints') {
        const { breakpoints } = args as DebugProtocol.SetDataBreakpointsArguments;
        return { breakpoints: breakpoints.map((b) => ({ id: id(b.dataId), verified: true })) };
      }
      const { source, breakpoints } = args as DebugProtocol.SetBreakpointsArguments;
      return { breakpoints: (breakpoints ?? []).map((b) => ({ id: id(`${source.path}:${b.line}`), verified: b.line < 100, line: b.line, source })) };
    },
    sendEvent: (e) => events.push(e),
    output: () => undefined,
    capture: async () => ({}),
  };
  return { host, requests, events };
}

describe('BreakpointSync', () => {
  test("script breakpoints are announced once, kept when the client sets the file again, removed when cleared", async () => {
    const { host, requests, events } = fakeDlv();
    const sync = new BreakpointSync(host);
    const client = (breakpoints: DebugProtocol.SourceBreakpoint[]): DebugProtocol.Request =>
      ({ seq: 1, type: 'request', command: 'setBreakpoints', arguments: { source: { path: '/p/main.go' }, breakpoints } });
    assert.equal(sync.merges(client([{ line: 5 }])), false, 'a file the script never touched passes through');
    sync.put({ key: 1, target: { kind: 'source', path: '/p/main.go', line: 24 }, condition: 'i == 3' });
    const answers = await sync.flush();
    assert.deepEqual(requests.at(-1), ['setBreakpoints', { source: { path: '/p/main.go' }, breakpoints: [{ line: 5 }, { line: 24, condition: 'i == 3' }] }]);
    assert.equal(answers.get(1)?.verified, true);
    assert.deepEqual(events.map((e) => [e.body.reason, e.body.breakpoint.line]), [['new', 24]]);

    const request = client([{ line: 5 }, { line: 24 }]);
    assert.equal(sync.merges(request), true);
    const answer = await sync.answerClient(request);
    assert.deepEqual(answer.breakpoints.map((b) => b.id), [1, 2]);
    assert.deepEqual(requests.at(-1), ['setBreakpoints', { source: { path: '/p/main.go' }, breakpoints: [{ line: 5 }, { line: 24, condition: 'i == 3' }] }]);
    assert.equal(sync.keyOf(2), 1);

    sync.remove(1);
    await sync.flush();
    assert.deepEqual(events.map((e) => [e.body.reason, e.body.breakpoint.id]), [['new', 2], ['removed', 2]]);
  });

  test('a function logpoint goes on the line dlv found the function at; the function breakpoint is removed', async () => {
    const { host, requests, events } = fakeDlv();
    const sync = new BreakpointSync(host);
    sync.put({ key: 1, target: { kind: 'function', name: 'main.price' }, logMessage: 'main.price' });
    const answers = await sync.flush();
    assert.deepEqual(requests, [
      ['setFunctionBreakpoints', { breakpoints: [{ name: 'main.price' }] }],
      ['setFunctionBreakpoints', { breakpoints: [] }],
      ['setBreakpoints', { source: { path: '/p/main.go' }, breakpoints: [{ line: 11, logMessage: 'main.price' }] }],
    ]);
    assert.equal(answers.get(1)?.line, 11);
    assert.deepEqual(events.map((e) => [e.body.reason, e.body.breakpoint.line]), [['new', 11]]);
  });

  test('a breakpoint dlv cannot set comes back unverified for the runner to report', async () => {
    const { host } = fakeDlv();
    const sync = new BreakpointSync(host);
    sync.put({ key: 1, target: { kind: 'source', path: '/p/main.go', line: 9999 } });
    assert.equal((await sync.flush()).get(1)?.verified, false);
  });

  test("data breakpoints: the client's and the script's go to dlv together; the client is answered with its own", async () => {
    const { host, requests } = fakeDlv();
    const sync = new BreakpointSync(host);
    sync.put({ key: 1, target: { kind: 'data', dataId: '1,0,total', accessType: 'write' } });
    await sync.flush();
    const request: DebugProtocol.Request = { seq: 1, type: 'request', command: 'setDataBreakpoints', arguments: { breakpoints: [{ dataId: '1,0,count' }] } };
    assert.equal(sync.merges(request), true);
    const answer = await sync.answerClient(request);
    assert.deepEqual(requests.at(-1), ['setDataBreakpoints', { breakpoints: [{ dataId: '1,0,count' }, { dataId: '1,0,total', accessType: 'write' }] }]);
    assert.deepEqual(answer.breakpoints, [{ id: 2, verified: true }]);
  });
});
