// The session side of Delve scripts against a recording stand-in for dlv: which client requests
// it takes, and what happens when the initScript cannot be read.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { DelveScripts } from '../../src/debug/script/delveScripts';
import type { ScriptHost } from '../../src/debug/script/host';

function setUp(): { scripts: DelveScripts; requests: string[]; output: string[] } {
  const requests: string[] = [];
  const output: string[] = [];
  const host: ScriptHost = {
    request: async (command) => {
      requests.push(command);
      return {};
    },
    sendEvent: () => undefined,
    output: (text, category) => output.push(`${category}: ${text}`),
    capture: async () => ({}),
  };
  return { scripts: new DelveScripts(host), requests, output };
}

function request(command: string, args: object = {}): DebugProtocol.Request {
  return { seq: 1, type: 'request', command, arguments: args };
}

function answer(scripts: DelveScripts, r: DebugProtocol.Request): Promise<{ body?: unknown; message?: string } | 'passed on'> {
  return new Promise((resolve) => {
    if (!scripts.handleRequest(r, resolve)) {
      resolve('passed on');
    }
  });
}

test('without an initScript the session passes every standard request on', async () => {
  const { scripts, requests } = setUp();
  assert.equal(await answer(scripts, request('launch', { program: '.' })), 'passed on');
  assert.equal(await answer(scripts, request('setBreakpoints', { source: { path: '/p/main.go' }, breakpoints: [{ line: 3 }] })), 'passed on');
  assert.equal(await answer(scripts, request('setFunctionBreakpoints', { breakpoints: [] })), 'passed on');
  assert.equal(await answer(scripts, request('configurationDone')), 'passed on');
  assert.equal(await answer(scripts, request('continue', { threadId: 1 })), 'passed on');
  assert.deepEqual(requests, []);
});

test('an initScript that cannot be read is reported and the program runs without it', async () => {
  const { scripts, requests, output } = setUp();
  const cwd = tmpdir();
  await answer(scripts, request('launch', { program: '.', cwd, initScript: 'no-such-script.dlv' }));
  assert.deepEqual(await answer(scripts, request('configurationDone')), { body: {} });
  assert.deepEqual(requests, ['configurationDone']);
  assert.deepEqual(output, [`stderr: initScript ${join(cwd, 'no-such-script.dlv')}: no such file; the program runs without it.\n`]);
});

test('Run Delve Script needs a started program and the script text', async () => {
  const { scripts } = setUp();
  assert.deepEqual(await answer(scripts, request('goDlv.runScript', { text: 'print x' })), { message: 'The program has not started yet.' });
  assert.deepEqual(await answer(scripts, request('goDlv.runScript', {})), { message: 'goDlv.runScript needs the script text.' });
});
