// Execution-trace timings against real dlv through the adapter: the wall time a trace adds to
// the region between two breakpoints (fresh sessions alternating plain / traced), the trace's
// size, `go tool trace -pprof` per wait kind, and how long Go's trace viewer takes to answer.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { ROOT, lineOf, startAdapter, startDebugging, toolEnv } from '../test/dap/harness';
import { WAIT_KINDS, traceToPprof } from '../src/traces/traceTools';
import { startTraceViewer } from '../src/traces/traceViewer';
import type { TracedEvent } from '../src/capture/api';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'trace');
const MAIN = join(FIXTURE, 'main.go');
const ROUNDS = 4;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

/** One session: stop at BP:start, optionally trace, continue to BP:end; the region's wall time. */
async function region(profileDir: string, traced: boolean): Promise<{ ms: number; startMs: number; path?: string }> {
  const s = startAdapter(toolEnv());
  try {
    const events: TracedEvent[] = [];
    s.client.on('goProfile.traced', (e: DebugProtocol.Event) => events.push(e.body as TracedEvent));
    await startDebugging(s.client, 'launch', { program: FIXTURE, cwd: FIXTURE, profileDir }, { [MAIN]: [{ line: lineOf(MAIN, 'start') }, { line: lineOf(MAIN, 'end') }] });
    const { threadId } = await s.nextStop(60_000);
    let startMs = 0;
    if (traced) {
      const t = performance.now();
      await s.client.customRequest('goProfile.trace', { threadId });
      startMs = performance.now() - t;
    }
    const t0 = performance.now();
    await s.resume('continue', threadId!);
    return { ms: performance.now() - t0, startMs, path: events[0]?.path };
  } finally {
    await s.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'trace-bench-'));
  try {
    const plain: number[] = [];
    const traced: number[] = [];
    const starts: number[] = [];
    let tracePath = '';
    for (let i = 0; i < ROUNDS; i++) {
      plain.push((await region(dir, false)).ms);
      const r = await region(dir, true);
      traced.push(r.ms);
      starts.push(r.startMs);
      tracePath = r.path ?? tracePath;
    }
    console.log(`region BP:start→BP:end, median of ${ROUNDS} sessions: plain ${fmt(median(plain))}, traced ${fmt(median(traced))} (×${(median(traced) / median(plain)).toFixed(2)}, includes ending the trace at the stop)`);
    console.log(`goProfile.trace request (start at the stop): median ${fmt(median(starts))}`);
    console.log(`trace size: ${(statSync(tracePath).size / 1024).toFixed(1)} KiB`);
    for (const kind of WAIT_KINDS) {
      const t = performance.now();
      const out = await traceToPprof(tracePath, kind, toolEnv()).catch(() => undefined);
      console.log(`go tool trace -pprof=${kind}: ${fmt(performance.now() - t)} (${out ? `${statSync(out).size} bytes` : 'no samples'})`);
    }
    const t = performance.now();
    const viewer = await startTraceViewer(tracePath, toolEnv());
    const ready = performance.now() - t;
    await fetch(viewer.url);
    console.log(`trace viewer: URL after ${fmt(ready)}, first page after ${fmt(performance.now() - t)}`);
    await viewer.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
