// Real profiles for the engine's tests: written by the Go runtime from test/fixtures/profgen,
// and by `go test -cpuprofile/-memprofile/-blockprofile/-mutexprofile`, into a temp dir;
// and the reference numbers `go tool pprof -top` prints for them.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const fixture = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'profgen');

export interface GeneratedProfiles {
  readonly dir: string;
  /** Profile file paths by name: cpu, heap, allocs, block, mutex, goroutine, test-cpu, test-mem, test-block, test-mutex. */
  readonly files: Record<string, string>;
  cleanup(): void;
}

export async function generateProfiles(): Promise<GeneratedProfiles> {
  const dir = mkdtempSync(join(tmpdir(), 'profgen-'));
  try {
    const bin = join(dir, 'profgen');
    await run('go', ['build', '-o', bin, '.'], { cwd: fixture });
    const f = (name: string): string => join(dir, `${name}.pb.gz`);
    await Promise.all([
      run(bin, [dir]),
      run('go', ['test', '-run', 'TestWork', '-count=1', '-o', join(dir, 'worktest.test'),
        '-cpuprofile', f('test-cpu'), '-memprofile', f('test-mem'), '-blockprofile', f('test-block'), '-mutexprofile', f('test-mutex'), '.'],
      { cwd: join(fixture, 'worktest') }),
    ]);
    const names = ['cpu', 'heap', 'allocs', 'block', 'mutex', 'goroutine', 'test-cpu', 'test-mem', 'test-block', 'test-mutex'];
    return { dir, files: Object.fromEntries(names.map((n) => [n, f(n)])), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
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

/** Units pprof prints exactly as integers: the base unit of each dimension it scales. */
const BASE_UNIT: Record<string, string> = { nanoseconds: 'ns', bytes: 'B' };

/** `go tool pprof -top` with every node kept and values printed as raw integers. */
export async function pprofTop(file: string, sampleType: string, unit: string, options: { lines?: boolean; extra?: string[] } = {}): Promise<PprofTop> {
  const args = ['tool', 'pprof', '-top', '-nodecount=1000000', '-nodefraction=0', '-edgefraction=0', '-symbolize=none',
    `-sample_index=${sampleType}`, ...(BASE_UNIT[unit] ? [`-unit=${BASE_UNIT[unit]}`] : []), ...(options.lines ? ['-lines'] : []), ...(options.extra ?? []), file];
  const { stdout } = await run('go', args, { maxBuffer: 64 << 20 });
  return parseTop(stdout);
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
