// What a profilepoint costs per hit: 200 hits of one line run to the end of the program with
// (a) a plain logpoint (dlv prints and goes on: the cheapest thing a breakpoint can do),
// (b) a heap profilepoint (the adapter captures a heap profile and continues unseen), and
// (c) what a user would otherwise do for the same profiles: stop, goProfile.capture heap,
// continue, from the client. All through the standalone adapter to real dlv; time is from
// configurationDone to the end of the program (the build before it is left out).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { lineOf, ROOT, startAdapter } from '../test/dap/harness';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const HITS = 200;
const PROGRAM = join(ROOT, 'test', 'fixtures', 'capture', 'hits');
const MAIN = join(PROGRAM, 'main.go');

type Way = 'logpoint' | 'profilepoint' | 'stopAndCapture';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function session(way: Way, profileDir: string): Promise<number> {
  const s = startAdapter();
  try {
    await s.client.initializeRequest({ adapterID: 'go-dlv', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
    const initialized = s.client.waitForEvent('initialized', 120_000);
    const launched = s.client.launchRequest({ program: PROGRAM, cwd: PROGRAM, profileDir } as DebugProtocol.LaunchRequestArguments);
    await initialized;
    const terminated = new Promise<unknown>((done) => s.client.once('terminated', done));
    const line = lineOf(MAIN, 'hit');
    const start = process.hrtime.bigint();
    await s.client.setBreakpointsRequest({ source: { path: MAIN }, breakpoints: [way === 'logpoint' ? { line, logMessage: 'i={i}' } : { line }] });
    if (way === 'profilepoint') {
      await s.client.customRequest('goProfile.setProfilepoints', { points: [{ id: 'hit', path: MAIN, line, kind: 'heap' }] });
    }
    await s.client.configurationDoneRequest();
    await launched;
    if (way === 'stopAndCapture') {
      for (let i = 0; i < HITS; i++) {
        const stop = await s.nextStop(60_000);
        await s.client.customRequest('goProfile.capture', { kind: 'heap', threadId: stop.threadId });
        await s.client.continueRequest({ threadId: stop.threadId! });
      }
    }
    await terminated;
    return Number(process.hrtime.bigint() - start) / 1e6;
  } finally {
    await s.close();
  }
}

async function main(): Promise<void> {
  const times: Record<Way, number[]> = { logpoint: [], profilepoint: [], stopAndCapture: [] };
  const ways = Object.keys(times) as Way[];
  for (let round = 0; round < ROUNDS; round++) {
    for (const way of round % 2 ? [...ways].reverse() : ways) {
      const profileDir = mkdtempSync(join(tmpdir(), 'profilepoint-bench-'));
      try {
        times[way].push(await session(way, profileDir));
        const written = readdirSync(profileDir).length;
        if (written !== (way === 'logpoint' ? 0 : HITS)) {
          throw new Error(`${way}: ${written} profiles, expected ${way === 'logpoint' ? 0 : HITS}`);
        }
      } finally {
        rmSync(profileDir, { recursive: true, force: true });
      }
    }
  }
  const rate = (way: Way): number => HITS / (median(times[way]) / 1000);
  console.log(`${HITS} hits of one line, median of ${ROUNDS}, configurationDone -> end of program:`);
  for (const way of ways) {
    console.log(`  ${way.padEnd(16)} ${median(times[way]).toFixed(0).padStart(6)} ms  ${rate(way).toFixed(1).padStart(7)} hits/s`);
  }
  console.log(`  heap profilepoint vs logpoint: ${(rate('logpoint') / rate('profilepoint')).toFixed(1)}x slower per hit`);
  console.log(`  heap profilepoint vs stop + capture + continue from the client: ${(rate('profilepoint') / rate('stopAndCapture')).toFixed(2)}x the hit rate`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
