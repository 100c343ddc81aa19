// CPU for N seconds through the adapter (real dlv) when the stop that ends it early is one
// where Delve cannot run the helper: test/fixtures/markdownsite, copied with the page made
// before the buffer, which leaves the Convert line's breakpoint an unsafe point for calls.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { ROOT, closeAfterEach, startAdapter, startDebugging, withTimeout } from './harness';

const current = closeAfterEach();

test('a timed CPU capture (and trace) ended at an unsafe stop answers there and ends at the next usable stop', { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'capture-unsafe-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(ROOT, 'test', 'fixtures', 'markdownsite'), dir, { recursive: true });
  const file = join(dir, 'main.go');
  const original = readFileSync(file, 'utf8');
  const source = original.replace('\t\tvar out bytes.Buffer\n\t\tsrc := page(i)\n', '\t\tsrc := page(i)\n\t\tvar out bytes.Buffer\n');
  assert.notEqual(source, original, 'the markdownsite loop changed: plant the unsafe stop anew');
  writeFileSync(file, source);
  const line = source.split('\n').findIndex((l) => l.includes('if err := md.Convert(src, &out)')) + 1;
  current.profileDir = mkdtempSync(join(tmpdir(), 'capture-unsafe-profiles-'));
  const s = startAdapter();
  current.session = s;
  const captured: { kind: string; path: string }[] = [];
  s.client.on('goProfile.captured', (e: DebugProtocol.Event) => captured.push(e.body as { kind: string; path: string }));
  await startDebugging(s.client, 'launch', { program: dir, cwd: dir, profileDir: current.profileDir }, { [file]: [{ line }] });
  const { threadId } = await s.nextStop(120_000);
  const capture = (args: Record<string, unknown>): Promise<string> =>
    s.client.customRequest('goProfile.capture', { ...args, threadId: threadId! }).then((r) => `answered ${JSON.stringify(r.body)}`, (e: Error) => e.message);

  // Refused where it would start.
  assert.match(await capture({ kind: 'cpu', seconds: 3 }), /^Delve cannot run the profiling helper .* Step once and capture again\.$/);
  // One step on it starts; the breakpoint comes back within the 3 s, at the unsafe instruction.
  await s.resume('next', threadId!);
  const started = Date.now();
  const answer = capture({ kind: 'cpu', seconds: 3 });
  const stop = await s.nextStop(30_000);
  assert.equal(stop.reason, 'breakpoint');
  assert.match(await withTimeout(answer, 15_000, 'the timed capture never answered'), /^The CPU profile keeps recording: Delve cannot run the profiling helper .*not a safe point.* It ends at the next stop where Delve can run the helper \(step once\)\.$/);
  assert.ok(Date.now() - started < 10_000, `answered after ${Date.now() - started} ms`);
  assert.equal(captured.length, 0, JSON.stringify(captured));
  // The next stop where the helper runs ends the recording, just after the client sees it; the session goes on.
  const profiled = new Promise<void>((done) => s.client.once('goProfile.captured', () => done()));
  await s.resume('next', threadId!);
  await withTimeout(profiled, 15_000, 'the recording never ended');
  assert.equal(captured.length, 1, JSON.stringify(captured));
  assert.equal(captured[0].kind, 'cpu');
  assert.ok(existsSync(captured[0].path));
  assert.match(await capture({ kind: 'heap' }), /^answered \{"path":/);

  // A timed trace the breakpoint ends early answers there the same way.
  const traced: unknown[] = [];
  s.client.on('goProfile.traced', (e: DebugProtocol.Event) => traced.push(e.body));
  const trace = s.client.customRequest('goProfile.trace', { seconds: 3, threadId: threadId! }).then((r) => `answered ${JSON.stringify(r.body)}`, (e: Error) => e.message);
  assert.equal((await s.nextStop(30_000)).reason, 'breakpoint');
  assert.match(await withTimeout(trace, 15_000, 'the timed trace never answered'), /^The trace keeps running: Delve cannot run the profiling helper .*not a safe point.* \(step once\)\.$/);
  await s.resume('next', threadId!);
  assert.equal(traced.length, 1, 'the trace ends at the next usable stop');
});
