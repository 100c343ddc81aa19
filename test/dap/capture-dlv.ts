// A minimal DAP client for real `dlv dap`, so the capture controller can be tested against
// Delve itself before (and independently of) the adapter. It implements CaptureHost over the
// socket and hands stops to the controller the way the adapter does.
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { Socket, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { perftools } from '../../src/profile/proto/profile';
import { CaptureController, CaptureHost, DlvLaunchArgs } from '../../src/capture/api';

export interface DapEvent {
  event: string;
  body: Record<string, unknown>;
}

interface Pending {
  resolve(body: unknown): void;
  reject(err: Error): void;
}

export function dlvPath(): string {
  const gopath = process.env.GOPATH ?? `${process.env.HOME}/go`;
  return process.env.DLV ?? `${gopath}/bin/dlv`;
}

export class DlvSession implements CaptureHost {
  readonly events: DapEvent[] = [];
  readonly sent: DapEvent[] = [];
  readonly logs: string[] = [];
  controller?: CaptureController;
  /** The arguments dlv was launched with, after the controller prepared them. */
  launched?: DlvLaunchArgs;
  private seq = 1;
  private buffer = Buffer.alloc(0);
  private readonly pending = new Map<number, Pending>();
  private eventChain: Promise<void> = Promise.resolve();
  private waiters: { match: (e: DapEvent) => boolean; resolve: (e: DapEvent) => void }[] = [];

  private constructor(readonly proc: ChildProcess, private readonly socket: Socket) {
    socket.on('data', (chunk) => this.onData(chunk));
  }

  /** Starts `dlv dap` on an OS-chosen loopback port with cwd = the fixture module. */
  static async start(cwd: string): Promise<DlvSession> {
    return DlvSession.startWith(['dap', '--listen=127.0.0.1:0'], cwd);
  }

  /** Starts dlv with these arguments (e.g. a headless `dlv attach`) and connects to the port it prints. */
  static async startWith(dlvArgs: string[], cwd: string): Promise<DlvSession> {
    const proc = spawn(dlvPath(), dlvArgs, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`dlv did not start: ${out}`)), 20000);
      proc.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening at: [^\s]*:(\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      proc.on('exit', () => reject(new Error(`dlv exited: ${out}`)));
    });
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new DlvSession(proc, socket);
  }

  request(command: string, args: object): Promise<unknown> {
    const seq = this.seq++;
    const msg = JSON.stringify({ seq, type: 'request', command, arguments: args });
    this.socket.write(`Content-Length: ${Buffer.byteLength(msg)}\r\n\r\n${msg}`);
    return new Promise((resolve, reject) => this.pending.set(seq, { resolve, reject }));
  }

  sendEvent(event: string, body: object): void {
    this.sent.push({ event, body: body as Record<string, unknown> });
  }

  log(text: string): void {
    this.logs.push(text);
  }

  /** Resolves with the next event (from now on) that matches. */
  waitFor(event: string, timeoutMs = 60000, match: (e: DapEvent) => boolean = () => true): Promise<DapEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), timeoutMs);
      this.waiters.push({
        match: (e) => e.event === event && match(e),
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  }

  /** initialize + launch (through the controller's prepareLaunch) + breakpoints + configurationDone. */
  async launch(args: DlvLaunchArgs, breakpoints: Record<string, number[]>): Promise<void> {
    await this.request('initialize', { adapterID: 'go', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
    const prepared = this.controller ? await this.controller.prepareLaunch(args) : args;
    this.launched = prepared;
    const initialized = this.waitFor('initialized');
    await this.request('launch', prepared);
    await initialized;
    for (const [path, lines] of Object.entries(breakpoints)) {
      await this.request('setBreakpoints', { source: { path }, breakpoints: lines.map((line) => ({ line })) });
    }
    await this.request('configurationDone', {});
  }

  /** Continues and waits for the next stop (passed through the controller first). */
  async continueToStop(timeoutMs = 60000): Promise<DapEvent> {
    const stopped = this.waitFor('stopped', timeoutMs);
    await this.request('continue', { threadId: 1 });
    return stopped;
  }

  async close(): Promise<void> {
    await this.controller?.dispose();
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      const exited = new Promise((resolve) => this.proc.once('exit', resolve));
      await Promise.race([this.request('disconnect', { terminateDebuggee: true }), delay(5000)]).catch(() => undefined);
      this.socket.end();
      const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) {
        return;
      }
      const m = /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString());
      const length = Number(m?.[1] ?? 0);
      if (this.buffer.length < headerEnd + 4 + length) {
        return;
      }
      const msg = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString());
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(msg);
    }
  }

  private dispatch(msg: { type: string; request_seq?: number; success?: boolean; message?: string; body?: unknown; event?: string }): void {
    if (msg.type === 'response') {
      const p = this.pending.get(msg.request_seq!);
      this.pending.delete(msg.request_seq!);
      if (msg.success) {
        p?.resolve(msg.body ?? {});
      } else {
        const body = msg.body as { error?: { format?: string } } | undefined;
        p?.reject(new Error(body?.error?.format ?? msg.message ?? 'request failed'));
      }
      return;
    }
    if (msg.type !== 'event') {
      return;
    }
    const event: DapEvent = { event: msg.event!, body: (msg.body ?? {}) as Record<string, unknown> };
    // The adapter lets the controller see a stop before the client does; do the same.
    // Events stay in order even while the controller takes its time with a stop.
    this.eventChain = this.eventChain.then(async () => {
      if (event.event === 'stopped' && this.controller) {
        await this.controller
          .onStopped({ reason: String(event.body.reason), threadId: event.body.threadId as number | undefined })
          .catch((err: Error) => this.logs.push(`onStopped failed: ${err.message}`));
      }
      this.events.push(event);
      const waiter = this.waiters.find((w) => w.match(event));
      if (waiter) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(event);
      }
    });
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port free on 127.0.0.1 right now, for a fixture's pprof HTTP server. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** This file is bundled into out/test/dap and out/bench: find the repository from either. */
function repoRoot(): string {
  for (let d = __dirname; d !== dirname(d); d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) {
      return d;
    }
  }
  throw new Error(`no package.json above ${__dirname}`);
}

export const captureFixtures = join(repoRoot(), 'test', 'fixtures', 'capture');

/** The line marked `// BP:<name>` in a fixture file. */
export function bpLine(file: string, name: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(`// BP:${name}`));
  if (index < 0) {
    throw new Error(`no BP:${name} in ${file}`);
  }
  return index + 1;
}

export interface FuncCost {
  flat: number;
  cum: number;
}

export interface ReadProfile {
  sampleTypes: string[];
  comments: string[];
  /** Per function name: flat (leaf) and cum (once per sample) of one sample type. */
  costs(sampleType: string): Map<string, FuncCost>;
  /** Samples as function-name stacks (leaf first) with their values by sample type; `at` is the same stack as "function:line". */
  samples: { stack: string[]; at: string[]; values: Record<string, number>; labels: Record<string, string> }[];
}

/** Decodes a gzipped pprof file with the generated protobuf code: no shortcuts through our own writer. */
export function readProfile(path: string): ReadProfile {
  const p = perftools.profiles.Profile.decode(gunzipSync(readFileSync(path)));
  const str = (i: unknown) => p.stringTable[Number(i)];
  const fn = new Map(p.function.map((f) => [Number(f.id), str(f.name)]));
  const loc = new Map(p.location.map((l) => [Number(l.id), (l.line ?? []).map((ln) => ({ name: fn.get(Number(ln.functionId)) ?? '?', line: Number(ln.line) }))]));
  const sampleTypes = p.sampleType.map((t) => str(t.type));
  const samples = p.sample.map((s) => {
    const frames = (s.locationId ?? []).flatMap((id) => loc.get(Number(id)) ?? []);
    return {
      stack: frames.map((f) => f.name),
      at: frames.map((f) => `${f.name}:${f.line}`),
      values: Object.fromEntries(sampleTypes.map((t, i) => [t, Number((s.value ?? [])[i])])),
      labels: Object.fromEntries((s.label ?? []).filter((l) => l.str).map((l) => [str(l.key), str(l.str)])),
    };
  });
  return {
    sampleTypes,
    comments: (p.comment ?? []).map(str),
    samples,
    costs(sampleType) {
      const out = new Map<string, FuncCost>();
      for (const s of samples) {
        const v = s.values[sampleType];
        s.stack.forEach((name, i) => {
          const c = out.get(name) ?? { flat: 0, cum: 0 };
          if (i === 0) {
            c.flat += v;
          }
          if (s.stack.indexOf(name) === i) {
            c.cum += v;
          }
          out.set(name, c);
        });
      }
      return out;
    },
  };
}

/** Directories and files under the OS temp dir that capture sessions create. */
export function captureTempEntries(): string[] {
  return readdirSync(tmpdir()).filter((n) => n.startsWith('go-debug-profile-'));
}

/** The helper's temp dir of a launch, read back from the -overlay flag it was given. */
export function helperDirOf(args: DlvLaunchArgs | undefined): string | undefined {
  const m = /-overlay=(.+?)\/overlay\.json/.exec(String(args?.buildFlags ?? ''));
  return m?.[1];
}
