// F5 to the first stop and per-step latency through the go-dlv adapter vs straight to
// `dlv dap`. F5 is what an editor does to start: the process(es) in front of dlv and dlv itself
// are started, initialize, launch (mode debug: dlv builds the program; through the adapter
// with its profiling helper), one breakpoint, configurationDone, until the stop arrives. One
// step is what an editor does on F10: next, wait for the stop, then stackTrace + scopes +
// variables.
//
// The paths debug the same program, started one after another in rotating order (so the
// builds do not overlap) and then stepped in alternating order so machine noise lands on all
// of them:
//   direct     a DAP client on a socket to `dlv dap` (what a client without the adapter does),
//              a Unix socket like the adapter's own connection to dlv
//   inline     the adapter inside the client's process, as the extension runs it in VS Code's
//              extension host: the messages VS Code sends to the extension host anyway go to
//              the adapter, which talks to dlv on a socket — no extra process hop
//   standalone `node out/debug/adapter.js` over stdio: one more process hop per message
//   relay      a Node process that only copies bytes between stdio and dlv's socket: the floor
//              for any adapter in a process of its own (the hop alone, no DAP work)
// The same minimal client drives all four. For the processes in the middle (standalone,
// relay) the CPU time they spent per step (all threads, from /proc) is printed too, and until
// the first stop: it is steadier than latency on a loaded machine. standalone / direct splits into the hop
// (relay / direct) and the adapter's own DAP work (standalone / relay).
//
// BENCH_ROUNDS, BENCH_STEPS and BENCH_WARMUP (steps per round not counted) size the run;
// BENCH_PATHS=direct,relay runs only those paths; BENCH_BASELINE=/path/to/adapter.js adds a
// `baseline` path, another build of the standalone adapter (e.g. a copy of out/debug/adapter.js
// from before a change), interleaved with the rest for an A/B comparison.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { DapConnection } from '../src/debug/dapConnection';
import { GoDlvSession } from '../src/debug/session';
import { Watchdog } from '../src/debug/watchdog';
import { ADAPTER, DEBUG_FIXTURE, dlvBinary, lineOf, MAIN_GO, toolEnv, waitGone, withTimeout } from '../test/dap/harness';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const STEPS = Number(process.env.BENCH_STEPS ?? 150);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);

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
  /** The process between client and dlv, if any (its CPU time is reported). */
  middle?: number;
  close(): Promise<void>;
}

interface ListeningDlv {
  path: string;
  close(): Promise<void>;
}

/** `dlv dap` listening on a Unix socket: the transport the adapter uses, so only the adapter differs. */
async function listeningDlv(): Promise<ListeningDlv> {
  const dir = mkdtempSync(join(tmpdir(), 'godlv-direct-'));
  const path = join(dir, 'dlv.sock');
  // In the program's module, as the adapter (and the official Go extension) start it: dlv builds there.
  const dlv: ChildProcess = spawn(dlvBinary(), ['dap', `--listen=unix:${path}`], { cwd: DEBUG_FIXTURE, env: toolEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
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
  return {
    path,
    close: async () => {
      dlv.kill('SIGKILL');
      await waitGone([dlv.pid!], 5_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function connect(path: string): Promise<Socket> {
  return new Promise((done, fail) => {
    const s = createConnection({ path }, () => done(s));
    s.once('error', fail);
  });
}

/** A StepClient on a DAP stream: reads `input`, writes `output` (the same socket when absent). */
function clientOn(input: Socket | Readable, output?: Writable): { client: StepClient; conn: DapConnection } {
  // conn is created after the client it feeds; the client only transmits once both exist.
  const client = new StepClient((m) => conn.send(m));
  const conn = new DapConnection(input, (m) => client.receive(m), () => undefined, output);
  return { client, conn };
}

async function direct(): Promise<Target> {
  const dlv = await listeningDlv();
  const { client, conn } = clientOn(await connect(dlv.path));
  return {
    client,
    close: async () => {
      await client.request('disconnect', { terminateDebuggee: true }).catch(() => undefined);
      conn.close();
      await dlv.close();
    },
  };
}

/**
 * The relay: a Node process that copies stdin to dlv's socket and the socket to stdout, with
 * nothing else loaded (this bundle would run `go env` on load), tuned like the adapter so the
 * floor is the best a Node process of its own does.
 */
const RELAY_SOURCE = `
require('node:v8').setFlagsFromString('--interrupt-budget=4096');
const socket = require('node:net').createConnection({ path: process.argv[1] }, () => {
  process.stdin.pipe(socket);
  socket.pipe(process.stdout);
});
socket.on('close', () => process.exit(0));
`;

async function relay(): Promise<Target> {
  const dlv = await listeningDlv();
  const child = spawn(process.execPath, ['-e', RELAY_SOURCE, dlv.path], { stdio: ['pipe', 'pipe', 'inherit'] });
  const { client, conn } = clientOn(child.stdout!, child.stdin!);
  return {
    client,
    middle: child.pid,
    close: async () => {
      await client.request('disconnect', { terminateDebuggee: true }).catch(() => undefined);
      conn.close();
      await dlv.close();
      await waitGone([child.pid!], 5_000);
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

function standaloneOf(script: string): () => Promise<Target> {
  return async () => {
    const adapter = spawn(process.execPath, [script], { env: toolEnv(), stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise((done) => adapter.once('exit', done));
    const { client } = clientOn(adapter.stdout!, adapter.stdin!);
    return {
      client,
      middle: adapter.pid,
      close: async () => {
        await client.request('disconnect', { terminateDebuggee: true }).catch(() => undefined);
        await withTimeout(exited, 10_000, 'adapter exit');
      },
    };
  };
}

/** Builds and launches the fixture, stops at the `step` breakpoint; returns the stopped thread. */
async function launch(client: StepClient, output: string): Promise<number> {
  await client.request('initialize', { adapterID: 'go', pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true, supportsVariableType: true });
  const initialized = client.event('initialized');
  const launched = client.request('launch', { mode: 'debug', program: DEBUG_FIXTURE, output, args: ['step'] });
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
/** CPU time of every thread of a process so far, in ms (Linux; undefined elsewhere). */
function cpuMs(pid: number | undefined): number | undefined {
  const tasks = `/proc/${pid}/task`;
  if (pid === undefined || !existsSync(tasks)) {
    return undefined;
  }
  let ns = 0;
  for (const tid of readdirSync(tasks)) {
    try {
      // schedstat: time on CPU (ns), time waiting to run (ns), timeslices.
      ns += Number(readFileSync(join(tasks, tid, 'schedstat'), 'utf8').split(' ')[0]);
    } catch {
      // A thread that ended since the listing took its time with it.
    }
  }
  return ns / 1e6;
}

const PATHS = { direct, inline, standalone: standaloneOf(ADAPTER), relay, baseline: standaloneOf(process.env.BENCH_BASELINE ?? ADAPTER) };
type PathName = keyof typeof PATHS;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'godlv-bench-'));
  const names = (process.env.BENCH_PATHS?.split(',') ?? ['direct', 'inline', 'standalone', 'relay', ...(process.env.BENCH_BASELINE ? ['baseline'] : [])]) as PathName[];
  const results = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<PathName, number[]>;
  const f5 = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<PathName, number[]>;
  const middleCpu = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<PathName, number[]>;
  const f5Cpu = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<PathName, number[]>;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const targets: { name: PathName; target: Target; threadId: number; cpuAtStart: number }[] = [];
      try {
        for (let k = 0; k < names.length; k++) {
          const name = names[(round + k) % names.length];
          const start = performance.now();
          const target = await PATHS[name]();
          const threadId = await launch(target.client, join(dir, `${name}-${round}`)).catch(async (err: unknown) => {
            await target.close();
            throw err;
          });
          f5[name].push(performance.now() - start);
          f5Cpu[name].push(cpuMs(target.middle) ?? NaN);
          targets.push({ name, target, threadId, cpuAtStart: 0 });
        }
        for (let i = 0; i < WARMUP + STEPS; i++) {
          if (i === WARMUP) {
            targets.forEach((t) => (t.cpuAtStart = cpuMs(t.target.middle) ?? NaN));
          }
          for (let k = 0; k < targets.length; k++) {
            const t = targets[(i + k) % targets.length];
            const ms = await step(t.target.client, t.threadId);
            if (i >= WARMUP) {
              results[t.name].push(ms);
            }
          }
        }
        targets.forEach((t) => middleCpu[t.name].push(((cpuMs(t.target.middle) ?? NaN) - t.cpuAtStart) / STEPS));
      } finally {
        for (const t of targets) {
          await t.target.close();
        }
      }
      const last = (name: PathName): number[] => results[name].slice(-STEPS);
      console.log(`round ${round + 1}: F5 ${names.map((n) => `${n} ${f5[n][round].toFixed(0)}`).join('  ')}; step ${names.map((n) => `${n} ${median(last(n)).toFixed(2)}`).join('  ')} (median ms)`);
    }
    console.log(`\nF5 = start + initialize + launch (dlv builds the program) + breakpoint + configurationDone, until the first stop; ${ROUNDS} per path`);
    for (const name of names) {
      const relay = f5.relay?.length ? `  ratio to relay ${(median(f5[name]) / median(f5.relay)).toFixed(3)}` : '';
      const cpu = median(f5Cpu[name]);
      const middle = Number.isNaN(cpu) ? '' : `  middle process CPU ${cpu.toFixed(0)} ms`;
      console.log(`${name.padEnd(10)} median ${median(f5[name]).toFixed(0)} ms  ratio to direct ${(median(f5[name]) / median(f5.direct ?? f5[name])).toFixed(3)}${relay}${middle}`);
    }
    if (f5.standalone?.length && f5.relay?.length) {
      console.log(`F5 through the adapter process / a bare relay process: ${(median(f5.standalone) / median(f5.relay)).toFixed(3)} (target <= 1.10)`);
    }
    const base = median(results.direct ?? []);
    console.log(`\nstep = next + stopped + stackTrace + scopes + variables; ${ROUNDS} rounds x ${STEPS} steps per path, interleaved`);
    for (const name of names) {
      const m = median(results[name]);
      const cpu = mean(middleCpu[name]);
      const middle = Number.isNaN(cpu) ? '' : `  middle process CPU ${cpu.toFixed(2)} ms/step`;
      console.log(`${name.padEnd(10)} median ${m.toFixed(2)} ms  mean ${mean(results[name]).toFixed(2)} ms  ratio to direct ${(m / base).toFixed(3)}${middle}`);
    }
    if (results.inline && results.direct) {
      console.log(`adapter as the extension runs it (inline) / direct dlv dap: ${(median(results.inline) / base).toFixed(3)} (target <= 1.10)`);
    }
    if (results.standalone && results.relay) {
      console.log(`step through the adapter process / a bare relay process: ${(median(results.standalone) / median(results.relay)).toFixed(3)} (target <= 1.05)`);
      // standalone / direct = (relay / direct) x (standalone / relay): the hop, then the DAP work.
      console.log(`process hop alone (relay / direct): ${(median(results.relay) / base).toFixed(3)}`);
      console.log(`adapter's DAP work in its own process (standalone / relay): ${(median(results.standalone) / median(results.relay)).toFixed(3)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
