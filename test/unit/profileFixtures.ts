// Real profiles for the engine's tests: written by the Go runtime from test/fixtures/profgen,
// and by `go test -cpuprofile/-memprofile/-blockprofile/-mutexprofile`, into a temp dir;
// and the reference numbers `go tool pprof -top` prints for them.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { printableName } from '../../src/profile';
import type { TopTable } from '../../src/profile';

const run = promisify(execFile);
/** The checkout's root, found upwards from this bundle (tests and benchmarks sit at different depths in out/). */
export const repoRoot = findRoot(__dirname);
const fixture = join(repoRoot, 'test', 'fixtures', 'profgen');
const sources = ['go.mod', 'main.go', join('worktest', 'work_test.go')];
const names = ['cpu', 'heap', 'heap2', 'allocs', 'block', 'mutex', 'goroutine', 'test-cpu', 'test-mem', 'test-block', 'test-mutex',
  'heap-text', 'allocs-text', 'block-text', 'mutex-text', 'goroutine-text', 'threadcreate-text'] as const;

export type ProfileName = (typeof names)[number];

/**
 * Profile file paths by name. They are generated once per version of the fixture sources
 * and Go into .cache/profgen (gitignored), so the suites that read them share one run of
 * the Go programs: the runtime writes them in about two seconds.
 */
export async function realProfiles(): Promise<Record<ProfileName, string>> {
  const { stdout: goVersion } = await run('go', ['env', 'GOVERSION']);
  const hash = createHash('sha256').update(goVersion);
  for (const s of sources) hash.update(readFileSync(join(fixture, s)));
  const root = join(repoRoot, '.cache', 'profgen');
  const dir = join(root, hash.digest('hex').slice(0, 16));
  // Go's debug=1 text profiles are .txt, the protobuf ones .pb.gz.
  const files = Object.fromEntries(names.map((n) => [n, join(dir, n.endsWith('-text') ? `${n}.txt` : `${n}.pb.gz`)])) as Record<ProfileName, string>;
  if (existsSync(join(dir, 'complete'))) return files;
  mkdirSync(root, { recursive: true });
  const tmp = mkdtempSync(join(root, 'tmp-'));
  try {
    await generate(tmp);
    writeFileSync(join(tmp, 'complete'), '');
    try {
      renameSync(tmp, dir);
    } catch {
      // Another suite generated the same version meanwhile: theirs is as good as ours.
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return files;
}

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'test', 'fixtures'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no checkout root above ${from}`);
  }
}

async function generate(dir: string): Promise<void> {
  const bin = join(dir, 'profgen');
  await run('go', ['build', '-o', bin, '.'], { cwd: fixture });
  const f = (name: string): string => join(dir, `${name}.pb.gz`);
  const testBin = join(dir, 'worktest.test');
  await Promise.all([
    run(bin, [dir]),
    run('go', ['test', '-run', 'TestWork', '-count=1', '-o', testBin,
      '-cpuprofile', f('test-cpu'), '-memprofile', f('test-mem'), '-blockprofile', f('test-block'), '-mutexprofile', f('test-mutex'), '.'],
    { cwd: join(fixture, 'worktest') }),
  ]);
  rmSync(bin);
  rmSync(testBin, { force: true });
}

export interface PprofRow {
  /** The function name, or `name file:line` with -lines. */
  readonly key: string;
  readonly flat: number;
  readonly cum: number;
}

export interface PprofTop {
  readonly total: number;
  readonly rows: PprofRow[];
}

/** Our top table in the shape parsed from pprof's, rows named as pprof prints them, to compare the two. */
export function topAsPprof(top: TopTable): PprofTop {
  return {
    total: top.total,
    rows: top.rows.map((r) => ({ key: printableName(r.name, r.file, r.line), flat: r.flat, cum: r.cum })),
  };
}

/** Units pprof prints exactly as integers: the base unit of each dimension it scales. */
const BASE_UNIT: Record<string, string> = { nanoseconds: 'ns', bytes: 'B' };

/** `go tool pprof -top` with every node kept and values printed as raw integers. */
export async function pprofTop(file: string, sampleType: string, unit: string, options: { lines?: boolean; extra?: string[] } = {}): Promise<PprofTop> {
  const args = ['-top', '-nodecount=1000000', '-nodefraction=0', '-edgefraction=0', '-symbolize=none',
    `-sample_index=${sampleType}`, ...(BASE_UNIT[unit] ? [`-unit=${BASE_UNIT[unit]}`] : []), ...(options.lines ? ['-lines'] : []), ...(options.extra ?? []), file];
  const { stdout } = await run(await pprofBinary(), args, { maxBuffer: 64 << 20 });
  return parseTop(stdout);
}

let pprofPath: Promise<string> | undefined;

/**
 * pprof built once into the cache: `go tool pprof` adds the go command's start-up (and, since
 * Go 1.24, a build-cache lookup) to each of the dozens of runs the suite makes.
 */
export function pprofBinary(): Promise<string> {
  pprofPath ??= (async () => {
    const { stdout } = await run('go', ['env', 'GOVERSION']);
    const bin = join(repoRoot, '.cache', 'profgen', `pprof-${stdout.trim()}`);
    if (!existsSync(bin)) {
      const tmp = `${bin}.${process.pid}`;
      await run('go', ['build', '-o', tmp, 'cmd/pprof']);
      renameSync(tmp, bin);
    }
    return bin;
  })();
  return pprofPath;
}

export function parseTop(text: string): PprofTop {
  const lines = text.split('\n');
  const header = lines.findIndex((l) => /^\s*flat\s+flat%\s+sum%\s+cum\s+cum%/.test(l));
  const totalMatch = /of (\S+) total/.exec(text);
  if (header < 0 || !totalMatch) throw new Error(`unexpected pprof output:\n${text.slice(0, 2000)}`);
  const rows: PprofRow[] = [];
  for (const line of lines.slice(header + 1)) {
    const m = /^\s*(\S+)\s+\S+\s+\S+\s+(\S+)\s+\S+\s+(.*?)(?: \((?:partial-)?inline\))?$/.exec(line);
    if (!m) continue;
    rows.push({ key: m[3], flat: value(m[1]), cum: value(m[2]) });
  }
  return { total: value(totalMatch[1]), rows };
}

/**
 * The file:line of a `-lines` row ("name file:line"). Names of generic functions may hold
 * spaces (`(*Pointer[go.shape.struct { a int; b [4]int }]).Store`), file paths here do not:
 * the location is the last space-free word.
 */
export function rowLocation(key: string): string | undefined {
  return /^.+ (\S+:\d+)$/.exec(key)?.[1];
}

function value(s: string): number {
  const m = /^-?\d+(\.\d+)?/.exec(s);
  if (!m) throw new Error(`not a pprof value: ${s}`);
  return Number(m[0]);
}

/** Runs `fn` over `items` with at most `limit` running at once (2 cores, shared). */
export async function inBatches<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
