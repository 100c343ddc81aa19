// Drives the built standalone adapter (out/debug/adapter.js) with DebugClient, against real
// dlv and the Go programs in test/fixtures. Shared by the go-dlv and capture DAP suites.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterEach } from 'node:test';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { isAlive, processTree } from '../../src/debug/processTree';

/** The repository root: this file is bundled into out/test/dap and into out/bench. */
export const ROOT = findRoot(__dirname);

function findRoot(dir: string): string {
  for (let d = dir; d !== dirname(d); d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) {
      return d;
    }
  }
  throw new Error(`no package.json above ${dir}`);
}
export const ADAPTER = join(ROOT, 'out', 'debug', 'adapter.js');
export const DEBUG_FIXTURE = join(ROOT, 'test', 'fixtures', 'debug');
export const MAIN_GO = join(DEBUG_FIXTURE, 'main.go');

const GOPATH_BIN = join(execFileSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).trim(), 'bin');

/** The environment with $(go env GOPATH)/bin on PATH, where CI installs dlv. */
export function toolEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${GOPATH_BIN}${delimiter}${process.env.PATH ?? ''}`, ...extra };
}

export function dlvBinary(): string {
  return join(GOPATH_BIN, 'dlv');
}

/** The 1-based line of the `// BP:<name>` marker in a fixture file. */
export function lineOf(file: string, marker: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(`// BP:${marker}`) && !l.includes(`// BP:${marker}x`));
  if (index < 0) {
    throw new Error(`no // BP:${marker} in ${file}`);
  }
  return index + 1;
}

class AdapterClient extends DebugClient {
  attachTo(child: ChildProcess): void {
    this.connect(child.stdout!, child.stdin!);
  }
}

export interface AdapterSession {
  client: DebugClient;
  adapter: ChildProcess;
  /** Everything the adapter wrote to stderr (it must stay quiet: stdout is DAP). */
  stderr(): string;
  /** Output events seen so far, in order. */
  output(): string;
  /**
   * The next stop not yet taken, in order. Stops are queued as they arrive, so a stop that
   * comes in the same read as the request's response is not missed.
   */
  nextStop(timeoutMs?: number): Promise<DebugProtocol.StoppedEvent['body']>;
  /** Sends continue/next/stepIn/stepOut/pause and waits for the stop it causes. */
  resume(command: 'continue' | 'next' | 'stepIn' | 'stepOut' | 'pause', threadId: number): Promise<DebugProtocol.StoppedEvent['body']>;
  /** The adapter's descendants right now: dlv, the debuggee, the watchdog, any go build. */
  descendants(): number[];
  /** What is in the session's private temp dir (isolateTmp) right now. */
  leftovers(): string[];
  /** Resolves when the output so far matches; output may trail the terminated event. */
  waitForOutput(pattern: RegExp, ms?: number): Promise<void>;
  /**
   * Disconnects, waits for the adapter to exit and checks nothing it started survives and,
   * with isolateTmp, that its temp dir is empty.
   */
  close(): Promise<void>;
}

export interface AdapterOptions {
  /**
   * Give the adapter (and so dlv and go build) a temp dir of their own (TMPDIR) and have
   * close() fail if anything is left in it. Other suites on the machine use the shared
   * temp dir at the same time, so only a private one shows what this session left.
   */
  isolateTmp?: boolean;
}

/** Private temp dirs not yet checked by close(): a failed test must not leave them behind. */
const openTmpDirs = new Set<string>();
process.on('exit', () => openTmpDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Starts `node out/debug/adapter.js` and a DebugClient talking DAP to it over stdio. */
export function startAdapter(env: NodeJS.ProcessEnv = toolEnv(), options: AdapterOptions = {}): AdapterSession {
  const tmp = options.isolateTmp ? mkdtempSync(join(tmpdir(), 'godlv-session-')) : undefined;
  if (tmp) {
    openTmpDirs.add(tmp);
  }
  const adapter = spawn(process.execPath, [ADAPTER], { env: tmp ? { ...env, TMPDIR: tmp } : env, stdio: ['pipe', 'pipe', 'pipe'] });
  // Writing to a killed adapter must fail the request, not the test process.
  adapter.stdin!.on('error', () => undefined);
  const client = new AdapterClient('node', ADAPTER, 'go-dlv');
  client.defaultTimeout = 30_000;
  client.attachTo(adapter);
  let stderr = '';
  adapter.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let output = '';
  const outputWaiters: (() => void)[] = [];
  client.on('output', (event: DebugProtocol.OutputEvent) => {
    output += event.body.output;
    outputWaiters.splice(0).forEach((w) => w());
  });
  const leftovers = (): string[] => (tmp && existsSync(tmp) ? readdirSync(tmp) : []);
  const exited = new Promise<void>((done) => adapter.once('exit', () => done()));
  const stops: DebugProtocol.StoppedEvent['body'][] = [];
  const waiters: ((body: DebugProtocol.StoppedEvent['body']) => void)[] = [];
  client.on('stopped', (event: DebugProtocol.StoppedEvent) => {
    const waiter = waiters.shift();
    if (waiter) {
      waiter(event.body);
    } else {
      stops.push(event.body);
    }
  });
  const nextStop = (timeoutMs = 30_000): Promise<DebugProtocol.StoppedEvent['body']> => {
    const queued = stops.shift();
    if (queued) {
      return Promise.resolve(queued);
    }
    const waiting = new Promise<DebugProtocol.StoppedEvent['body']>((done) => waiters.push(done));
    return withTimeout(waiting, timeoutMs, 'no stopped event');
  };
  const seen = new Set<number>();
  const descendants = (): number[] => {
    const pids = adapter.exitCode === null && adapter.pid ? processTree([adapter.pid]).filter((p) => p !== adapter.pid) : [];
    pids.forEach((p) => seen.add(p));
    return pids;
  };
  return {
    client,
    adapter,
    stderr: () => stderr,
    output: () => output,
    descendants,
    leftovers,
    async waitForOutput(pattern, ms = 5_000) {
      const deadline = Date.now() + ms;
      while (!pattern.test(output)) {
        if (Date.now() > deadline) {
          throw new Error(`output never matched ${pattern}:\n${output}`);
        }
        await new Promise<void>((done) => {
          outputWaiters.push(done);
          setTimeout(done, 100);
        });
      }
    },
    nextStop,
    async resume(command, threadId) {
      await client.send(command, { threadId });
      return nextStop();
    },
    async close() {
      descendants();
      if (adapter.exitCode === null && adapter.signalCode === null) {
        await Promise.race([client.disconnectRequest({}).catch(() => undefined), exited]);
      }
      await withTimeout(exited, 10_000, 'the adapter did not exit after disconnect');
      await waitGone([...seen], 5_000);
      const left = leftovers();
      if (tmp) {
        rmSync(tmp, { recursive: true, force: true });
        openTmpDirs.delete(tmp);
      }
      if (left.length) {
        throw new Error(`the session left files in its temp dir: ${left.join(', ')}`);
      }
    },
  };
}

/** The adapter session and profile dir a test is using: what closeAfterEach cleans up. */
export interface TestSession {
  session: AdapterSession | undefined;
  profileDir: string;
}

/** Registers an afterEach that closes the test's session and removes its profile dir, pass or fail. */
export function closeAfterEach(): TestSession {
  const current: TestSession = { session: undefined, profileDir: '' };
  afterEach(async () => {
    await current.session?.close();
    current.session = undefined;
    rmSync(current.profileDir, { recursive: true, force: true });
  });
  return current;
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, fail) => (timer = setTimeout(() => fail(new Error(`timeout: ${what}`)), ms))),
  ]);
}

/** Resolves when none of the pids runs any more; rejects naming the survivors. */
export async function waitGone(pids: number[], ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const alive = pids.filter(isAlive);
    if (!alive.length) {
      return;
    }
    if (Date.now() > deadline) {
      const names = alive.map((p) => `${p} ${commandOf(p)}`).join(', ');
      throw new Error(`still running after the session: ${names}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function isRunning(pid: number): boolean {
  return isAlive(pid);
}

export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '?';
  }
}

/** The adapter's temporary build directories currently in the temp dir. */
export function adapterTempDirs(): string[] {
  return readdirSync(tmpdir()).filter((n) => n.startsWith('go-dlv-'));
}

export interface Breakpoints {
  [file: string]: DebugProtocol.SourceBreakpoint[];
}

/**
 * initialize → launch/attach → (initialized) setBreakpoints → configurationDone, the order VS
 * Code uses. Resolves with the setBreakpoints responses and the launch response; does not
 * wait for a stop.
 */
export async function startDebugging(
  client: DebugClient,
  request: 'launch' | 'attach',
  args: Record<string, unknown>,
  breakpoints: Breakpoints = {},
): Promise<{ breakpoints: DebugProtocol.Breakpoint[][] }> {
  await client.initializeRequest({ adapterID: 'go-dlv', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path', supportsVariableType: true, supportsRunInTerminalRequest: false });
  const initialized = client.waitForEvent('initialized');
  const started = request === 'launch' ? client.launchRequest(args as DebugProtocol.LaunchRequestArguments) : client.attachRequest(args as DebugProtocol.AttachRequestArguments);
  // A failed launch never sends `initialized`: report the launch error instead of a timeout.
  await Promise.race([initialized, started.then(() => initialized)]);
  const set: DebugProtocol.Breakpoint[][] = [];
  for (const [path, list] of Object.entries(breakpoints)) {
    const response = await client.setBreakpointsRequest({ source: { path }, breakpoints: list });
    set.push(response.body.breakpoints);
  }
  await client.configurationDoneRequest();
  await started;
  return { breakpoints: set };
}

/** The top frame of a thread. */
export async function topFrame(client: DebugClient, threadId: number): Promise<DebugProtocol.StackFrame> {
  const trace = await client.stackTraceRequest({ threadId, startFrame: 0, levels: 1 });
  return trace.body.stackFrames[0];
}

/** Local variables of the top frame, by name. */
export async function locals(client: DebugClient, frameId: number): Promise<Map<string, DebugProtocol.Variable>> {
  const scopes = await client.scopesRequest({ frameId });
  const scope = scopes.body.scopes.find((s) => s.name === 'Locals') ?? scopes.body.scopes[0];
  const vars = await client.variablesRequest({ variablesReference: scope.variablesReference });
  return new Map(vars.body.variables.map((v) => [v.name, v]));
}

export async function children(client: DebugClient, variable: DebugProtocol.Variable): Promise<Map<string, DebugProtocol.Variable>> {
  const vars = await client.variablesRequest({ variablesReference: variable.variablesReference });
  return new Map(vars.body.variables.map((v) => [v.name, v]));
}

/** Builds a fixture once with optimizations off (for exec and attach), into a temp dir. */
export function buildFixture(outPath: string, dir = DEBUG_FIXTURE): string {
  execFileSync('go', ['build', '-gcflags=all=-N -l', '-o', outPath, '.'], { cwd: dir, env: toolEnv(), stdio: 'pipe' });
  return outPath;
}
