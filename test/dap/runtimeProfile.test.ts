// Heap, allocs, block and mutex read from the runtime's profile buckets through real dlv, in
// exec, local attach, remote (headless) attach and core sessions: each must print the same
// `go tool pprof -top` as the profile the program wrote itself right before that stop.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUNTIME_PROFILE_KINDS, readRuntimeProfile } from '../../src/capture/runtimeProfile';
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

before(() => {
  work = mkdtempSync(join(tmpdir(), 'runtime-profile-test-'));
  const binary = join(work, 'buckets');
  execFileSync('go', ['build', '-o', binary, './buckets'], { cwd: captureFixtures, stdio: 'inherit' });
  target = { binary, source: join(captureFixtures, 'buckets', 'main.go'), outDir: '' };
});

after(() => rmSync(work, { recursive: true, force: true }));

/** `go tool pprof -top` rows and totals for one sample type, in plain units, without the header. */
export function pprofTop(path: string, sampleIndex: string): string {
  const out = execFileSync('go', ['tool', 'pprof', '-top', '-nodecount=100000', '-nodefraction=0', '-edgefraction=0', `-sample_index=${sampleIndex}`, '-unit=minimum', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = out.split('\n');
  return lines.slice(lines.findIndex((l) => l.startsWith('Showing nodes'))).join('\n');
}

async function captureAndCompare(name: string, start: (t: Target) => Promise<Stopped>): Promise<void> {
  const outDir = mkdtempSync(join(work, `${name}-`));
  const stopped = await start({ ...target, outDir });
  try {
    for (const kind of RUNTIME_PROFILE_KINDS) {
      const read = await readRuntimeProfile(stopped.dlv, kind);
      assert.ok(read.buckets > 0, `${name}: no ${kind} buckets`);
      const ours = join(outDir, `${kind}.read.pb.gz`);
      writeFileSync(ours, read.bytes);
      for (const sampleType of SAMPLE_TYPES[kind]) {
        const want = pprofTop(join(outDir, `${kind}.pb.gz`), sampleType);
        assert.ok(/\n\s+\d/.test(want), `${name} ${kind} ${sampleType}: the program's own profile has rows`);
        assert.equal(pprofTop(ours, sampleType), want, `${name}: ${kind} ${sampleType} differs from the program's own profile`);
      }
    }
  } finally {
    await stopped.end();
  }
}

describe('profiles from the runtime buckets equal the program\'s own', () => {
  test('exec', () => captureAndCompare('exec', execSession));
  test('attach to a local process', () => captureAndCompare('attach', attachLocalSession));
  test('attach to a headless dlv on 127.0.0.1 (remote)', () => captureAndCompare('remote', attachRemoteSession));
  test('core file written by gcore', () => captureAndCompare('core', (t) => coreSession(t, work)));
});
