// Per-step latency through the go-dlv adapter vs straight to `dlv dap`. One step is what an
// editor does on F10: next, wait for the stop, then stackTrace + scopes + variables.
//
// Three paths debug the same prebuilt binary (exec mode), in alternating order so machine
// noise lands on all of them:
//   direct     a DAP client on a socket to `dlv dap` (what a client without the adapter does),
//              a Unix socket like the adapter's own connection to dlv
//   inline     the adapter inside the client's process, as the extension runs it in VS Code's
//              extension host: the messages VS Code sends to the extension host anyway go to
//              the adapter, which talks to dlv on a socket — no extra process hop
//   standalone `node out/debug/adapter.js` over stdio: one more process hop per message
// The same minimal client drives all three.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { DapConnection } from '../src/debug/dapConnection';
import { GoDlvSession } from '../src/debug/session';
import { Watchdog } from '../src/debug/watchdog';
import { ADAPTER, buildFixture, dlvBinary, lineOf, MAIN_GO, toolEnv, waitGone, withTimeout } from '../test/dap/harness';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const STEPS = Number(process.env.BENCH_STEPS ?? 150);
const WARMUP = 20;

/** Just enough of a DAP client: requests by seq, a queue of stops. */
class StepClient {
  private seq = 1;
  private readonly pending = new Map<number, (r: DebugProtocol.Response) => void>();
  private readonly stops: DebugProtocol.StoppedEvent['body'][] = [];
  private readonly waiting: ((b: DebugProtocol.StoppedEvent['body']) => void)[] = [];
  private readonly events = new Map<string, () => void>();

  constructor(private readonly transmit: (m: DebugProtocol.ProtocolMessage) => void) {}

  receive(message: DebugProtocol.ProtocolMessage): void {
    if (message.type === 'response') {
      const r = message as DebugProtocol.Response;
      this.pending.get(r.request_seq)?.(r);
      this.pending.delete(r.request_seq);
    } else if (message.type === 'event') {
      const e = message as DebugProtocol.Event;
      if (e.event === 'stopped') {
        const w = this.waiting.shift();
        if (w) w(e.body);
        else this.stops.push(e.body);
      }
      this.events.get(e.event)?.();
    }
  }

  request<T = unknown>(command: string, args: object = {}): Promise<T> {
    const seq = this.seq++;
    return withTimeout(
      new Promise<T>((done, fail) => {
        this.pending.set(seq, (r) => (r.success ? done(r.body as T) : fail(new Error(`${command}: ${r.message}`))));
        this.transmit({ seq, type: 'request', command, arguments: args } as DebugProtocol.Request);
      }),
      30_000,
      command,
    );
  }

  event(name: string): Promise<void> {
    return withTimeout(new Promise<void>((done) => this.events.set(name, done)), 30_000, name);
  }

  nextStop(): Promise<DebugProtocol.StoppedEvent['body']> {
    const q = this.stops.shift();
    return q ? Promise.resolve(q) : withTimeout(new Promise((done) => this.waiting.push(done)), 30_000, 'stopped');
  }
}

interface Target {
  client: StepClient;
  close(): Promise<void>;
}

/** `dlv dap` listening on a Unix socket: the transport the adapter uses, so only the adapter differs. */
async function direct(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'godlv-direct-'));
  const path = join(dir, 'dlv.sock');
  const dlv: ChildProcess = spawn(dlvBinary(), ['dap', `--listen=unix:${path}`], { env: toolEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  await withTimeout(
    new Promise<void>((done) => {
      let seen = '';
      dlv.stdout!.on('data', (c: Buffer) => {
        seen += c.toString();
        if (seen.includes('listening at')) done();
      });
    }),
    20_000,
    'dlv dap listening',
  );
  const socket = await new Promise<ReturnType<typeof createConnection>>((done) => {
    const s = createConnection({ path }, () => done(s));
  });
  // conn is created after the client it feeds; the client only transmits once both exist.
  const client = new StepClient((m) => conn.send(m));
  const conn = new DapConnection(socket, (m) => client.receive(m), () => undefined);
  return {
    client,
    close: async () => {
      await client.request('disconnect', { terminateDebuggee: true }).catch(() => undefined);
      conn.close();
      dlv.kill('SIGKILL');
      await waitGone([dlv.pid!], 5_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function inline(): Promise<Target> {
  const session = new GoDlvSession(new Watchdog(ADAPTER));
  const client = new StepClient((m) => session.handleMessage(m));
  session.onDidSendMessage((m) => client.receive(m as DebugProtocol.ProtocolMessage));
  return {
    client,
    close: async () => {
      await client.request('disconnect', { terminateDebuggee: true }).catch(() => undefined);
    },
  };
}

async function standalone(): Promise<Target> {
  const adapter = spawn(process.execPath, [ADAPTER], { env: toolEnv(), stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((done) => adapter.once('exit', done));
  // conn is created after the client it feeds; the client only transmits once both exist.
  const client = new StepClient((m) => conn.send(m));
  const conn = new DapConnection(adapter.stdout!, (m) => client.receive(m), () => undefined, adapter.stdin!);
  return {
    client,
    close: async () => {
      await client.request('disconnect', { terminateDebuggee: true }).catch(() => undefined);
      await withTimeout(exited, 10_000, 'adapter exit');
    },
  };
}

/** Launches the binary and stops at the `step` breakpoint; returns the stopped thread. */
async function launch(client: StepClient, binary: string): Promise<number> {
  await client.request('initialize', { adapterID: 'go', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true, supportsVariableType: true });
  const initialized = client.event('initialized');
  const launched = client.request('launch', { mode: 'exec', program: binary, args: ['step'] });
  await initialized;
  await client.request('setBreakpoints', { source: { path: MAIN_GO }, breakpoints: [{ line: lineOf(MAIN_GO, 'step') }] });
  await client.request('configurationDone');
  await launched;
  const { threadId } = await client.nextStop();
  await client.request('setBreakpoints', { source: { path: MAIN_GO }, breakpoints: [] });
  return threadId!;
}

/** One F10: returns its duration in ms. */
async function step(client: StepClient, threadId: number): Promise<number> {
  const start = process.hrtime.bigint();
  await client.request('next', { threadId });
  await client.nextStop();
  const trace = await client.request<DebugProtocol.StackTraceResponse['body']>('stackTrace', { threadId, startFrame: 0, levels: 20 });
  const scopes = await client.request<DebugProtocol.ScopesResponse['body']>('scopes', { frameId: trace.stackFrames[0].id });
  await client.request('variables', { variablesReference: scopes.scopes[0].variablesReference });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * All three sessions stay open, stopped, and take turns step by step (in rotating order), so
 * a burst of load from other processes hits every path alike.
 */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'godlv-bench-'));
  const paths = { direct, inline, standalone };
  const names = Object.keys(paths) as (keyof typeof paths)[];
  const results: Record<keyof typeof paths, number[]> = { direct: [], inline: [], standalone: [] };
  try {
    const binary = buildFixture(join(dir, 'fixture'));
    for (let round = 0; round < ROUNDS; round++) {
      const targets = await Promise.all(names.map(async (name) => {
        const target = await paths[name]();
        return { name, target, threadId: await launch(target.client, binary) };
      }));
      try {
        for (let i = 0; i < WARMUP + STEPS; i++) {
          for (let k = 0; k < targets.length; k++) {
            const t = targets[(i + k) % targets.length];
            const ms = await step(t.target.client, t.threadId);
            if (i >= WARMUP) {
              results[t.name].push(ms);
            }
          }
        }
      } finally {
        for (const t of targets) {
          await t.target.close();
        }
      }
      const last = (name: keyof typeof paths): number[] => results[name].slice(-STEPS);
      console.log(`round ${round + 1}: ${names.map((n) => `${n} ${median(last(n)).toFixed(2)}`).join('  ')} (median ms)`);
    }
    const base = median(results.direct);
    console.log(`\nstep = next + stopped + stackTrace + scopes + variables; ${ROUNDS} rounds x ${STEPS} steps per path, interleaved`);
    for (const name of names) {
      const m = median(results[name]);
      console.log(`${name.padEnd(10)} median ${m.toFixed(2)} ms  mean ${mean(results[name]).toFixed(2)} ms  ratio to direct ${(m / base).toFixed(3)}`);
    }
    console.log(`adapter as the extension runs it (inline) / direct dlv dap: ${(median(results.inline) / base).toFixed(3)} (target <= 1.10)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
