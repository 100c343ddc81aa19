// Fault injection, captures: links planted at the next capture's names, profile folders that
// are links, someone else's or world-writable, twenty captures at once, and the adapter
// SIGKILLed during a CPU recording. Real dlv, real Go program (test/fixtures/debug `wait`).
// Each test checks the message, that nothing outside the profile folder was touched, and that
// no process or temp file is left.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { profileFileName } from '../../src/capture/naming';
import { AdapterSession, closeAfterEach, commandOf, DEBUG_FIXTURE, lineOf, MAIN_GO, startAdapter, startDebugging, toolEnv, waitGone } from './harness';

const current = closeAfterEach();
const TICK = lineOf(MAIN_GO, 'tick');

/** A temp dir of the test's own: `profiles` (0700) inside it, and a `victim` file beside it. */
function scratch(): { root: string; profiles: string; victim: string } {
  const root = mkdtempSync(join(tmpdir(), 'godlv-faults-capture-'));
  current.profileDir = root;
  const profiles = join(root, 'profiles');
  mkdirSync(profiles, { mode: 0o700 });
  const victim = join(root, 'victim');
  writeFileSync(victim, 'precious\n');
  return { root, profiles, victim };
}

async function stopped(profileDir: string | undefined, env = toolEnv()): Promise<{ s: AdapterSession; threadId: number; pids: number[] }> {
  const s = startAdapter(env, { isolateTmp: true });
  current.session = s;
  await startDebugging(s.client, 'launch', { program: DEBUG_FIXTURE, args: ['wait'], ...(profileDir ? { profileDir } : {}) }, { [MAIN_GO]: [{ line: TICK }] });
  const stop = await s.nextStop(60_000);
  return { s, threadId: stop.threadId!, pids: s.descendants() };
}

function capture(s: AdapterSession, args: Record<string, unknown>): Promise<{ path?: string; recording?: boolean }> {
  return s.client.customRequest('goProfile.capture', args).then((r) => r.body as { path?: string; recording?: boolean });
}

function refusal(s: AdapterSession, args: Record<string, unknown>): Promise<string> {
  return capture(s, args).then(() => assert.fail('the capture must be refused'), (err: Error) => err.message);
}

/** go tool pprof reads the file: the oracle that it is a whole profile. */
function pprofReads(path: string): void {
  execFileSync('go', ['tool', 'pprof', '-top', path], { env: toolEnv(), stdio: 'pipe' });
}

async function end(s: AdapterSession): Promise<void> {
  current.session = undefined;
  await s.close();
}

describe('faults: captures and the files they write', { timeout: 240_000 }, () => {
  test('links planted at the next names (and their .part) are neither followed nor replaced', async () => {
    const { root, profiles, victim } = scratch();
    const { s, threadId } = await stopped(profiles);
    // Every name a heap or CPU capture at this stop could take in the next 20 seconds.
    const empty = mkdtempSync(join(root, 'names-'));
    for (let t = 0; t < 20; t++) {
      for (const kind of ['heap', 'cpu'] as const) {
        const name = basename(profileFileName(empty, kind, `main.tick:${TICK}`, new Date(Date.now() + t * 1000)));
        for (const n of [name, `${name}.part`]) {
          try {
            symlinkSync(kind === 'heap' ? victim : join(root, `dangling-${n}`), join(profiles, n));
          } catch {
            // Planted already for this second.
          }
        }
      }
    }
    rmSync(empty, { recursive: true });
    const heap = await capture(s, { kind: 'heap', threadId });
    assert.ok(heap.path && heap.path.startsWith(`${profiles}/`) && lstatSync(heap.path).isFile(), heap.path);
    pprofReads(heap.path);
    assert.deepEqual(await capture(s, { kind: 'cpu', threadId }), { recording: true });
    const captured = new Promise<{ path: string }>((done) => s.client.once('goProfile.captured', (e) => done(e.body as { path: string })));
    await s.resume('continue', threadId);
    const cpu = await captured;
    assert.ok(lstatSync(cpu.path).isFile(), cpu.path);
    pprofReads(cpu.path);
    assert.equal(readFileSync(victim, 'utf8'), 'precious\n', 'the file a link points at is untouched');
    assert.deepEqual(readdirSync(root).sort(), ['profiles', 'victim'], 'nothing was created beside the profile folder (no dangling target came to life)');
    await end(s);
  });

  test('a profileDir that is a link, someone else\'s or world-writable is refused, and nothing is written', async () => {
    const { root, profiles } = scratch();
    const link = join(root, 'link');
    symlinkSync(profiles, link);
    const { s, threadId } = await stopped(link);
    assert.match(await refusal(s, { kind: 'heap', threadId }), /^The profile folder .*\/link is a symbolic link: no profile is written there\. Choose a folder of your own with "profileDir"\.$/);
    await end(s);
    chmodSync(profiles, 0o777);
    const open = await stopped(profiles);
    assert.match(await refusal(open.s, { kind: 'heap', threadId: open.threadId }), /profiles is writable by every user/);
    await end(open.s);
    if (process.getuid?.() === 0) {
      chmodSync(profiles, 0o700);
      chownSync(profiles, 65534, 65534);
      const theirs = await stopped(profiles);
      assert.match(await refusal(theirs.s, { kind: 'goroutine', threadId: theirs.threadId }), /profiles belongs to another user \(uid 65534\)/);
      await end(theirs.s);
    }
    assert.deepEqual(readdirSync(profiles), []);
  });

  test('without profileDir captures go to a private per-user folder (0700), not /tmp/go-profiles', async () => {
    const { root } = scratch();
    const gocache = execFileSync('go', ['env', 'GOCACHE'], { encoding: 'utf8' }).trim();
    const { s, threadId } = await stopped(undefined, toolEnv({ XDG_CACHE_HOME: root, GOCACHE: gocache }));
    const { path } = await capture(s, { kind: 'goroutine', threadId });
    const folder = join(root, 'go-debug-profile', 'profiles');
    assert.ok(path?.startsWith(`${folder}/`), path);
    assert.equal(statSync(folder).mode & 0o777, 0o700);
    await end(s);
  });

  test('twenty heap captures at once: one is written, nineteen are refused and touch nothing', async () => {
    const { profiles } = scratch();
    const { s, threadId } = await stopped(profiles);
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => capture(s, { kind: 'heap', threadId }).then((b) => b.path!, (err: Error) => err)));
    const written = outcomes.filter((o): o is string => typeof o === 'string');
    const refused = outcomes.filter((o): o is Error => o instanceof Error);
    assert.equal(written.length, 1, outcomes.join('; '));
    assert.equal(refused.length, 19);
    refused.forEach((e) => assert.equal(e.message, 'Another capture is still in progress: wait for it to finish.'));
    assert.deepEqual(readdirSync(profiles), [basename(written[0])]);
    pprofReads(written[0]);
    // The next one, after the first finished, gets a name of its own.
    const next = await capture(s, { kind: 'heap', threadId });
    assert.notEqual(next.path, written[0]);
    await end(s);
  });

  test('twenty CPU captures at once: one records, nineteen are refused and do not delete its file', async () => {
    const { profiles } = scratch();
    const { s, threadId } = await stopped(profiles);
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => capture(s, { kind: 'cpu', threadId }).then((b) => b, (err: Error) => err)));
    assert.equal(outcomes.filter((o) => !(o instanceof Error)).length, 1);
    const parts = readdirSync(profiles);
    assert.equal(parts.length, 1, parts.join(', '));
    assert.match(parts[0], /^cpu_.*\.pb\.gz\.part$/);
    const captured = new Promise<{ path: string }>((done) => s.client.once('goProfile.captured', (e) => done(e.body as { path: string })));
    await s.resume('continue', threadId);
    const { path } = await captured;
    pprofReads(path);
    assert.deepEqual(readdirSync(profiles), [basename(path)]);
    await end(s);
  });

  test('the adapter SIGKILLed during a CPU recording: the watchdog removes the .part, dlv and the program are gone', async () => {
    const { profiles } = scratch();
    const { s, threadId, pids } = await stopped(profiles);
    assert.deepEqual(await capture(s, { kind: 'cpu', threadId }), { recording: true });
    assert.equal(readdirSync(profiles).filter((n) => n.endsWith('.part')).length, 1);
    const all = s.descendants();
    assert.ok(all.some((p) => /__debug_bin/.test(commandOf(p))));
    s.adapter.kill('SIGKILL');
    await waitGone([...pids, ...all], 10_000);
    assert.deepEqual(readdirSync(profiles), [], 'no .part is left');
    assert.deepEqual(s.leftovers(), []);
    await end(s);
  });
});
