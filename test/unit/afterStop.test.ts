// AfterStopWork decides when the work a stop left (ending a CPU recording) runs: after the
// client's look at the stop, or before anything that moves the program, with every request
// handled in the order it came. The work is a stand-in here; the DAP suite runs the real one
// on real dlv (capture-adapter.test.ts: the client sees the stop first, and a continue right
// after the stop leaves nothing after it in the profile).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { AfterStopWork, QUIET_MS } from '../../src/debug/afterStop';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function request(command: string, args: object = {}): DebugProtocol.Request {
  return { seq: 1, type: 'request', command, arguments: args };
}

/** A session's view: what was handled, when the work ran, and whether a request waits on dlv. */
function rig(workMs = 30) {
  const log: string[] = [];
  const failed: string[] = [];
  let waiting = 0;
  const gate = new AfterStopWork(
    async () => {
      log.push('work starts');
      await sleep(workMs);
      log.push('work done');
    },
    () => waiting === 0,
    (r, reason) => failed.push(`${r.command}: ${reason}`),
  );
  const handle = (r: DebugProtocol.Request) => {
    if (r.command === 'boom') {
      throw new Error('broken');
    }
    log.push(r.command);
  };
  return { gate, log, failed, handle, setWaiting: (n: number) => (waiting = n) };
}

test('reads about the stop go through at once; the work runs once the client has been quiet', async () => {
  const { gate, log, handle, setWaiting } = rig();
  gate.schedule();
  for (const command of ['threads', 'stackTrace', 'scopes', 'variables']) {
    setWaiting(1);
    gate.pass(request(command), handle);
    await sleep(QUIET_MS / 2);
    setWaiting(0);
    gate.answered();
  }
  assert.deepEqual(log, ['threads', 'stackTrace', 'scopes', 'variables'], 'the look kept the work from starting');
  await sleep(QUIET_MS + 50);
  assert.deepEqual(log.slice(4), ['work starts', 'work done']);
});

test('an answer while another request still waits on dlv does not start the quiet period', async () => {
  const { gate, log, handle, setWaiting } = rig();
  gate.schedule();
  setWaiting(2);
  gate.pass(request('stackTrace'), handle);
  gate.answered();
  await sleep(QUIET_MS + 30);
  assert.deepEqual(log, ['stackTrace']);
  setWaiting(0);
  gate.answered();
  await sleep(QUIET_MS + 60);
  assert.deepEqual(log, ['stackTrace', 'work starts', 'work done']);
});

test('continue waits for the work, and requests after it keep their order', async () => {
  const { gate, log, handle } = rig();
  gate.schedule();
  gate.pass(request('continue'), handle);
  gate.pass(request('threads'), handle);
  gate.pass(request('goProfile.capture'), handle);
  assert.deepEqual(log, ['work starts']);
  await sleep(60);
  assert.deepEqual(log, ['work starts', 'work done', 'continue', 'threads', 'goProfile.capture']);
});

test('a `call` in the debug console waits for the work; other evaluations do not', async () => {
  const { gate, log, handle } = rig();
  gate.schedule();
  gate.pass(request('evaluate', { expression: 'len(cache)', context: 'hover' }), handle);
  gate.pass(request('evaluate', { expression: ' call fill(3)', context: 'repl' }), handle);
  assert.deepEqual(log, ['evaluate', 'work starts']);
  await sleep(60);
  assert.deepEqual(log, ['evaluate', 'work starts', 'work done', 'evaluate']);
});

test('a step that comes while the work runs waits for it to finish; the work runs once', async () => {
  const { gate, log, handle } = rig();
  gate.schedule();
  await sleep(QUIET_MS + 5);
  assert.deepEqual(log, ['work starts']);
  gate.pass(request('next'), handle);
  await gate.run();
  await sleep(5);
  assert.deepEqual(log, ['work starts', 'work done', 'next']);
});

test('with nothing scheduled every request goes through at once', () => {
  const { gate, log, handle } = rig();
  gate.pass(request('continue'), handle);
  gate.pass(request('disconnect'), handle);
  assert.deepEqual(log, ['continue', 'disconnect']);
});

test('a queued request that throws is answered with the reason, and the ones behind it are still handled', async () => {
  const { gate, log, failed, handle } = rig(5);
  gate.schedule();
  gate.pass(request('boom'), handle);
  gate.pass(request('continue'), handle);
  await sleep(30);
  assert.deepEqual(failed, ['boom: broken']);
  assert.deepEqual(log, ['work starts', 'work done', 'continue']);
});

test('after dispose the scheduled work never runs', async () => {
  const { gate, log } = rig();
  gate.schedule();
  gate.dispose();
  await sleep(QUIET_MS + 30);
  assert.deepEqual(log, []);
});
