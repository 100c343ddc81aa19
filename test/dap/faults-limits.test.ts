// Fault injection, the smaller ones: a program with more goroutines than Delve lists, a
// capture after the program exited, and requests to the trace viewer's proxy that name another
// host (DNS rebinding). Real dlv on a Go program this test writes; the real proxy.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTraceViewerProxy } from '../../src/traces/traceViewerProxy';
import { closeAfterEach, DEBUG_FIXTURE, startAdapter, startDebugging, toolEnv } from './harness';

const current = closeAfterEach();
const GOROUTINES = 3000;

const MANY = `package main

import "sync"

func main() {
	var wg sync.WaitGroup
	block := make(chan struct{})
	for i := 0; i < ${GOROUTINES}; i++ {
		wg.Add(1)
		go func() {
			wg.Done()
			<-block
		}()
	}
	wg.Wait()
	println("all parked") // BP
	close(block)
}
`;

describe('faults: limits and leftovers', { timeout: 240_000 }, () => {
  test(`${GOROUTINES} goroutines: the capture says plainly how many of how many it shows`, async () => {
    const root = mkdtempSync(join(tmpdir(), 'godlv-many-'));
    current.profileDir = root;
    const program = join(root, 'many');
    mkdirSync(program);
    writeFileSync(join(program, 'go.mod'), 'module many\n\ngo 1.22\n');
    writeFileSync(join(program, 'main.go'), MANY);
    const profiles = join(root, 'profiles');
    const s = startAdapter(toolEnv(), { isolateTmp: true });
    current.session = s;
    const line = MANY.split('\n').findIndex((l) => l.includes('// BP')) + 1;
    await startDebugging(s.client, 'launch', { program, profileDir: profiles }, { [join(program, 'main.go')]: [{ line }] });
    const stop = await s.nextStop(60_000);
    const response = await s.client.customRequest('goProfile.capture', { kind: 'goroutine', threadId: stop.threadId });
    const body = response.body as { path: string; message?: string };
    const m = /^Delve lists at most 1024 goroutines: this profile shows (\d+) of up to (\d+) \(the runtime's goroutine records, exited ones included\)\.$/.exec(body.message ?? '');
    assert.ok(m, body.message);
    const [shown, records] = [Number(m[1]), Number(m[2])];
    assert.ok(shown <= 1024 && records >= GOROUTINES, `${shown} of ${records}`);
    await s.waitForOutput(/Delve lists at most 1024 goroutines: this profile shows/);
    // go tool pprof is the oracle: the profile counts exactly the goroutines it says it shows, and carries the note.
    const top = execFileSync('go', ['tool', 'pprof', '-raw', body.path], { env: toolEnv(), encoding: 'utf8' });
    assert.match(top, /Delve lists at most 1024 goroutines: this profile shows/);
    const counted = [...top.split('Locations')[0].matchAll(/^\s+(\d+): /gm)].reduce((sum, c) => sum + Number(c[1]), 0);
    assert.equal(counted, shown);
    assert.deepEqual(readdirSync(profiles).length, 1);
  });

  test('a capture after the program exited says it exited, not that it is running', async () => {
    const s = startAdapter(toolEnv(), { isolateTmp: true });
    current.session = s;
    current.profileDir = mkdtempSync(join(tmpdir(), 'godlv-exited-'));
    const exited = s.client.waitForEvent('exited', 60_000);
    await startDebugging(s.client, 'launch', { program: DEBUG_FIXTURE, profileDir: current.profileDir });
    await exited;
    for (const kind of ['goroutine', 'heap']) {
      const outcome = await s.client.customRequest('goProfile.capture', { kind }).then(() => undefined, (err: Error) => err.message);
      assert.equal(outcome, 'The program has exited: there is nothing left to capture. Start a new debug session to capture again.');
    }
    assert.deepEqual(readdirSync(current.profileDir), []);
  });

  test('the trace viewer proxy refuses a Host or Origin that is not its own (DNS rebinding)', async () => {
    const upstream = createServer((_req, res) => res.end('viewer page'));
    await new Promise<void>((done) => upstream.listen(0, '127.0.0.1', done));
    const proxy = await startTraceViewerProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
    const port = new URL(proxy.url).port;
    const get = (headers: Record<string, string>): Promise<{ status: number; body: string }> =>
      new Promise((done, fail) => {
        const req = request({ host: '127.0.0.1', port, path: '/', headers }, (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => done({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', fail);
        req.end();
      });
    try {
      assert.deepEqual(await get({ host: `127.0.0.1:${port}` }), { status: 200, body: 'viewer page' });
      assert.deepEqual(await get({ host: `localhost:${port}`, origin: `http://localhost:${port}` }), { status: 200, body: 'viewer page' });
      const refused = { status: 403, body: 'Refused: this trace viewer answers only requests for its own address.' };
      assert.deepEqual(await get({ host: `attacker.example:${port}` }), refused);
      assert.deepEqual(await get({ host: `127.0.0.1:${port}`, origin: 'http://attacker.example' }), refused);
      assert.deepEqual(await get({ host: `127.0.0.1:${port}`, origin: 'null' }), refused);
      // The host the editor reaches it through (code-server on another name) is let in once given.
      assert.deepEqual(await get({ host: 'editor.example:8080' }), refused);
      proxy.setPrefix('/proxy/1/', 'editor.example:8080');
      assert.equal((await get({ host: 'editor.example:8080', origin: 'https://editor.example:8080' })).status, 200);
    } finally {
      await proxy.close();
      upstream.close();
    }
  });
});
