// Fault injection, dlv side: dlv killed under a running program, and requests that would
// make dlv die. Each test checks the client is told plainly, that every later request is
// answered at once, and that no process and no temp file outlives the session.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { AdapterSession, closeAfterEach, commandOf, DEBUG_FIXTURE, lineOf, MAIN_GO, startAdapter, startDebugging, toolEnv, waitGone, withTimeout } from './harness';

// A failed assertion must still end the adapter (and so dlv and the program).
const current = closeAfterEach();

/** A session of `main wait` stopped at its `tick` breakpoint, with the pids of dlv and the program. */
async function stoppedSession(): Promise<{ s: AdapterSession; dlv: number; debuggee: number; threadId: number }> {
  const s = startAdapter(toolEnv(), { isolateTmp: true });
  current.session = s;
  await startDebugging(s.client, 'launch', { program: DEBUG_FIXTURE, args: ['wait'] }, { [MAIN_GO]: [{ line: lineOf(MAIN_GO, 'tick') }] });
  const stop = await s.nextStop();
  const pids = s.descendants();
  const dlv = pids.find((p) => /\bdlv dap\b/.test(commandOf(p)));
  const debuggee = pids.find((p) => /__debug_bin\S* wait/.test(commandOf(p)));
  assert.ok(dlv && debuggee, `dlv and debuggee among ${pids.map(commandOf).join('; ')}`);
  return { s, dlv, debuggee, threadId: stop.threadId! };
}

/** Sends a request and resolves with its failure message within `ms`; fails if it succeeds. */
async function failsWithin(s: AdapterSession, command: string, args: object, ms: number): Promise<string> {
  const started = Date.now();
  const outcome = await withTimeout(s.client.customRequest(command, args).then(() => undefined, (err: Error) => err), ms, `${command} answered within ${ms} ms`);
  assert.ok(outcome instanceof Error, `${command} must fail`);
  assert.ok(Date.now() - started < ms);
  return outcome.message;
}

/**
 * A session whose program runs on (its breakpoints cleared) when `kill` runs; resolves once the
 * client was told the session terminated, with the notification-worthy output it got.
 */
async function killWhileRunning(kill: (pids: { dlv: number; debuggee: number }) => void): Promise<{ s: AdapterSession; dlv: number; debuggee: number; important: string }> {
  const { s, dlv, debuggee, threadId } = await stoppedSession();
  await s.client.setBreakpointsRequest({ source: { path: MAIN_GO }, breakpoints: [] });
  await s.client.continueRequest({ threadId });
  const terminated = s.client.waitForEvent('terminated', 10_000);
  const important: string[] = [];
  s.client.on('output', (e: DebugProtocol.OutputEvent) => e.body.category === 'important' && important.push(e.body.output));
  kill({ dlv, debuggee });
  await terminated;
  return { s, dlv, debuggee, important: important.join('') };
}

describe('faults: dlv dies', () => {
  test('dlv SIGKILLed while the program runs: the client is told why with its last output, the program is ended', async () => {
    const { s, dlv, debuggee, important } = await killWhileRunning((pids) => process.kill(pids.dlv, 'SIGKILL'));
    assert.match(important, /^Delve exited unexpectedly \(killed by SIGKILL\)\. The program it was debugging \(pid \d+\) was ended\.\n$/);
    await s.waitForOutput(/Delve exited unexpectedly \(killed by SIGKILL\)[^\n]*\n(Delve's last output:\n|Delve printed nothing)/);
    // The program would live on under init; it is ended by the pid recorded while dlv lived.
    await waitGone([dlv, debuggee], 5_000);
    assert.match(await failsWithin(s, 'threads', {}, 1_000), /Delve exited unexpectedly/);
    assert.match(await failsWithin(s, 'goProfile.capture', { kind: 'heap' }, 1_000), /Delve exited unexpectedly/);
    current.session = undefined;
    await s.close();
    assert.equal(s.stderr(), '');
  });

  test('dlv and its program die together: the client is still told which program it was', async () => {
    // Seen in CI: the program was gone (its executable unreadable) by the time dlv's death was
    // noticed, and the message left it out.
    const { s, dlv, debuggee, important } = await killWhileRunning((pids) => {
      process.kill(pids.dlv, 'SIGKILL');
      process.kill(pids.debuggee, 'SIGKILL');
    });
    assert.equal(important, `Delve exited unexpectedly (killed by SIGKILL). The program it was debugging (pid ${debuggee}) was ended.\n`);
    await waitGone([dlv, debuggee], 5_000);
    current.session = undefined;
    await s.close();
  });

  test('dlv SIGKILLed at a stop: the stop\'s pending requests fail at once and nothing is left', async () => {
    const { s, dlv, debuggee } = await stoppedSession();
    const terminated = s.client.waitForEvent('terminated', 10_000);
    process.kill(dlv, 'SIGKILL');
    await terminated;
    await waitGone([dlv, debuggee], 5_000);
    assert.match(await failsWithin(s, 'stackTrace', { threadId: 1 }, 1_000), /Delve exited unexpectedly \(killed by SIGKILL\)/);
    current.session = undefined;
    await s.close();
  });
});

describe('faults: requests that would make dlv die', () => {
  for (const [what, args, expected] of [
    ['a fractional threadId', { kind: 'heap', threadId: 1.5 }, /threadId must be a positive integer/],
    ['a threadId that is a string', { kind: 'goroutine', threadId: '1' }, /threadId must be a positive integer/],
    ['a huge threadId', { kind: 'heap', threadId: 2 ** 64 }, /threadId must be a positive integer/],
    ['seconds out of range', { kind: 'cpu', seconds: 1e9 }, /seconds must be between/],
    ['seconds that are not a number', { kind: 'cpu', seconds: 'ten' }, /seconds must be between/],
  ] as const) {
    test(`goProfile.capture with ${what} is refused and the session goes on`, async () => {
      const { s, dlv, debuggee, threadId } = await stoppedSession();
      assert.match(await failsWithin(s, 'goProfile.capture', args, 5_000), expected);
      const frames = await s.client.stackTraceRequest({ threadId, startFrame: 0, levels: 1 });
      assert.ok(frames.body.stackFrames.length > 0, 'dlv still answers');
      current.session = undefined;
    await s.close();
      await waitGone([dlv, debuggee], 5_000);
    });
  }

  test('goProfile.trace with a fractional threadId is refused and the session goes on', async () => {
    const { s, threadId } = await stoppedSession();
    assert.match(await failsWithin(s, 'goProfile.trace', { threadId: 0.5 }, 5_000), /threadId must be a positive integer/);
    const frames = await s.client.stackTraceRequest({ threadId, startFrame: 0, levels: 1 });
    assert.ok(frames.body.stackFrames.length > 0, 'dlv still answers');
    current.session = undefined;
    await s.close();
  });
});
