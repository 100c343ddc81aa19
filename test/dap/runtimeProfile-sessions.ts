// The four kinds of session without a helper in the build, each stopped right after the
// fixture wrote its own profiles: `dlv dap` exec, `dlv dap` attach to a local pid, a headless
// `dlv attach` on 127.0.0.1 reached as a remote, and `dlv dap` on a core file from gcore.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DlvLaunchArgs } from '../../src/capture/api';
import { createCaptureController } from '../../src/capture/controller';
import { DlvSession, bpLine } from './capture-dlv';

export interface Target {
  binary: string;
  source: string;
  /** Folder the program writes heap/allocs/block/mutex .pb.gz into. */
  outDir: string;
  extraArgs?: string[];
  /** The `// BP:` names to stop at; BP:written when absent. */
  breakAt?: string[];
}

export interface Stopped {
  dlv: DlvSession;
  /** The program when the test started it (attach, remote, core); ended by pid in `end`. */
  program?: ChildProcess;
  end(): Promise<void>;
}

async function initialize(dlv: DlvSession): Promise<void> {
  await dlv.request('initialize', { adapterID: 'go', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
}

async function breakAtWritten(dlv: DlvSession, t: Target): Promise<void> {
  const names = t.breakAt ?? ['written'];
  await dlv.request('setBreakpoints', { source: { path: t.source }, breakpoints: names.map((name) => ({ line: bpLine(t.source, name) })) });
}

/**
 * Starts the program to print "ready" and block on stdin: before it writes its profiles
 * (-wait: a debugger attaches, then lets it write and stop at BP:written, so nothing the attach
 * stirs in the runtime falls between the writes and the stop) or after (-hold: for gcore).
 */
async function startWaiting(t: Target, flag: '-wait' | '-hold'): Promise<ChildProcess> {
  const program = spawn(t.binary, [t.outDir, ...(t.extraArgs ?? []), flag], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    program.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready')) {
        resolve();
      }
    });
    program.once('exit', (code) => reject(new Error(`the program exited (${code}) before it was ready: ${out}`)));
  });
  return program;
}

async function endProgram(program: ChildProcess): Promise<void> {
  if (program.exitCode === null && program.signalCode === null) {
    const exited = new Promise((resolve) => program.once('exit', resolve));
    process.kill(program.pid!, 'SIGKILL');
    await exited;
  }
}

export async function execSession(t: Target): Promise<Stopped> {
  const dlv = await DlvSession.start(join(t.source, '..'));
  await initialize(dlv);
  const initialized = dlv.waitFor('initialized');
  await dlv.request('launch', { request: 'launch', mode: 'exec', program: t.binary, args: [t.outDir, ...(t.extraArgs ?? [])] });
  await initialized;
  await breakAtWritten(dlv, t);
  const stopped = dlv.waitFor('stopped');
  await dlv.request('configurationDone', {});
  await stopped;
  return { dlv, end: () => dlv.close() };
}

/** Attaches (dlv halts the process), breaks at BP:written and lets the program go on to it. */
async function attachAndStop(dlv: DlvSession, t: Target, program: ChildProcess, attachArgs: object): Promise<void> {
  await initialize(dlv);
  const initialized = dlv.waitFor('initialized');
  await dlv.request('attach', attachArgs);
  await initialized;
  await breakAtWritten(dlv, t);
  const stopped = dlv.waitFor('stopped', 60000, (e) => e.body.reason === 'breakpoint');
  await dlv.request('configurationDone', {});
  // A halted remote target stays halted after configurationDone; a local attach runs on.
  await dlv.request('continue', { threadId: 1 }).catch(() => undefined);
  program.stdin!.write('\n');
  await stopped;
}

export async function attachLocalSession(t: Target): Promise<Stopped> {
  const program = await startWaiting(t, '-wait');
  const dlv = await DlvSession.start(join(t.source, '..'));
  await attachAndStop(dlv, t, program, { request: 'attach', mode: 'local', processId: program.pid });
  return { dlv, program, end: async () => { await dlv.close(); await endProgram(program); } };
}

export async function attachRemoteSession(t: Target): Promise<Stopped> {
  const program = await startWaiting(t, '-wait');
  const dlv = await DlvSession.startWith(['attach', String(program.pid), '--headless', '--listen=127.0.0.1:0', '--accept-multiclient', '--api-version=2'], join(t.source, '..'));
  await attachAndStop(dlv, t, program, { request: 'attach', mode: 'remote' });
  return { dlv, program, end: async () => { await dlv.close(); await endProgram(program); } };
}

/**
 * gcore (gdb) writes the core of the waiting program; dlv then opens it with the binary.
 * With `profileDir`, the capture controller is in front, as the adapter puts it.
 */
export async function coreSession(t: Target, coreDir: string, profileDir?: string): Promise<Stopped> {
  const program = await startWaiting(t, '-hold');
  const prefix = join(coreDir, 'core');
  try {
    execFileSync('gcore', ['-o', prefix, String(program.pid)], { stdio: 'ignore' });
  } finally {
    await endProgram(program);
  }
  const corefilePath = `${prefix}.${program.pid}`;
  if (!existsSync(corefilePath)) {
    throw new Error(`gcore wrote no ${corefilePath}`);
  }
  const dlv = await DlvSession.start(join(t.source, '..'));
  let args: DlvLaunchArgs = { request: 'launch', mode: 'core', program: t.binary, corefilePath, profileDir };
  if (profileDir) {
    dlv.controller = createCaptureController(dlv);
    args = await dlv.controller.prepareLaunch(args);
  }
  await initialize(dlv);
  const initialized = dlv.waitFor('initialized');
  await dlv.request('launch', args);
  await initialized;
  // A core cannot run: dlv reports that as a stop, which is where captures are taken.
  const stopped = dlv.waitFor('stopped');
  await dlv.request('configurationDone', {});
  await stopped;
  return { dlv, end: () => dlv.close() };
}
