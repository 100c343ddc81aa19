// Conditional, hit-count, log and function breakpoints pass through the adapter to dlv.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { AdapterSession, DEBUG_FIXTURE, lineOf, locals, MAIN_GO, startAdapter, startDebugging, toolEnv, topFrame } from './harness';

describe('go-dlv: breakpoint kinds', () => {
  let s: AdapterSession;
  let set: DebugProtocol.Breakpoint[];
  let threadId: number;

  before(async () => {
    s = startAdapter(toolEnv(), { isolateTmp: true });
    const started = await startDebugging(s.client, 'launch', { program: MAIN_GO, cwd: DEBUG_FIXTURE }, {
      [MAIN_GO]: [
        { line: lineOf(MAIN_GO, 'vars'), logMessage: 'greeting is {greeting}' },
        { line: lineOf(MAIN_GO, 'loop'), hitCondition: '3' },
        { line: lineOf(MAIN_GO, 'add'), condition: 'b == 7' },
      ],
    });
    set = started.breakpoints[0];
  });

  after(() => s?.close());

  test('all three are verified', () => {
    assert.deepEqual(set.map((b) => [b.verified, b.line]), [
      [true, lineOf(MAIN_GO, 'vars')],
      [true, lineOf(MAIN_GO, 'loop')],
      [true, lineOf(MAIN_GO, 'add')],
    ]);
  });

  test('a hit count of 3 stops on the third pass through the loop, not before', async () => {
    const stop = await s.nextStop();
    assert.equal(stop.reason, 'breakpoint');
    threadId = stop.threadId!;
    const frame = await topFrame(s.client, threadId);
    assert.equal(frame.line, lineOf(MAIN_GO, 'loop'));
    assert.equal((await locals(s.client, frame.id)).get('i')?.value, '2');
  });

  test('the logpoint printed its message without stopping', () => {
    assert.match(s.output(), /greeting is "?hihi"?/);
  });

  test('a condition stops only where it holds: add(_, 7), skipping add(1, 2) and earlier loop calls', async () => {
    const stop = await s.resume('continue', threadId);
    const frame = await topFrame(s.client, stop.threadId!);
    assert.equal(frame.line, lineOf(MAIN_GO, 'add'));
    const vars = await locals(s.client, frame.id);
    assert.equal(vars.get('b')?.value, '7');
    assert.equal(vars.get('a')?.value, String(0 + 1 + 2 + 3 + 4 + 5 + 6));
  });

  test('function breakpoints stop at the function', async () => {
    const response = await s.client.setFunctionBreakpointsRequest({ breakpoints: [{ name: 'main.workers' }] });
    assert.equal(response.body.breakpoints[0].verified, true);
    await s.client.setBreakpointsRequest({ source: { path: MAIN_GO }, breakpoints: [] });
    const stop = await s.resume('continue', threadId);
    assert.equal(stop.reason, 'function breakpoint');
    const frame = await topFrame(s.client, stop.threadId!);
    assert.equal(frame.name, 'main.workers');
    const n = (await locals(s.client, frame.id)).get('n');
    assert.equal(n?.value, '4');
  });
});
