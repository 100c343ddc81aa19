import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import type { DlvLaunchArgs } from '../capture/api';
import { checkDlvVersion, DlvInfo, findDlvAnywhere } from './dlvLocator';
import { readEnvFile } from './envFile';
import { findGo, goLibraryRoots, rootList } from './goCommand';
import { programKind } from './goPackage';
import { findInDirs, isExecutableFile, pathDirs } from './pathSearch';
import { UserError } from './userError';

/** Attributes of a go-dlv configuration that are the adapter's, not dlv's. */
export interface AdapterAttributes {
  dlvPath?: string;
  dlvFlags?: string[];
  envFile?: string;
  showLog?: boolean;
  logOutput?: string;
  host?: string;
  port?: number;
}

export type GoDlvArgs = DlvLaunchArgs & AdapterAttributes & { processId?: number | string; output?: string };

/** How the adapter starts (or reaches) dlv for one session, and what it forwards to it. */
export interface DlvPlan {
  /** What to forward to dlv as launch/attach arguments; complete once `ready` settles. */
  args: DlvLaunchArgs;
  /**
   * Settles when `args` is complete: `go env` (the roots the helper is never added beneath,
   * helperForbiddenRoots) answers while dlv starts instead of before it (bench adapter, F5).
   */
  ready: Promise<void>;
  /**
   * dlv to start per session; absent for attach remote, which connects to a running dlv.
   * `checked` is its version check, still running: `dlv version` takes tens of ms, so it runs
   * while dlv starts instead of before (a dlv that fails it is stopped before it builds).
   */
  dlv?: { path: string; checked: Promise<DlvInfo>; flags: string[]; cwd: string; env: NodeJS.ProcessEnv };
  remote?: { host: string; port: number };
  /**
   * The session's own temp dir: holds the built binary (dlv would otherwise drop it in the
   * module) and capture's files; removed with the session.
   */
  tempDir?: string;
}

const LAUNCH_MODES = ['debug', 'test', 'exec', 'replay', 'core'];
const ATTACH_MODES = ['local', 'remote'];
// These would make dlv listen for other clients; the adapter owns dlv's only connection.
const FORBIDDEN_FLAGS = ['--listen', '-l', '--headless', '--accept-multiclient', '--client-addr'];
/**
 * What only a debugged program has: a run without debugging (noDebug, Ctrl+F5) gets no stops,
 * no script, no helper and no recorder, just the program and its output.
 */
const DEBUG_ONLY = ['initScript', 'profilepoints', 'flightRecorder', 'detectGoroutineLeaks', 'trackAllocations', 'stopOnEntry'];

export async function planLaunch(raw: GoDlvArgs, baseEnv: NodeJS.ProcessEnv = process.env): Promise<DlvPlan> {
  const { dlvPath, dlvFlags, envFile, showLog, logOutput, ...rest } = raw;
  const args: DlvLaunchArgs = { ...rest };
  if (args.noDebug === true) {
    DEBUG_ONLY.forEach((key) => delete args[key]);
  }
  const mode = (args.mode ??= raw.request === 'attach' ? 'local' : 'debug');
  const modes = raw.request === 'attach' ? ATTACH_MODES : LAUNCH_MODES;
  if (!modes.includes(mode)) {
    throw new UserError(`Unsupported ${raw.request} mode "${mode}": use one of ${modes.join(', ')}.`);
  }
  if (mode === 'remote') {
    return withScratch({ args, ready: Promise.resolve(), remote: remoteAddress(raw) });
  }
  const baseDir = args.cwd ? resolve(args.cwd) : process.cwd();
  if (args.cwd) {
    args.cwd = baseDir;
  }
  const userEnv = mergeEnv(envFile ? readEnvFile(resolve(baseDir, envFile), baseEnv) : {}, args.env);
  if (Object.keys(userEnv).length) {
    args.env = userEnv;
  }
  const toolEnv = applyEnv(baseEnv, userEnv);
  let dlvCwd = baseDir;
  let roots: Promise<string[]> | undefined;
  let goDir: string | undefined;
  if (raw.request === 'attach') {
    args.processId = processId(raw.processId);
  } else {
    const program = resolveProgram(args, mode, baseDir);
    dlvCwd = moduleRoot(program.dir);
    if (mode === 'debug' || mode === 'test') {
      const go = requireGo(toolEnv);
      goDir = dirname(go);
      // Asked while dlv is looked for: the helper is never added beneath these.
      roots = args.helperForbiddenRoots ? undefined : goLibraryRoots(go, toolEnv, dlvCwd).then(rootList);
    }
  }
  let dlvPathFound: string;
  try {
    dlvPathFound = await findDlvAnywhere(dlvPath, toolEnv);
  } catch (err) {
    // No `go env` is left running after a failed launch.
    await roots;
    throw err;
  }
  const ready = (roots ?? Promise.resolve(undefined)).then((forbidden) => {
    if (forbidden) {
      args.helperForbiddenRoots = forbidden;
    }
  });
  const flags = [...(showLog ? ['--log', `--log-output=${logOutput ?? 'dap'}`] : []), ...checkFlags(dlvFlags)];
  const checked = checkDlvVersion(dlvPathFound);
  // Awaited by the session; a plan abandoned before that must not leave an unhandled rejection.
  checked.catch(() => undefined);
  const plan = withScratch({ args, ready, dlv: { path: dlvPathFound, checked, flags, cwd: dlvCwd, env: baseEnv } });
  if (!baseEnv.GOTMPDIR) {
    // go build's work files go to the session dir too, so a build killed midway leaves nothing.
    plan.dlv!.env = { ...plan.dlv!.env, GOTMPDIR: plan.tempDir };
  }
  if (goDir && !findInDirs('go', pathDirs(baseEnv))) {
    // Found under GOROOT only: dlv runs a bare `go build`, so it gets the directory we found.
    plan.dlv!.env = { ...plan.dlv!.env, PATH: [goDir, ...pathDirs(baseEnv)].join(delimiter) };
  }
  if ((mode === 'debug' || mode === 'test') && !args.output) {
    args.output = join(plan.tempDir, process.platform === 'win32' ? '__debug_bin.exe' : '__debug_bin');
  }
  return plan;
}

/**
 * Every session gets a temp dir of its own, removed with the session or by the watchdog: the
 * build output goes there, and capture keeps its helper files there (scratchDir).
 */
function withScratch(plan: Omit<DlvPlan, 'tempDir'>): DlvPlan & { tempDir: string } {
  const tempDir = mkdtempSync(join(tmpdir(), 'go-dlv-'));
  plan.args.scratchDir = tempDir;
  return { ...plan, tempDir };
}

function remoteAddress(raw: GoDlvArgs): { host: string; port: number } {
  const port = Number(raw.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new UserError('Attach remote needs "port": the port of a headless dlv (dlv --headless --listen=127.0.0.1:PORT --accept-multiclient).');
  }
  return { host: raw.host || '127.0.0.1', port };
}

function processId(value: unknown): number {
  const pid = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) {
    throw new UserError('Attach local needs "processId": the pid of a running Go program.');
  }
  return pid;
}

function resolveProgram(args: DlvLaunchArgs, mode: string, baseDir: string): { dir: string } {
  if (typeof args.program !== 'string' || !args.program) {
    throw new UserError(`Launch mode "${mode}" needs "program": ${mode === 'exec' ? 'the binary to run' : mode === 'core' ? 'the binary that dumped the core' : 'a Go file, package directory or package path'}.`);
  }
  const looksLikePath = isAbsolute(args.program) || args.program.startsWith('.');
  const path = resolve(baseDir, args.program);
  if (!existsSync(path)) {
    if (looksLikePath || mode === 'exec' || mode === 'core') {
      throw new UserError(`program ${args.program} does not exist.`);
    }
    // An import path such as example.com/app/cmd/server: the go command resolves it.
    return { dir: baseDir };
  }
  if ((mode === 'exec' || mode === 'core') && !isExecutableFile(path)) {
    throw new UserError(`program ${args.program} is not an executable file (mode "${mode}" ${mode === 'exec' ? 'runs a built binary' : 'reads the core with the binary that wrote it'}).`);
  }
  if (mode === 'core') {
    args.corefilePath = coreFile(args.corefilePath, baseDir);
  }
  const isDir = statSync(path).isDirectory();
  if (mode === 'debug') {
    const kind = programKind(path);
    if (kind.kind === 'library') {
      throw new UserError(`${args.program} is not a main package (it is package ${kind.name}); choose a main package's folder or file as "program", or use "mode": "test" to debug its tests.`);
    }
  }
  // `dlv test` takes a package: a _test.go file stands for the tests of its directory.
  args.program = mode === 'test' && !isDir ? dirname(path) : path;
  return { dir: isDir ? path : dirname(path) };
}

function coreFile(value: unknown, baseDir: string): string {
  if (typeof value !== 'string' || !value) {
    throw new UserError('Launch mode "core" needs "corefilePath": the core file to open.');
  }
  const path = resolve(baseDir, value);
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new UserError(`corefilePath ${value} is not a file.`);
  }
  return path;
}

/** dlv builds in its own working directory, so it must start in the program's module. */
export function moduleRoot(dir: string): string {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, 'go.mod'))) {
      return current;
    }
    if (dirname(current) === current) {
      return dir;
    }
  }
}

function requireGo(env: NodeJS.ProcessEnv): string {
  const go = findGo(env);
  if (!go) {
    throw new UserError('The Go toolchain (go) is not on PATH, so dlv cannot build the program. Install Go from https://go.dev/dl/ or add its bin directory to PATH.');
  }
  return go;
}

function checkFlags(flags: unknown): string[] {
  if (flags === undefined) {
    return [];
  }
  if (!Array.isArray(flags) || flags.some((f) => typeof f !== 'string')) {
    throw new UserError('"dlvFlags" must be an array of strings, e.g. ["--check-go-version=false"].');
  }
  const bad = flags.find((f: string) => FORBIDDEN_FLAGS.includes(f.split('=')[0]));
  if (bad) {
    throw new UserError(`dlvFlags may not contain ${bad}: the adapter keeps dlv on a private 127.0.0.1 connection.`);
  }
  return flags as string[];
}

function mergeEnv(fromFile: Record<string, string>, env: DlvLaunchArgs['env']): Record<string, string | null> {
  return { ...fromFile, ...(env ?? {}) };
}

function applyEnv(base: NodeJS.ProcessEnv, env: Record<string, string | null>): NodeJS.ProcessEnv {
  const result = { ...base };
  for (const [key, value] of Object.entries(env)) {
    if (value === null) {
      delete result[key];
    } else {
      result[key] = value;
    }
  }
  return result;
}
