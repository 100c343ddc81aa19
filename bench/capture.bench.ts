// Capture timings against real dlv: from the capture request to the written profile for a
// program with 100 MiB of live heap, and the wall time a CPU recording adds to a region
// (the same fixed work run with and without the profile, alternating, in one session).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCaptureController } from '../src/capture/controller';
import { CaptureResult, DlvLaunchArgs } from '../src/capture/api';
import { DlvSession, bpLine, captureFixtures, freePort } from '../test/dap/capture-dlv';

const HEAP_RUNS = 10;
// Matches the fixture's loop; rounds alternate plain / profiled to share the machine's noise.
const ROUNDS = 16;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** The conventional way to the same heap profile: the program's own /debug/pprof/heap?gc=1. */
async function httpHeapMs(dir: string): Promise<number[]> {
  const binary = join(dir, 'bench-server');
  execFileSync('go', ['build', '-o', binary, './bench'], { cwd: captureFixtures, stdio: 'pipe' });
  const port = await freePort();
  const proc = spawn(binary, [], { env: { ...process.env, BENCH_PPROF_ADDR: `127.0.0.1:${port}` }, stdio: 'ignore' });
  try {
    const url = `http://127.0.0.1:${port}/debug/pprof/heap?gc=1`;
    for (let i = 0; i < 200 && !(await fetch(url).then((r) => r.ok, () => false)); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const ms: number[] = [];
    for (let i = 0; i < HEAP_RUNS; i++) {
      const t = performance.now();
      const body = await (await fetch(url)).arrayBuffer();
      ms.push(performance.now() - t);
      if (body.byteLength === 0) {
        throw new Error('empty heap profile from net/http/pprof');
      }
    }
    return ms;
  } finally {
    proc.kill('SIGKILL');
  }
}

async function main(): Promise<void> {
  const file = join(captureFixtures, 'bench', 'main.go');
  const profileDir = mkdtempSync(join(tmpdir(), 'capture-bench-'));
  const dlv = await DlvSession.start(captureFixtures);
  const controller = createCaptureController(dlv);
  // The time the controller holds each stop (ending a recording happens there).
  const held: number[] = [];
  dlv.controller = {
    prepareLaunch: (a) => controller.prepareLaunch(a),
    handleRequest: (c, a) => controller.handleRequest(c, a),
    dispose: () => controller.dispose(),
    onStopped: async (stop) => {
      const t = performance.now();
      await controller.onStopped(stop);
      held.push(performance.now() - t);
    },
  };
  const capture = (args: Record<string, unknown>) => controller.handleRequest('goProfile.capture', args) as Promise<CaptureResult>;
  try {
    const first = dlv.waitFor('stopped', 120000);
    await dlv.launch({ request: 'launch', mode: 'debug', program: join(captureFixtures, 'bench'), profileDir } as DlvLaunchArgs, {
      [file]: ['heap', 'start', 'end'].map((b) => bpLine(file, b)),
    });
    await first;

    const heapMs: number[] = [];
    let size = 0;
    for (let i = 0; i < HEAP_RUNS; i++) {
      const t = performance.now();
      const { path } = await capture({ kind: 'heap' });
      heapMs.push(performance.now() - t);
      size = statSync(path!).size;
    }
    const evalMs: number[] = [];
    for (let i = 0; i < HEAP_RUNS; i++) {
      const t = performance.now();
      await dlv.request('evaluate', { expression: 'len(main.live)', context: 'repl' });
      evalMs.push(performance.now() - t);
    }
    console.log(`heap capture, 100 MiB live heap: median ${fmt(median(heapMs))} (min ${fmt(Math.min(...heapMs))}, max ${fmt(Math.max(...heapMs))}; ${HEAP_RUNS} runs; profile ${size} bytes)`);
    console.log(`  for scale, a plain dlv evaluate at the same stop: median ${fmt(median(evalMs))}`);
    const httpMs = await httpHeapMs(profileDir);
    console.log(`  the same heap through net/http/pprof (heap?gc=1, program running, no debugger): median ${fmt(median(httpMs))}; capture/http = ${(median(heapMs) / median(httpMs)).toFixed(2)}x`);

    await dlv.continueToStop(120000);
    const plain: number[] = [];
    const profiled: number[] = [];
    const startMs: number[] = [];
    const heldPlain: number[] = [];
    const heldProfiled: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const withProfile = round % 2 === 1;
      if (withProfile) {
        const t = performance.now();
        await capture({ kind: 'cpu' });
        startMs.push(performance.now() - t);
      }
      const t = performance.now();
      await dlv.continueToStop(120000);
      (withProfile ? profiled : plain).push(performance.now() - t);
      (withProfile ? heldProfiled : heldPlain).push(held[held.length - 1]);
      if (round < ROUNDS - 1) {
        await dlv.continueToStop(120000);
      }
    }
    const added = median(profiled) - median(plain);
    const addedMin = Math.min(...profiled) - Math.min(...plain);
    console.log(`CPU region (fixed work, BP:start → BP:end), ${plain.length} plain / ${profiled.length} profiled rounds, incl. ending the profile at the stop:`);
    console.log(`  median: plain ${fmt(median(plain))}, profiled ${fmt(median(profiled))}: ${added >= 0 ? '+' : ''}${fmt(added)} (${((added / median(plain)) * 100).toFixed(1)}%)`);
    console.log(`  best:   plain ${fmt(Math.min(...plain))}, profiled ${fmt(Math.min(...profiled))}: ${addedMin >= 0 ? '+' : ''}${fmt(addedMin)} (${((addedMin / Math.min(...plain)) * 100).toFixed(1)}%)`);
    console.log(`  the stop held before it is shown: median plain ${fmt(median(heldPlain))}, ending the recording ${fmt(median(heldProfiled))}`);
    console.log(`  starting the recording (capture request → response): median ${fmt(median(startMs))}`);
  } finally {
    await dlv.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
