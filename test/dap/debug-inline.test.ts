// The adapter as VS Code runs it: inline, in the extension host's process, one GoDlvSession
// per debug session, spoken to with handleMessage and heard through onDidSendMessage. The
// session object outlives its end there, and VS Code still sends requests to it: after
// Shift+F5 it asks for the rest of the stack and the scopes of the stop just left. Those fail
// without a toast (body.error.showUser false); in CI a toast "No Go program is being
// debugged" appeared after the user had only stopped the session.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { GoDlvSession } from '../../src/debug/session';
import { Watchdog } from '../../src/debug/watchdog';
import { processTree } from '../../src/debug/processTree';
import { ADAPTER, commandOf, DEBUG_FIXTURE, lineOf, MAIN_GO, toolEnv, waitGone, withTimeout } from './harness';

/** One inline session and the messages it sent, in order. */
function inlineSession(): { request(command: string, args?: object): Promise<DebugProtocol.Response>; event(name: string): Promise<DebugProtocol.Event> } {
  const session = new GoDlvSession(new Watchdog(ADAPTER));
  const sent: DebugProtocol.ProtocolMessage[] = [];
  const waiters: (() => void)[] = [];
  session.onDidSendMessage((m) => {
    sent.push(m as DebugProtocol.ProtocolMessage);
    waiters.splice(0).forEach((w) => w());
  });
  const first = async <T extends DebugProtocol.ProtocolMessage>(what: string, match: (m: DebugProtocol.ProtocolMessage) => boolean): Promise<T> => {
    const found = (): T | undefined => sent.find(match) as T | undefined;
    const wait = (async () => {
      while (!found()) {
        await new Promise<void>((done) => waiters.push(done));
      }
      return found()!;
    })();
    return withTimeout(wait, 30_000, what);
  };
  let seq = 0;
  return {
    request(command, args = {}) {
      const request: DebugProtocol.Request = { seq: ++seq, type: 'request', command, arguments: args };
      session.handleMessage(request);
      return first(`${command} response`, (m) => m.type === 'response' && (m as DebugProtocol.Response).request_seq === request.seq);
    },
    event: (name) => first(`${name} event`, (m) => m.type === 'event' && (m as DebugProtocol.Event).event === name),
  };
}

describe('go-dlv inline, as in VS Code', () => {
  test('requests VS Code sends after Shift+F5 fail quietly, and dlv and the program are gone', async () => {
    process.env.PATH = toolEnv().PATH;
    const s = inlineSession();
    await s.request('initialize', { adapterID: 'go-dlv', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true });
    const launched = s.request('launch', { program: DEBUG_FIXTURE, args: ['wait'] });
    await s.event('initialized');
    await s.request('setBreakpoints', { source: { path: MAIN_GO }, breakpoints: [{ line: lineOf(MAIN_GO, 'tick') }] });
    await s.request('configurationDone');
    assert.ok((await launched).success, 'launch');
    const stop = (await s.event('stopped')) as DebugProtocol.StoppedEvent;
    const threadId = stop.body.threadId!;
    const trace = await s.request('stackTrace', { threadId, startFrame: 0, levels: 1 });
    assert.ok(trace.success, 'the top frame while the session runs');
    const frameId = (trace.body as DebugProtocol.StackTraceResponse['body']).stackFrames[0].id;
    const started = processTree([process.pid]).filter((p) => /\bdlv dap\b|__debug_bin\S* wait/.test(commandOf(p)));
    assert.equal(started.length, 2, `dlv and the program: ${started.map(commandOf).join('; ')}`);

    assert.ok((await s.request('disconnect', { restart: false })).success, 'disconnect');
    const late = await Promise.all([s.request('stackTrace', { threadId, startFrame: 1, levels: 19 }), s.request('scopes', { frameId })]);
    for (const response of late) {
      assert.equal(response.success, false, `${response.command} after the session ended`);
      assert.equal(response.message, 'The debug session has ended.');
      assert.equal((response.body as { error?: DebugProtocol.Message }).error?.showUser, false, `${response.command}: VS Code must not show it`);
    }
    await waitGone(started, 10_000);
  });
});
