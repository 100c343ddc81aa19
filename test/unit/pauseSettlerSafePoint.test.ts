// The pause ending a timed capture may land where Delve cannot call (a function's prologue, a
// pointer store); the next capture would then fail. PauseSettler steps the goroutine on, one
// instruction at a time, until Delve can call there, and gives up after a bounded number of
// steps. Seen in the editor journey: CPU for 3 s paused in IsInLinkLabel's prologue, and the
// heap capture right after was refused. A scripted dlv stands in for one piece here; the DAP
// suite runs the same moves on real dlv (capture-adapter.test.ts: a heap capture right after
// each of 12 timed CPU captures).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CaptureHost, StopOutcome } from '../../src/capture/api';
import { PauseSettler } from '../../src/capture/pauseSettler';

/** dlv with one goroutine (1) running main.work on a thread; records what it is asked. */
function scriptedDlv(): { host: CaptureHost; asked: string[] } {
  const asked: string[] = [];
  const host: CaptureHost = {
    async request(command, args) {
      asked.push(command === 'stepIn' ? `stepIn ${(args as { threadId: number; granularity: string }).threadId} ${(args as { granularity: string }).granularity}` : command);
      if (command === 'threads') {
        return { threads: [{ id: 1, name: '[Go 1] main.work (Thread 77)' }, { id: 2, name: '[Go 2] runtime.gopark' }] };
      }
      if (command === 'stackTrace') {
        return { stackFrames: [{ name: 'main.work' }] };
      }
      return {};
    },
    sendEvent: () => undefined,
    log: () => undefined,
  };
  return { host, asked };
}

/** Pauses, then feeds the settler the stops dlv would send until it shows one. */
async function settle(settler: PauseSettler): Promise<{ shown: StopOutcome; hidden: number }> {
  const paused = settler.pause(1);
  let outcome = await settler.onStop({ reason: 'pause', threadId: 1 });
  let hidden = 0;
  while (outcome.hide) {
    hidden++;
    outcome = await settler.onStop({ reason: 'step', threadId: 1 });
  }
  await paused;
  return { shown: outcome, hidden };
}

test('a pause where Delve cannot call is stepped on, an instruction at a time, to where it can', async () => {
  const { host, asked } = scriptedDlv();
  const answers = [false, false, true];
  const probed: number[] = [];
  const settler = new PauseSettler(host, async (goroutine) => {
    probed.push(goroutine);
    return answers.shift()!;
  });
  const { shown, hidden } = await settle(settler);
  assert.deepEqual(shown, { hide: false, threadId: 1, reason: 'pause' });
  assert.equal(hidden, 2, 'two stops hidden: the steps out of the unsafe instructions');
  assert.deepEqual(probed, [1, 1, 1]);
  assert.deepEqual(asked.filter((c) => c.startsWith('stepIn')), ['stepIn 1 instruction', 'stepIn 1 instruction']);
});

test('a pause where Delve can call is shown at once, with no step', async () => {
  const { host, asked } = scriptedDlv();
  const { shown, hidden } = await settle(new PauseSettler(host, async () => true));
  assert.deepEqual(shown, { hide: false, threadId: 1, reason: 'pause' });
  assert.equal(hidden, 0);
  assert.ok(!asked.some((c) => c.startsWith('stepIn')), asked.join(', '));
});

test('where Delve can never call, the settler gives up after a bounded number of steps and shows the stop', async () => {
  const { host, asked } = scriptedDlv();
  const { shown, hidden } = await settle(new PauseSettler(host, async () => false));
  assert.deepEqual(shown, { hide: false, threadId: 1, reason: 'pause' });
  assert.equal(hidden, 32);
  assert.equal(asked.filter((c) => c.startsWith('stepIn')).length, 32);
});
