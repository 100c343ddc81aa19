/**
 * Launch preparation: for `debug` and `test` launches, add the Go helper to the build with
 * `-overlay` (no user file is touched) and pass the block/mutex rates through the
 * environment. Other modes (exec, attach, core, replay) run a binary that was built without
 * the helper; the plan says so, and why, so captures can refuse plainly.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { DlvLaunchArgs } from './api';
import { ENV_BLOCK_RATE, ENV_MEM_RATE, ENV_MUTEX_FRACTION, helperSource } from './helperSource';
import { goToolchain } from './leaks/goVersion';
import { leakBuild } from './leaks/leakBuild';
import { LEAK_HELPER_FILE, leakHelperSource } from './leaks/leakHelperSource';
import { TRACE_HELPER_FILE, traceHelperSource } from './traceHelperSource';
import { ENV_FLIGHT_SECONDS, FLIGHT_HELPER_FILE, flightRecorderSource } from './flightRecorderSource';

/** Defaults that make block/mutex profiles useful in a debug session without slowing it much. */
export const DEFAULT_BLOCK_RATE = 10000;
export const DEFAULT_MUTEX_FRACTION = 5;

const HELPER_FILE = 'zz_go_debug_profile_helper.go';

/** How capture adds its Go helper to one launch (or why it cannot). */
export interface HelperPlan {
  args: DlvLaunchArgs;
  /** The Go package name the helper was added to (`call <pkg>.fn()`), when it was. */
  helperPackage?: string;
  /** Why this session has no helper, for messages. */
  noHelperReason?: string;
  /** The temp dir holding the helper and overlay; removed by dispose. */
  tempDir?: string;
  blockRate: number;
  mutexFraction: number;
  /** Why `detectGoroutineLeaks` cannot work with this Go, said once at launch. */
  leakNote?: string;
  /** The directory go builds in, for asking the go command what it builds with. */
  goDir?: string;
}

/** Never fails a launch: when the helper cannot be prepared the session just has none, and says why. */
export function prepareHelperPlan(withScratch: DlvLaunchArgs, flightSeconds?: number): HelperPlan {
  try {
    return planWithHelper(withScratch, flightSeconds);
  } catch (err) {
    const args = { ...withScratch };
    delete args.scratchDir;
    delete args.helperForbiddenRoots;
    return {
      args,
      blockRate: nonNegative(args.blockProfileRate, DEFAULT_BLOCK_RATE),
      mutexFraction: nonNegative(args.mutexProfileFraction, DEFAULT_MUTEX_FRACTION),
      noHelperReason: `the profiling helper could not be prepared (${err instanceof Error ? err.message : String(err)})`,
    };
  }
}

/** `flightSeconds`: also add the flight recorder's file (only for Go 1.25+, see flightRecorderLaunch.ts). */
function planWithHelper(withScratch: DlvLaunchArgs, flightSeconds: number | undefined): HelperPlan {
  const { scratchDir, helperForbiddenRoots, ...args } = withScratch;
  const blockRate = nonNegative(args.blockProfileRate, DEFAULT_BLOCK_RATE);
  const mutexFraction = nonNegative(args.mutexProfileFraction, DEFAULT_MUTEX_FRACTION);
  const mode = args.request === 'attach' ? 'attach' : (args.mode ?? 'debug');
  if (args.noDebug === true) {
    return { args, blockRate, mutexFraction, noHelperReason: 'the program runs without debugging (noDebug), exactly as built' };
  }
  if (mode !== 'debug' && mode !== 'test') {
    return { args, blockRate, mutexFraction, noHelperReason: noHelperReason(mode) };
  }
  const target = buildTarget(args);
  if ('reason' in target) {
    return { args, blockRate, mutexFraction, noHelperReason: target.reason };
  }
  const forbidden = (helperForbiddenRoots ?? []).find((root) => root && isWithin(target.dir, root));
  if (forbidden) {
    return { args, blockRate, mutexFraction, noHelperReason: `the program is in ${forbidden} (the Go root or module cache), where no file is added to a build` };
  }
  const pkg = target.file ? fileClause(target.file) : packageClause(target.dir, mode === 'test');
  if (!pkg) {
    return { args, blockRate, mutexFraction, noHelperReason: `no Go package was found in ${target.file ?? target.dir}` };
  }
  const tempDir = mkdtempSync(join(scratchDir ?? tmpdir(), 'go-debug-profile-'));
  try {
    const helperPath = join(tempDir, HELPER_FILE);
    writeFileSync(helperPath, helperSource(pkg.name));
    const virtualPath = join(target.dir, pkg.testOnly ? HELPER_FILE.replace(/\.go$/, '_test.go') : HELPER_FILE);
    const tracePath = join(tempDir, TRACE_HELPER_FILE);
    writeFileSync(tracePath, traceHelperSource(pkg.name));
    const virtualTrace = join(target.dir, pkg.testOnly ? TRACE_HELPER_FILE.replace(/\.go$/, '_test.go') : TRACE_HELPER_FILE);
    const leakPath = join(tempDir, LEAK_HELPER_FILE);
    writeFileSync(leakPath, leakHelperSource(pkg.name));
    const virtualLeak = join(target.dir, pkg.testOnly ? LEAK_HELPER_FILE.replace(/\.go$/, '_test.go') : LEAK_HELPER_FILE);
    const generated: Record<string, string> = { [virtualPath]: helperPath, [virtualTrace]: tracePath, [virtualLeak]: leakPath };
    if (flightSeconds) {
      const flightPath = join(tempDir, FLIGHT_HELPER_FILE);
      writeFileSync(flightPath, flightRecorderSource(pkg.name));
      generated[join(target.dir, pkg.testOnly ? FLIGHT_HELPER_FILE.replace(/\.go$/, '_test.go') : FLIGHT_HELPER_FILE)] = flightPath;
    }
    const overlayPath = join(tempDir, 'overlay.json');
    // A program given as a file is built as a list of files (go build main.go): the helper
    // joins that list, placed by dlv between the build flags and the program.
    // dlv puts a list of flags before its own -o, where a file name would end the flags: such
    // a list becomes the string form, which dlv places last.
    const ours = target.file ? [`-overlay=${overlayPath}`, ...Object.keys(generated)] : [`-overlay=${overlayPath}`];
    const userFlags = target.file && Array.isArray(args.buildFlags) ? args.buildFlags.map((f) => quoteFlag(String(f))).join(' ') : args.buildFlags;
    const { flags, replace } = mergeBuildFlags(userFlags, args.cwd, generated, ours);
    writeFileSync(overlayPath, JSON.stringify({ Replace: replace }));
    const env: Record<string, string | null> = { ...(args.env ?? {}) };
    env[ENV_BLOCK_RATE] = String(blockRate);
    env[ENV_MUTEX_FRACTION] = String(mutexFraction);
    if (typeof args.memProfileRate === 'number' && args.memProfileRate > 0) {
      env[ENV_MEM_RATE] = String(Math.floor(args.memProfileRate));
    }
    if (flightSeconds) {
      env[ENV_FLIGHT_SECONDS] = String(flightSeconds);
    }
    const leaks = args.detectGoroutineLeaks === true ? leakBuild(goToolchain(target.dir, args.env)) : undefined;
    if (leaks?.kind === 'ready' && leaks.experiment) {
      env.GOEXPERIMENT = leaks.experiment;
    }
    const leakNote = leaks?.kind === 'unsupported' ? leaks.message : undefined;
    // dlv takes buildFlags as a string or a list; an array given by the user stays an array.
    return { args: { ...args, buildFlags: flags as string, env }, helperPackage: pkg.name, tempDir, blockRate, mutexFraction, goDir: target.dir, leakNote };
  } catch (err) {
    rmSync(tempDir, { recursive: true, force: true });
    throw err;
  }
}

function isWithin(dir: string, root: string): boolean {
  const rel = relative(resolve(root), resolve(dir));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function nonNegative(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}

function noHelperReason(mode: string): string {
  switch (mode) {
    case 'exec':
      return 'an exec session runs a binary built without the profiling helper';
    case 'attach':
      return 'an attached process was built without the profiling helper';
    case 'core':
      return 'a core dump is not a running process';
    case 'replay':
      return 'a replayed recording cannot run new code';
    default:
      return `launch mode "${mode}" does not build the program`;
  }
}

/** What dlv builds: a package directory, or one .go file (and its directory). */
function buildTarget(args: DlvLaunchArgs): { dir: string; file?: string } | { reason: string } {
  const base = args.cwd ?? process.cwd();
  const program = typeof args.program === 'string' && args.program ? resolve(base, args.program) : base;
  if (!existsSync(program)) {
    return { reason: `the program "${String(args.program)}" is not a file or directory here (an import path?); launch its package directory to capture profiles` };
  }
  if (statSync(program).isDirectory()) {
    return { dir: program };
  }
  if (program.endsWith('.go')) {
    return { dir: dirname(program), file: program };
  }
  return { reason: `the program ${program} is not Go source` };
}

function fileClause(file: string): { name: string; testOnly: boolean } | undefined {
  const m = PACKAGE_CLAUSE.exec(stripComments(readFileSync(file, 'utf8')));
  return m ? { name: m[1], testOnly: false } : undefined;
}

const PACKAGE_CLAUSE = /^\s*package\s+([A-Za-z_][A-Za-z0-9_]*)/m;

/** The package clause of the Go files in dir; `testOnly` when only _test.go files exist. */
export function packageClause(dir: string, includeTests: boolean): { name: string; testOnly: boolean } | undefined {
  const files = readdirSync(dir).filter((f) => f.endsWith('.go')).sort();
  const plain = files.filter((f) => !f.endsWith('_test.go'));
  const tests = includeTests ? files.filter((f) => f.endsWith('_test.go')) : [];
  for (const [list, testOnly] of [[plain, false], [tests, true]] as const) {
    for (const file of list) {
      const m = PACKAGE_CLAUSE.exec(stripComments(readFileSync(join(dir, file), 'utf8')));
      if (m) {
        return { name: m[1], testOnly };
      }
    }
  }
  return undefined;
}

function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
}

/**
 * go build takes one -overlay, so a user's own is merged into ours. A string of buildFlags
 * without one is kept exactly as written (dlv splits it), with our flag appended.
 */
function mergeBuildFlags(buildFlags: unknown, cwd: string | undefined, replace: Record<string, string>, ours: string[]): { flags: string | string[]; replace: Record<string, string> } {
  const list = Array.isArray(buildFlags) ? buildFlags.map(String) : typeof buildFlags === 'string' ? buildFlags : '';
  const text = Array.isArray(list) ? list.join(' ') : list;
  if (!/(^|\s)--?overlay\b/.test(text)) {
    return { flags: Array.isArray(list) ? [...list, ...ours] : [list, ...ours.map(quoteFlag)].join(' ').trim(), replace };
  }
  const words = Array.isArray(list) ? list : splitQuoted(list);
  const kept: string[] = [];
  let merged = replace;
  for (let i = 0; i < words.length; i++) {
    const m = /^--?overlay(?:=(.*))?$/.exec(words[i]);
    if (!m) {
      kept.push(words[i]);
      continue;
    }
    const file = resolve(cwd ?? process.cwd(), m[1] ?? words[++i] ?? '');
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { Replace?: Record<string, string> };
    // go build resolves relative overlay paths against its working directory, dlv's cwd.
    const theirs = Object.entries(parsed.Replace ?? {}).map(([k, v]) => [resolve(cwd ?? process.cwd(), k), v && resolve(cwd ?? process.cwd(), v)]);
    merged = { ...Object.fromEntries(theirs), ...replace };
  }
  kept.push(...ours);
  return { flags: Array.isArray(list) ? kept : kept.map(quoteFlag).join(' '), replace: merged };
}

function splitQuoted(s: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out.push(m[1] ?? m[2] ?? m[3]);
  }
  return out;
}

/** dlv splits a buildFlags string on spaces outside single quotes (config.SplitQuotedFields). */
function quoteFlag(flag: string): string {
  return /\s/.test(flag) ? `'${flag}'` : flag;
}
