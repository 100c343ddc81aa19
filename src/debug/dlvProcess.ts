import { spawn, ChildProcess } from 'node:child_process';
import { AddressInfo, createConnection, createServer, Server, Socket } from 'node:net';
import { join } from 'node:path';
import { readlinkSync } from 'node:fs';
import { identify, isAlive, killRecorded, killTree, ProcessIdentity, processTree } from './processTree';
import { UserError } from './userError';

const CONNECT_TIMEOUT_MS = 20_000;
// sockaddr_un.sun_path is 108 bytes on Linux, 104 on macOS.
const MAX_SOCKET_PATH = 100;
// dlv's output is kept only to say why it died: its last lines, not a whole log.
const OUTPUT_TAIL_CHARS = 4096;
const LAST_LINES = 8;

export interface DlvStart {
  path: string;
  flags: string[];
  cwd: string;
  /** The session's private temp dir, for the socket dlv dials in on. */
  socketDir?: string;
  /** dlv's environment; the adapter's own when absent. */
  env?: NodeJS.ProcessEnv;
  /** dlv's own stdout/stderr (logs, Go version complaints), for the debug console. */
  onOutput: (text: string) => void;
}

/** How dlv ended, in words: "exit code 2" or "killed by SIGKILL". */
export type ExitDescription = string;

/** A running `dlv dap` and the socket it dialled in on. */
export class DlvProcess {
  private readonly exited: Promise<ExitDescription>;
  /** The processes dlv launched, recorded while dlv was alive to show them. */
  private debuggees: ProcessIdentity[] = [];
  /** Which of them are the program (not dlv's own helpers), judged while they were alive. */
  private programs: number[] = [];

  private constructor(
    readonly child: ChildProcess,
    readonly socket: Socket,
    /** dlv's own binary, to tell its helper processes from the program. */
    private binary: string,
    private readonly output: () => string,
  ) {
    this.exited = new Promise((done) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        done(describeExit(child.exitCode, child.signalCode));
      } else {
        child.once('exit', (code, signal) => done(describeExit(code, signal)));
      }
    });
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /**
   * dlv is started with --client-addr: the adapter listens and dlv dials in, so dlv itself
   * never listens for anyone. The listener closes after the first connection.
   */
  static async start(opts: DlvStart): Promise<DlvProcess> {
    const server = createServer();
    const clientAddr = await listen(server, opts.socketDir);
    const child = spawn(opts.path, ['dap', `--client-addr=${clientAddr}`, ...opts.flags], {
      cwd: opts.cwd,
      env: opts.env,
      // Its own process group, so a Ctrl-C meant for the adapter's terminal does not reach it.
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let output = '';
    const collect = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-OUTPUT_TAIL_CHARS);
      opts.onOutput(text);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    try {
      const socket = await new Promise<Socket>((done, fail) => {
        const timer = setTimeout(() => fail(new UserError(`dlv did not connect within ${CONNECT_TIMEOUT_MS / 1000}s.`)), CONNECT_TIMEOUT_MS);
        server.once('connection', (s) => {
          clearTimeout(timer);
          done(s);
        });
        child.once('error', (err) => {
          clearTimeout(timer);
          fail(new UserError(`Cannot start ${opts.path}: ${err.message}`));
        });
        child.once('exit', (code, signal) => {
          clearTimeout(timer);
          const detail = output.trim() || `exit ${signal ?? code}`;
          fail(new UserError(`dlv exited before the debug session started: ${detail}`));
        });
      });
      return new DlvProcess(child, socket, opts.path, () => output);
    } catch (err) {
      if (child.pid) {
        killTree([child.pid]);
      }
      throw err;
    } finally {
      server.close();
    }
  }

  /**
   * Records the processes dlv has started (the program it launched and anything below it),
   * so they can be ended even after dlv dies: then they are re-parented to init and can no
   * longer be found from dlv. Called once the launch has succeeded. A process dlv attached
   * to is not its child and is never recorded.
   */
  recordDebuggees(): number[] {
    if (this.child.exitCode === null) {
      this.binary = executableOf(this.pid) ?? this.binary;
      const found = processTree([this.pid]).filter((p) => p !== this.pid).map(identify);
      this.debuggees = found.filter((p): p is ProcessIdentity => p !== undefined);
      // Judged now: a program that dies with dlv (SIGPIPE on the output dlv no longer reads)
      // has no readable executable by the time dlv's death is noticed.
      this.programs = this.debuggees.filter((p) => isProgram(executableOf(p.pid), this.binary)).map((p) => p.pid);
    }
    return this.debuggeePids();
  }

  debuggeePids(): number[] {
    return this.debuggees.map((p) => p.pid);
  }

  /**
   * Ends the recorded processes, for when dlv has died and cannot end them itself; returns
   * the programs among them (not dlv's own helpers, such as its telemetry child), which are
   * ended now whether killed here or gone with dlv.
   */
  endDebuggees(): number[] {
    killRecorded(this.debuggees);
    return this.programs;
  }

  /** Resolves with how dlv ended once it has, or undefined if it still runs after `ms`. */
  async exitWithin(ms: number): Promise<ExitDescription | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((done) => (timer = setTimeout(() => done(undefined), ms)));
    const how = await Promise.race([this.exited, late]);
    clearTimeout(timer);
    return how;
  }

  /** dlv's last lines of output (stdout and stderr), for saying why it died. */
  lastOutput(): string[] {
    return this.output().split('\n').map((l) => l.trimEnd()).filter(Boolean).slice(-LAST_LINES);
  }

  /**
   * Starts dlv while its version check (`checked`) still runs, so `dlv version` adds no time
   * before the build. `onStarted` gets a dlv that started even when the check then fails (the
   * caller stops it with the session); the check's failure is the one reported.
   */
  static async startChecked(opts: DlvStart, checked: Promise<unknown>, onStarted: (dlv: DlvProcess) => void): Promise<DlvProcess> {
    const [started, check] = await Promise.allSettled([DlvProcess.start(opts), checked]);
    if (started.status === 'fulfilled') {
      onStarted(started.value);
    }
    if (check.status === 'rejected') {
      throw check.reason;
    }
    if (started.status === 'rejected') {
      throw started.reason;
    }
    return started.value;
  }

  /**
   * Closes the connection (dlv ends its session on EOF, killing a program it launched), gives
   * dlv a moment to exit, then kills whatever of its tree is left. The tree is read first:
   * once dlv exits its children are re-parented and can no longer be found from it.
   */
  async stop(graceMs: number): Promise<void> {
    const tree = this.child.exitCode === null ? processTree([this.pid]) : [];
    this.socket.destroy();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.exited, new Promise<void>((done) => (timer = setTimeout(done, graceMs)))]);
    clearTimeout(timer);
    killTree(tree.filter(isAlive));
    killRecorded(this.debuggees);
    await this.exited;
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): ExitDescription {
  return signal ? `killed by ${signal}` : `exit code ${code ?? '?'}`;
}

/**
 * Where dlv dials in: a Unix socket in the session's private (0700) temp dir, so no other
 * user can connect in dlv's place; on Windows, or if the path is too long for a socket,
 * 127.0.0.1 with a port chosen by the OS.
 */
async function listen(server: Server, socketDir: string | undefined): Promise<string> {
  const path = socketDir && join(socketDir, 'dlv.sock');
  const useSocket = path !== undefined && process.platform !== 'win32' && Buffer.byteLength(path) < MAX_SOCKET_PATH;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    if (useSocket) {
      server.listen(path, done);
    } else {
      server.listen(0, '127.0.0.1', done);
    }
  });
  return useSocket ? `unix:${path}` : `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Attach remote: a headless dlv someone else started (dlv --headless --accept-multiclient). */
export function connectRemote(host: string, port: number): Promise<Socket> {
  return new Promise((done, fail) => {
    const socket = createConnection({ host, port }, () => done(socket));
    socket.once('error', (err) => fail(new UserError(`Cannot reach dlv at ${host}:${port}: ${err.message}`)));
  });
}

/**
 * Whether a process dlv started, with executable `exe`, is the program rather than dlv's own
 * telemetry child (`dlv ** telemetry **`, same executable). That child exits on its own; once it
 * has exited (a zombie until init reaps it) /proc/<pid>/exe cannot be read, so on Linux an
 * unreadable executable is not a program either (seen in CI: "pid 1574, 1610" for one program).
 */
function isProgram(exe: string | undefined, dlvBinary: string | undefined): boolean {
  if (exe === undefined) {
    return process.platform !== 'linux';
  }
  return exe !== dlvBinary;
}

/** The binary a process runs, where /proc says. */
function executableOf(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return undefined;
  }
}
