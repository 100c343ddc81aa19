// Heap capture without a helper: the runtime's profile buckets read through a local `dlv dap`
// (exec session) for a program with 10,000 distinct allocation stacks, against the program
// writing the same profile itself (pprof.Lookup("heap").WriteTo, timed inside it, no
// debugger) — what a user would otherwise have to build into the program.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRuntimeProfile } from '../src/capture/runtimeProfile';
import { captureFixtures } from '../test/dap/capture-dlv';
import { execSession } from '../test/dap/runtimeProfile-sessions';

const STACKS = 10000;
const RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'runtime-profile-bench-'));
  try {
    const binary = join(dir, 'buckets');
    execFileSync('go', ['build', '-o', binary, './buckets'], { cwd: captureFixtures, stdio: 'inherit' });
    const own: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const out = execFileSync(binary, [dir, '-stacks', String(STACKS)], { encoding: 'utf8' });
      own.push(Number(/wrote heap in (\d+) us/.exec(out)![1]) / 1000);
    }
    const stopped = await execSession({ binary, source: join(captureFixtures, 'buckets', 'main.go'), outDir: dir, extraArgs: ['-stacks', String(STACKS)] });
    try {
      const ms: number[] = [];
      let buckets = 0;
      let reads = 0;
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const read = await readRuntimeProfile(stopped.dlv, 'heap');
        ms.push(performance.now() - t);
        buckets = read.buckets;
        reads = read.memoryReads;
      }
      const ours = median(ms);
      const theirs = median(own);
      console.log(`heap buckets read through dlv:        ${buckets} buckets, ${reads} memory reads`);
      console.log(`capture from the buckets (median):    ${ours.toFixed(0)} ms (goal: under 2000 ms for 10,000 buckets)`);
      console.log(`program's own WriteHeapProfile:       ${theirs.toFixed(1)} ms (needs code in the program)`);
      console.log(`ratio bucket read / own write:        ${(ours / theirs).toFixed(1)}x`);
    } finally {
      await stopped.end();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
