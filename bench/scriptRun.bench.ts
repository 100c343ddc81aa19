// What running a Delve script costs over doing the same by hand. The orders script
// (test/fixtures/delve-scripts/runner/orders.dlv: 183 logpoint hits with conditions and a hit
// count, then print/locals/profile heap at a stop, continue) runs as an initScript; the
// "client" path sets the same logpoints with setBreakpoints and does the same at the stop with
// DAP requests, as a client would. Both go through the standalone adapter to real dlv, in
// alternating order; time is from configurationDone to the end of the program (the build before
// it is the same for both and left out).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { lineOf, ROOT, startAdapter } from '../test/dap/harness';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const PROGRAM = join(ROOT, 'test', 'fixtures', 'delve-scripts', 'runner');
const MAIN = join(PROGRAM, 'main.go');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function session(viaScript: boolean, profileDir: string): Promise<{ ms: number; logpoints: number }> {
  const s = startAdapter();
  let logpoints = 0;
  s.client.on('output', (e: DebugProtocol.OutputEvent) => (logpoints += e.body.output.startsWith('> [Go ') ? 1 : 0));
  try {
    await s.client.initializeRequest({ adapterID: 'go-dlv', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
    const initialized = s.client.waitForEvent('initialized', 120_000);
    const launched = s.client.launchRequest({ program: PROGRAM, cwd: PROGRAM, profileDir, ...(viaScript ? { initScript: 'orders.dlv' } : {}) } as DebugProtocol.LaunchRequestArguments);
    await initialized;
    const terminated = s.client.waitForEvent('terminated', 120_000);
    const start = process.hrtime.bigint();
    if (!viaScript) {
      await s.client.setBreakpointsRequest({
        source: { path: MAIN },
        breakpoints: [
          { line: lineOf(MAIN, 'price') - 1, condition: 'o.Qty == 3', logMessage: 'main.price o.Qty: {o.Qty}' },
          { line: lineOf(MAIN, 'report') },
          { line: lineOf(MAIN, 'loop'), condition: 'i%2 == 0', hitCondition: '> 10', logMessage: 'i: {i}, total: {total}' },
        ],
      });
    }
    await s.client.configurationDoneRequest();
    await launched;
    if (!viaScript) {
      const stop = await s.nextStop(60_000);
      const frame = (await s.client.stackTraceRequest({ threadId: stop.threadId!, levels: 1 })).body.stackFrames[0];
      await s.client.evaluateRequest({ expression: 'total', frameId: frame.id, context: 'repl' });
      const scope = (await s.client.scopesRequest({ frameId: frame.id })).body.scopes[0];
      await s.client.variablesRequest({ variablesReference: scope.variablesReference });
      await s.client.customRequest('goProfile.capture', { kind: 'heap', threadId: stop.threadId });
      await s.client.continueRequest({ threadId: stop.threadId! });
    }
    await terminated;
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, logpoints };
  } finally {
    await s.close();
  }
}

async function main(): Promise<void> {
  const profileDir = mkdtempSync(join(tmpdir(), 'script-bench-'));
  const times = { script: [] as number[], client: [] as number[] };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const viaScript of round % 2 ? [false, true] : [true, false]) {
        const { ms, logpoints } = await session(viaScript, profileDir);
        if (logpoints !== 183) {
          throw new Error(`${viaScript ? 'script' : 'client'}: ${logpoints} logpoint lines, expected 183`);
        }
        times[viaScript ? 'script' : 'client'].push(ms);
      }
    }
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
  const script = median(times.script);
  const client = median(times.client);
  console.log(`orders.dlv (183 logpoint hits, 1 stop with print/locals/heap profile), median of ${ROUNDS}, configurationDone -> end of program:`);
  console.log(`  initScript          ${script.toFixed(0)} ms`);
  console.log(`  same by a client    ${client.toFixed(0)} ms`);
  console.log(`  ratio script/client ${(script / client).toFixed(2)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
