// Fault injection, the client's side of the standalone adapter: raw bytes on its stdin that
// are not DAP. What can be answered is answered, what cannot is logged in one line on stderr,
// and a stream that cannot be read on ends the adapter (and dlv and the program) with a
// non-zero exit code and one line, without buffering what the header declared.
import { afterEach, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { DapFrameReader } from '../../src/debug/dapFrames';
import { processTree } from '../../src/debug/processTree';
import { ADAPTER, commandOf, DEBUG_FIXTURE, toolEnv, waitGone, withTimeout } from './harness';

interface Raw {
  adapter: ChildProcess;
  tmp: string;
  messages: DebugProtocol.ProtocolMessage[];
  stderr(): string;
  write(bytes: string | Buffer): void;
  request(seq: number, command: string, args?: object): void;
  response(seq: number, ms?: number): Promise<DebugProtocol.Response>;
  exit(ms?: number): Promise<number | null>;
}

const started: Raw[] = [];

afterEach(() => {
  for (const raw of started.splice(0)) {
    raw.adapter.kill('SIGKILL');
    rmSync(raw.tmp, { recursive: true, force: true });
  }
});

/** `node out/debug/adapter.js` with a private temp dir, spoken to in raw bytes. */
function rawAdapter(): Raw {
  const tmp = mkdtempSync(join(tmpdir(), 'godlv-frames-'));
  const adapter = spawn(process.execPath, [ADAPTER], { env: toolEnv({ TMPDIR: tmp }), stdio: ['pipe', 'pipe', 'pipe'] });
  adapter.stdin!.on('error', () => undefined);
  const messages: DebugProtocol.ProtocolMessage[] = [];
  const reader = new DapFrameReader();
  const waiters: (() => void)[] = [];
  adapter.stdout!.on('data', (chunk: Buffer) => {
    reader.push(chunk, { message: (m) => messages.push(m), unreadable: (reason) => assert.fail(`the adapter wrote something unreadable: ${reason}`) });
    waiters.splice(0).forEach((w) => w());
  });
  let stderr = '';
  adapter.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => adapter.once('exit', (code) => done(code)));
  const raw: Raw = {
    adapter,
    tmp,
    messages,
    stderr: () => stderr,
    write: (bytes) => adapter.stdin!.write(bytes),
    request(seq, command, args = {}) {
      const json = JSON.stringify({ seq, type: 'request', command, arguments: args });
      adapter.stdin!.write(`Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
    },
    async response(seq, ms = 5_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = messages.find((m) => m.type === 'response' && (m as DebugProtocol.Response).request_seq === seq);
        if (found) {
          return found as DebugProtocol.Response;
        }
        if (Date.now() > deadline) {
          throw new Error(`no response to request ${seq}; stderr: ${stderr}`);
        }
        await new Promise<void>((done) => {
          waiters.push(done);
          setTimeout(done, 50);
        });
      }
    },
    exit: (ms = 10_000) => withTimeout(exited, ms, 'the adapter exits'),
  };
  started.push(raw);
  return raw;
}

const INITIALIZE = { adapterID: 'go-dlv', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true };

describe('faults: malformed DAP from the client', () => {
  test('a body that is not JSON is logged in one line and the next message is answered', async () => {
    const raw = rawAdapter();
    raw.write('Content-Length: 11\r\n\r\nhello world');
    raw.request(1, 'initialize', INITIALIZE);
    assert.equal((await raw.response(1)).success, true);
    assert.match(raw.stderr(), /^go-dlv adapter: a DAP message is not JSON \([^\n]*\): "hello world"\n$/);
    raw.adapter.stdin!.end();
    assert.equal(await raw.exit(), 0);
  });

  test('Content-Length: abc does not leave the reader deaf: the next message is answered', async () => {
    const raw = rawAdapter();
    raw.write('Content-Length: abc\r\n\r\n{"seq":1,"type":"request","command":"threads"}');
    raw.request(2, 'initialize', INITIALIZE);
    assert.equal((await raw.response(2)).success, true);
    raw.request(3, 'threads');
    assert.match((await raw.response(3)).message ?? '', /No Go program is being debugged/);
    assert.match(raw.stderr(), /^go-dlv adapter: skipped a DAP message with a bad length \("Content-Length: abc"\)\n$/);
    raw.adapter.stdin!.end();
    assert.equal(await raw.exit(), 0);
  });

  test('a request whose arguments are not an object is answered with a failure', async () => {
    const raw = rawAdapter();
    const json = '{"seq":7,"type":"request","command":"launch","arguments":5}';
    raw.write(`Content-Length: ${json.length}\r\n\r\n${json}`);
    const response = await raw.response(7);
    assert.equal(response.success, false);
    assert.match(response.message ?? '', /could not read this request: a DAP message has arguments that are not an object \(launch\)/);
    raw.adapter.stdin!.end();
    assert.equal(await raw.exit(), 0);
    assert.deepEqual(readdirSync(raw.tmp), []);
  });

  test('a header that never ends stops the adapter with exit 1 and one line', async () => {
    const raw = rawAdapter();
    raw.write(`Content-Length: 10\r\nX-Junk: ${'x'.repeat(10_000)}`);
    assert.equal(await raw.exit(), 1);
    assert.match(raw.stderr(), /^go-dlv adapter: no DAP header end within 8192 bytes; stopping\.\n$/);
  });

  test('a declared length of 2^40 during a debug session: refused before buffering; adapter, dlv and program end, exit 1', async () => {
    const raw = rawAdapter();
    raw.request(1, 'initialize', INITIALIZE);
    await raw.response(1);
    raw.request(2, 'launch', { program: DEBUG_FIXTURE, args: ['wait'], stopOnEntry: true });
    await raw.response(2, 60_000);
    const tree = descendantsOf(raw.adapter.pid!);
    assert.ok(tree.some((p) => /\bdlv dap\b/.test(commandOf(p))) && tree.some((p) => /__debug_bin/.test(commandOf(p))), tree.map(commandOf).join('; '));
    raw.write(`Content-Length: ${2 ** 40}\r\n\r\n`);
    raw.write(Buffer.alloc(1 << 20, 0x7b));
    assert.equal(await raw.exit(), 1);
    assert.match(raw.stderr(), /^go-dlv adapter: a DAP message of 1099511627776 bytes is over the 67108864-byte limit; stopping\.\n$/);
    const said = raw.messages.filter((m) => m.type === 'event' && (m as DebugProtocol.Event).event === 'output').map((m) => (m as DebugProtocol.OutputEvent).body.output);
    assert.ok(said.some((o) => /The go-dlv adapter stopped: a DAP message of 1099511627776 bytes/.test(o)), said.join(''));
    await waitGone(tree, 5_000);
    assert.deepEqual(readdirSync(raw.tmp), [], 'the session left nothing in its temp dir');
  });
});

function descendantsOf(pid: number): number[] {
  return processTree([pid]).filter((p) => p !== pid);
}
