// Capture timings against real dlv: from the capture request to the written profile for a
// program with 100 MiB of live heap, and the wall time a CPU recording adds to a region as
// the user sees it through the adapter (the same fixed work run with and without the profile,
// alternating, in one session).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCaptureController } from '../src/capture/controller';
import { CaptureResult, DlvLaunchArgs } from '../src/capture/api';
import { DlvSession, bpLine, captureFixtures, freePort } from '../test/dap/capture-dlv';
import { startAdapter, startDebugging } from '../test/dap/harness';

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
  dlv.controller = controller;
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

  } finally {
    await dlv.close();
  }
  try {
    await cpuRegion(profileDir);
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/**
 * The wall time a CPU recording adds to a region as a user sees it, through the adapter
 * process: continue at BP:start until the stop at BP:end is shown and the client has read
 * it (threads, stackTrace, scopes, variables: what VS Code asks to draw the stop), rounds
 * alternating without and with "CPU until next stop". The profile itself is ended after the
 * client's look (src/debug/afterStop.ts); when it arrives is printed too. Expect two modes
 * across runs: in some sessions every profiling signal's stop for Delve costs enough to add
 * 20-40 % to profiled regions (seen as often with `dlv exec` of a program calling
 * runtime/pprof itself), in most it adds a few percent.
 */
async function cpuRegion(profileDir: string): Promise<void> {
  const file = join(captureFixtures, 'bench', 'main.go');
  const s = startAdapter();
  try {
    const captured: number[] = [];
    s.client.on('goProfile.captured', () => captured.push(performance.now()));
    await startDebugging(s.client, 'launch', { program: join(captureFixtures, 'bench'), cwd: captureFixtures, profileDir }, {
      [file]: [{ line: bpLine(file, 'start') }, { line: bpLine(file, 'end') }],
    });
    let { threadId } = await s.nextStop(120_000);
    const shown: Record<'plain' | 'profiled', number[]> = { plain: [], profiled: [] };
    const looked: Record<'plain' | 'profiled', number[]> = { plain: [], profiled: [] };
    const ready: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const kind = round % 2 === 1 ? 'profiled' : 'plain';
      if (kind === 'profiled') {
        await s.client.customRequest('goProfile.capture', { kind: 'cpu', threadId });
      }
      const t = performance.now();
      const stop = await s.resume('continue', threadId!);
      const stoppedAt = performance.now();
      shown[kind].push(stoppedAt - t);
      threadId = stop.threadId;
      await s.client.threadsRequest();
      const frames = (await s.client.stackTraceRequest({ threadId: threadId!, startFrame: 0, levels: 20 })).body.stackFrames;
      const scopes = (await s.client.scopesRequest({ frameId: frames[0].id })).body.scopes;
      await s.client.variablesRequest({ variablesReference: scopes[0].variablesReference });
      looked[kind].push(performance.now() - t);
      if (kind === 'profiled') {
        while (captured.length < ready.length + 1) {
          await new Promise((r) => setTimeout(r, 5));
        }
        ready.push(captured[ready.length] - stoppedAt);
      }
      if (round < ROUNDS - 1) {
        threadId = (await s.resume('continue', threadId!)).threadId;
      }
    }
    const added = (xs: Record<'plain' | 'profiled', number[]>) => {
      const a = median(xs.profiled) - median(xs.plain);
      return `plain ${fmt(median(xs.plain))}, profiled ${fmt(median(xs.profiled))}: ${a >= 0 ? '+' : ''}${fmt(a)} (${((a / median(xs.plain)) * 100).toFixed(1)}%)`;
    };
    console.log(`CPU region through the adapter (fixed work, BP:start → BP:end), ${shown.plain.length} plain / ${shown.profiled.length} profiled rounds, medians:`);
    console.log(`  continue → stop shown:                        ${added(shown)}`);
    console.log(`  continue → stop read (stack, scopes, locals): ${added(looked)}  (target <= +5%)`);
    console.log(`  the profile arrives after the stop: median ${fmt(median(ready))} (min ${fmt(Math.min(...ready))}, max ${fmt(Math.max(...ready))})`);
  } finally {
    await s.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
