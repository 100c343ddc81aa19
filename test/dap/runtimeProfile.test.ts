// Heap, allocs, block and mutex read from the runtime's profile buckets through real dlv, in
// exec, local attach, remote (headless) attach and core sessions: each must print the same
// `go tool pprof -top` as the profile the program wrote itself right before that stop.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DapRequester, RUNTIME_PROFILE_KINDS, readRuntimeProfile } from '../../src/capture/runtimeProfile';
import { parseExamine } from '../../src/capture/runtimeProfile/targetMemory';
import { hostTicks } from '../../src/capture/runtimeProfile/hostTicks';
import { tickRate } from '../../src/capture/runtimeProfile/profiles';
import { encodeProfileFile } from '../../src/capture/profileBytes';
import { CaptureResult } from '../../src/capture/api';
import { captureFixtures } from './capture-dlv';
import { Stopped, Target, attachLocalSession, attachRemoteSession, coreSession, execSession } from './runtimeProfile-sessions';

const SAMPLE_TYPES: Record<string, string[]> = {
  heap: ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'],
  allocs: ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'],
  block: ['contentions', 'delay'],
  mutex: ['contentions', 'delay'],
};

let work: string;
let target: Target;
let publicTarget: Target;

/** Builds a fixture program; the public-module one fetches goldmark from the Go module proxy. */
function build(dir: string, pkg: string, name: string): Target {
  const binary = join(work, name);
  execFileSync('go', ['build', '-o', binary, pkg], { cwd: dir, stdio: 'inherit' });
  return { binary, source: join(dir, pkg, 'main.go'), outDir: '' };
}

before(() => {
  work = mkdtempSync(join(tmpdir(), 'runtime-profile-test-'));
  target = build(captureFixtures, './buckets', 'buckets');
  publicTarget = build(join(captureFixtures, '..', 'publicmodule'), '.', 'publicmodule');
});

after(() => rmSync(work, { recursive: true, force: true }));

/** `go tool pprof -top` rows and totals for one sample type, in plain units, without the header. */
export function pprofTop(path: string, sampleIndex: string, keepRuntimeLocks = false): string {
  // The runtime records contention on its own internal locks (at runtime.unlock, or as
  // _LostContendedRuntimeLock) whenever it happens, also between the program's write and the
  // stop: the comparison leaves such samples out of both sides. Everything the program's code
  // contended on stays.
  const runtimeLocks = !keepRuntimeLocks && (sampleIndex === 'contentions' || sampleIndex === 'delay') ? ['-ignore=^runtime\\.(unlock|unlockWithRank|_LostContendedRuntimeLock)$'] : [];
  const out = execFileSync('go', ['tool', 'pprof', '-top', '-nodecount=100000', '-nodefraction=0', '-edgefraction=0', ...runtimeLocks, `-sample_index=${sampleIndex}`, '-unit=' + (sampleIndex === 'delay' ? 'ns' : 'minimum'), path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = out.split('\n');
  return lines.slice(lines.findIndex((l) => l.startsWith('Showing nodes'))).join('\n');
}

/**
 * Reads the four profiles at the current stop into `${kind}.read.pb.gz` beside the program's.
 * `local`: the program runs on this machine, so its tick rate is this machine's (as the
 * controller does for local sessions).
 */
async function captureAll(name: string, stopped: Stopped, outDir: string, local = false): Promise<void> {
  for (const kind of RUNTIME_PROFILE_KINDS) {
    const read = await readRuntimeProfile(stopped.dlv, kind, local ? hostTicks() : undefined);
    assert.ok(read.buckets > 0, `${name}: no ${kind} buckets`);
    writeFileSync(join(outDir, `${kind}.read.pb.gz`), encodeProfileFile(read.profile));
  }
}

/** The total pprof prints for a sample type (`... of 1234 total`, in plain units). */
function pprofTotal(top: string): number {
  return Number(/of (\d+)\w* total/.exec(top)?.[1]);
}

/** The functions of pprof's rows, in its order. */
function pprofNames(top: string): string[] {
  return top.split('\n').slice(2).map((l) => l.trim().split(/\s+/).slice(5).join(' ')).filter(Boolean);
}

/**
 * `estimatedDelay`: the program had not measured its tick rate at the stop (it does when it
 * writes), so delays may differ by the estimate's error; everything else must be equal.
 */
function compareAll(name: string, outDir: string, estimatedDelay = false, estimateHolds = true): void {
  for (const kind of RUNTIME_PROFILE_KINDS) {
    for (const sampleType of SAMPLE_TYPES[kind]) {
      const want = pprofTop(join(outDir, `${kind}.pb.gz`), sampleType);
      const got = pprofTop(join(outDir, `${kind}.read.pb.gz`), sampleType);
      // Whether there is anything to compare is asked of the whole profile: a program whose only
      // contention is the runtime's own (goldmark's) still has its other kinds compared row by row.
      assert.ok(/\n\s+\d/.test(pprofTop(join(outDir, `${kind}.pb.gz`), sampleType, true)), `${name} ${kind} ${sampleType}: the program's own profile has rows`);
      if (estimatedDelay && sampleType === 'delay') {
        assert.deepEqual(pprofNames(got), pprofNames(want), `${name}: ${kind} delay rows`);
        const error = Math.abs(pprofTotal(got) / pprofTotal(want) - 1);
        assert.ok(error < 0.005 || !estimateHolds, `${name}: ${kind} total delay ${pprofTotal(got)} vs ${pprofTotal(want)}`);
      } else {
        assert.equal(got, want, `${name}: ${kind} ${sampleType} differs from the program's own profile`);
      }
    }
  }
}

async function captureAndCompare(name: string, start: (t: Target) => Promise<Stopped>, program = target): Promise<void> {
  const outDir = mkdtempSync(join(work, `${name}-`));
  const stopped = await start({ ...program, outDir });
  try {
    await captureAll(name, stopped, outDir);
  } finally {
    await stopped.end();
  }
  compareAll(name, outDir);
}

describe('profiles from the runtime buckets equal the program\'s own', () => {
  test('exec', () => captureAndCompare('exec', execSession));
  test('exec, allocations sampled every 4 KiB: values scaled as pprof scales them', () => captureAndCompare('sampled', (t) => execSession({ ...t, extraArgs: ['-memrate', '4096', '-stacks', '2000'] })));
  test('attach to a local process', () => captureAndCompare('attach', attachLocalSession));
  test('attach to a headless dlv on 127.0.0.1 (remote)', () => captureAndCompare('remote', attachRemoteSession));
  test('core file written by gcore', () => captureAndCompare('core', (t) => coreSession(t, work)));
  test('no GC ever ran: captured before the program writes, every pending heap cycle counts', async (t) => {
    const outDir = mkdtempSync(join(work, 'nogc-'));
    const stopped = await execSession({ ...target, outDir, extraArgs: ['-nogc'], breakAt: ['before', 'written'] });
    let estimateHolds = true;
    try {
      // An exec session: the program runs here, and before it wrote anything it had not measured
      // its tick rate, so delays use an estimate (from its start pair, or on a virtual machine
      // this machine's TSC rate; there the start pair was seen at 1.3x and 108x the real rate).
      await captureAll('nogc', stopped, outDir, true);
      await stopped.dlv.continueToStop();
      // The program has measured its tick rate now: the estimate is compared with it.
      const value = async (expression: string): Promise<number> => Number(((await stopped.dlv.request('evaluate', { expression, context: 'repl' })) as { result: string }).result);
      const [measured, startTicks, startTime] = await Promise.all(['runtime.ticks.val.value', 'runtime.ticks.startTicks', 'runtime.ticks.startTime'].map(value));
      const estimate = tickRate(0, startTicks, startTime, hostTicks())?.ticksPerSecond ?? 0;
      estimateHolds = Math.abs(estimate / measured - 1) < 0.001;
      if (!estimateHolds) {
        t.diagnostic(`the tick rate estimate (${(estimate / 1e9).toFixed(4)} GHz) is not the one the program measured (${(measured / 1e9).toFixed(4)} GHz): delay totals not compared, rows still are`);
      }
    } finally {
      await stopped.end();
    }
    compareAll('nogc', outDir, true, estimateHolds);
  });
  test('the capture controller (as the adapter runs it) in a core session: the four profiles, and CPU says why not', async () => {
    const outDir = mkdtempSync(join(work, 'controller-'));
    const profileDir = join(outDir, 'profiles');
    const stopped = await coreSession({ ...target, outDir }, work, profileDir);
    try {
      const controller = stopped.dlv.controller!;
      const capabilities = await controller.handleRequest('goProfile.capabilities', {}) as { kinds: string[]; reason: string };
      assert.deepEqual(capabilities.kinds, ['goroutine', 'heap', 'allocs', 'block', 'mutex']);
      for (const kind of RUNTIME_PROFILE_KINDS) {
        const { path } = await controller.handleRequest('goProfile.capture', { kind }) as CaptureResult;
        assert.ok(path?.startsWith(profileDir), `${kind}: ${path}`);
        renameSync(path!, join(outDir, `${kind}.read.pb.gz`));
      }
      const cpu = await controller.handleRequest('goProfile.capture', { kind: 'cpu' }).then(() => '', (err: Error) => err.message);
      assert.match(cpu, /^CPU capture is not available: .*a core dump is not a running process/);
      assert.ok(stopped.dlv.sent.some((e) => e.event === 'goProfile.captured' && e.body.kind === 'heap'), 'the capture is announced');
    } finally {
      await stopped.end();
    }
    compareAll('controller', outDir);
  });
  test('injected faults: unreadable memory, a corrupted bucket and an exited program each give one clear line', async () => {
    const outDir = mkdtempSync(join(work, 'faults-'));
    const stopped = await execSession({ ...target, outDir });
    try {
      // Delve refuses every memory read, as it does for unmapped memory.
      const unreadable: DapRequester = {
        request: (command, args) => (/examinemem/.test(String((args as { expression?: string }).expression))
          ? Promise.resolve({ result: 'examine memory error: input/output error' })
          : stopped.dlv.request(command, args)),
      };
      await assert.rejects(readRuntimeProfile(unreadable, 'heap'), /^Error: Delve could not read \d+ bytes at 0x[0-9a-f]+: examine memory error: input\/output error$/);
      // The newest bucket's type word reads as 7: not a layout the reader knows.
      const head = Number(/0x[0-9a-f]+/.exec(((await stopped.dlv.request('evaluate', { expression: 'runtime.mbuckets.value', context: 'repl' })) as { result: string }).result)![0]);
      const corrupt: DapRequester = {
        request: async (command, args) => {
          const body = (await stopped.dlv.request(command, args)) as { result?: string };
          const m = /examinemem .*-count (\d+) (0x[0-9a-f]+)$/.exec(String((args as { expression?: string }).expression));
          if (!m) {
            return body;
          }
          const [base, length] = [Number(m[2]), Number(m[1]) * 8];
          const bytes = parseExamine(body.result!, base, length);
          if (head + 16 >= base && head + 24 <= base + length) {
            new DataView(bytes.buffer).setUint32(head + 16 - base, 7, true);
          }
          const words = Array.from({ length: length / 8 }, (_, i) => `0x${Buffer.from(bytes.subarray(i * 8, i * 8 + 8)).reverse().toString('hex')}`);
          return { result: `0x${base.toString(16)}:   ${words.join('   ')}\n` };
        },
      };
      await assert.rejects(readRuntimeProfile(corrupt, 'heap'), /does not have the layout this reader knows \(type 7, \d+ pcs\)/);
      const exited = stopped.dlv.waitFor('exited');
      await stopped.dlv.request('continue', { threadId: 1 });
      await exited;
      await assert.rejects(readRuntimeProfile(stopped.dlv, 'block'), /^Error: Delve cannot read runtime\.[\w.]+: Process \d+ has exited with status 0$/);
    } finally {
      await stopped.end();
    }
  });
  test('a program whose allocations are in a public module (goldmark), exec', () => captureAndCompare('public', execSession, publicTarget));
});
