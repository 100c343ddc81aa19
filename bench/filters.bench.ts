// What the panel does when the user sets a filter or opens a comparison: the engine's filter
// (or diff) plus the new call tree and view model, in-process, on a large synthetic CPU
// profile; beside it, the wall time of `go tool pprof -top` with the same option on the same
// file (its process start and decode included: what a user would otherwise run). One pprof
// run per option; our numbers are the median of ROUNDS.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipGuarded } from '../src/capture/profileBytes';
import { decodeProfile, diffProfiles } from '../src/profile';
import type { ViewFilter } from '../src/shared/messages';
import { filteredModel } from '../src/flameGraph/filter';
import { largeProfile } from '../test/webview/largeProfile';
import { pprofBinary } from '../test/unit/profileFixtures';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void): number {
  const runs: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    fn();
    runs.push(performance.now() - t0);
  }
  return median(runs);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-filters-'));
  try {
    const base = largeProfile(SAMPLES, 7);
    const target = largeProfile(SAMPLES, 8);
    const file = join(dir, 'target.pb.gz');
    const baseFile = join(dir, 'base.pb.gz');
    writeFileSync(file, target.bytes);
    writeFileSync(baseFile, base.bytes);
    const profile = decodeProfile(target.bytes, gunzipGuarded);
    const baseProfile = decodeProfile(base.bytes, gunzipGuarded);
    const pprof = await pprofBinary();
    const pprofMs = (args: string[]): number => {
      const t0 = performance.now();
      execFileSync(pprof, ['-top', '-nodecount=20', ...args, file], { stdio: 'pipe', maxBuffer: 64 << 20 });
      return performance.now() - t0;
    };
    console.log(`profile: ${profile.samples.length} samples, ${profile.functions.length} functions; median of ${ROUNDS} (ours), 1 run (pprof)`);
    console.log('option                      ours ms   pprof -top ms   ratio');
    const cases: [string, ViewFilter, string[]][] = [
      ['none (tree + model)', {}, []],
      ['focus=pricing', { focus: 'pricing' }, ['-focus=pricing']],
      ['ignore=json', { ignore: 'json' }, ['-ignore=json']],
      ['hide=runtime', { hide: 'runtime' }, ['-hide=runtime']],
    ];
    for (const [name, filter, args] of cases) {
      const ours = time(() => filteredModel(profile, 't', filter));
      const theirs = pprofMs(args);
      console.log(`${name.padEnd(26)} ${ours.toFixed(1).padStart(8)} ${theirs.toFixed(0).padStart(15)} ${(ours / theirs).toFixed(3).padStart(7)}`);
    }
    const diffOurs = time(() => filteredModel(diffProfiles(baseProfile, profile), 't', {}, 'b'));
    const diffTheirs = pprofMs([`-diff_base=${baseFile}`]);
    console.log(`${'diff_base (diff + trees)'.padEnd(26)} ${diffOurs.toFixed(1).padStart(8)} ${diffTheirs.toFixed(0).padStart(15)} ${(diffOurs / diffTheirs).toFixed(3).padStart(7)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
