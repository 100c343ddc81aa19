// decode + aggregate + top on a large synthetic CPU profile, ours against `go tool pprof -top`
// on the same file, side by side in one run. Target: ours in at most half of pprof's time.
//
// Both sides run as what a user runs, one process per run: `node out/cli.js top FILE --json`
// and the pprof binary (built once from the Go toolchain, so `go tool`'s own start-up is not
// charged to pprof). Runs alternate so machine noise lands on both; the median wall time and
// the peak RSS (VmHWM, polled from /proc) of each are printed. A second table breaks our time
// into phases in-process, call tree included.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { buildCallTree, decodeProfile, printableName, topTable } from '../src/profile';
import type { TopTable } from '../src/profile';
import { perftools } from '../src/profile/proto/profile';
import { gunzipGuarded } from '../src/capture/profileBytes';
import { parseTop, pprofBinary, repoRoot } from '../test/unit/profileFixtures';
import { seededRandom } from '../test/unit/seededRandom';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 400_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// pprof needs minutes on this profile on a shared 2-core machine: one run unless asked for more.
const PPROF_ROUNDS = Number(process.env.BENCH_PPROF_ROUNDS ?? 1);
const FUNCTIONS = 3000;
const LOCATIONS = 30000;
const LEAVES = 300;
const TRUNKS = 5000;

/** Appends protobuf wire data to a growing buffer; protobufjs's Writer keeps an object per write, too many here. */
class Sink {
  buf = new Uint8Array(1 << 20);
  len = 0;

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const b = new Uint8Array(Math.max(this.len + n, this.buf.length * 2));
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
  }

  varint(v: number): void {
    this.room(10);
    while (v >= 0x80) {
      this.buf[this.len++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.len++] = v;
  }

  bytes(field: number, b: Uint8Array): void {
    this.varint(field * 8 + 2);
    this.varint(b.length);
    this.room(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
}

/**
 * A CPU-like profile: deep stacks that share long prefixes and differ near the leaves, some
 * recursion, an inlined call in one location of ten. Values are [samples/count, cpu/nanoseconds].
 */
function synthesize(): Uint8Array {
  const rnd = seededRandom(42);
  const pb = perftools.profiles;
  const strings = ['', 'samples', 'count', 'cpu', 'nanoseconds'];
  const out = new Sink();
  const message = (field: number, b: Uint8Array): void => out.bytes(field, b);
  message(1, pb.ValueType.encode({ type: 1, unit: 2 }).finish());
  message(1, pb.ValueType.encode({ type: 3, unit: 4 }).finish());
  // Call paths form a tree: each of TRUNKS paths extends an earlier one by 4 to 20 frames
  // (depth up to ~100, with a little recursion); a sample is a trunk plus 0 to 6 leaf frames.
  const trunks: number[][] = [[]];
  for (let t = 1; t < TRUNKS; t++) {
    const base = trunks[Math.floor(rnd() * t)];
    const path = base.length > 100 ? base.slice(0, 40) : base.slice();
    for (let k = 4 + Math.floor(rnd() * 17); k > 0; k--) {
      const loc = 1 + Math.floor(rnd() * (LOCATIONS - LEAVES));
      path.push(loc);
      if (rnd() < 0.05) path.push(loc, loc);
    }
    trunks.push(path);
  }
  const ids: number[] = [];
  const sample = new Sink();
  const packed = new Sink();
  for (let i = 0; i < SAMPLES; i++) {
    ids.length = 0;
    // Skewed towards a few hot paths, as real profiles are.
    const trunk = trunks[Math.floor(TRUNKS * rnd() ** 3)];
    for (let k = Math.floor(rnd() * 7); k > 0; k--) ids.push(LOCATIONS - Math.floor(rnd() * LEAVES));
    for (let d = trunk.length - 1; d >= 0; d--) ids.push(trunk[d]);
    const count = 1 + Math.floor(rnd() * 3);
    sample.len = 0;
    packed.len = 0;
    for (const id of ids) packed.varint(id);
    sample.bytes(1, packed.buf.subarray(0, packed.len));
    packed.len = 0;
    packed.varint(count);
    packed.varint(count * 10_000_000);
    sample.bytes(2, packed.buf.subarray(0, packed.len));
    message(2, sample.buf.subarray(0, sample.len));
  }
  for (let l = 1; l <= LOCATIONS; l++) {
    const f = 1 + (l % FUNCTIONS);
    const line = [{ functionId: f, line: 10 + (l % 200) }];
    if (l % 10 === 0) line.unshift({ functionId: 1 + ((l * 7) % FUNCTIONS), line: 3 + (l % 50) });
    message(4, pb.Location.encode({ id: l, address: 0x401000 + l * 16, line }).finish());
  }
  for (let f = 1; f <= FUNCTIONS; f++) {
    const name = strings.length;
    strings.push(`github.com/acme/service/pkg${f % 40}.(*Handler${f % 97}).Method${f}`, `/src/github.com/acme/service/pkg${f % 40}/file${f % 13}.go`);
    message(5, pb.Function.encode({ id: f, name, systemName: name, filename: name + 1, startLine: 1 }).finish());
  }
  const utf8 = new TextEncoder();
  for (const s of strings) out.bytes(6, utf8.encode(s));
  message(11, pb.ValueType.encode({ type: 3, unit: 4 }).finish());
  for (const [field, v] of [[9, 1_700_000_000_000_000_000], [10, 60_000_000_000], [12, 10_000_000]]) {
    out.varint(field * 8);
    out.varint(v);
  }
  return out.buf.subarray(0, out.len);
}

function syntheticFile(): { path: string; raw: number; gz: number } {
  const dir = join(repoRoot, '.cache', 'bench');
  // Named by everything that shapes it, so a changed generator never reads a stale file.
  const path = join(dir, `synthetic-cpu-v2-${SAMPLES}-${TRUNKS}-${LOCATIONS}-${LEAVES}-${FUNCTIONS}.pb.gz`);
  const meta = `${path}.raw-size`;
  if (!existsSync(path) || !existsSync(meta)) {
    mkdirSync(dir, { recursive: true });
    const raw = synthesize();
    writeFileSync(`${path}.tmp`, gzipSync(raw, { level: 6 }));
    writeFileSync(meta, String(raw.length));
    renameSync(`${path}.tmp`, path);
  }
  return { path, raw: Number(readFileSync(meta, 'utf8')), gz: statSync(path).size };
}

interface Run {
  readonly ms: number;
  readonly peakMB: number;
  readonly stdout: string;
}

/** Runs a process to completion, timing it and polling its peak resident set size. */
function measure(cmd: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let peakKB = 0;
    const poll = (): void => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKB = Math.max(peakKB, Number(m[1]));
      } catch {
        // The process has exited between two polls.
      }
    };
    const timer = setInterval(poll, 10);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) reject(new Error(`${cmd} exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ ms, peakMB: peakKB / 1024, stdout });
    });
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number): string => `${x.toFixed(0).padStart(6)} ms`;

function phases(path: string): string {
  const t0 = performance.now();
  const bytes = readFileSync(path);
  const t1 = performance.now();
  const raw = gunzipGuarded(bytes);
  const t2 = performance.now();
  const profile = decodeProfile(raw, gunzipGuarded);
  const t3 = performance.now();
  const top = topTable(profile);
  const t4 = performance.now();
  const tree = buildCallTree(profile);
  const t5 = performance.now();
  return [
    `  read ${ms(t1 - t0)}   gunzip ${ms(t2 - t1)}   decode ${ms(t3 - t2)}   top ${ms(t4 - t3)}   call tree ${ms(t5 - t4)}`,
    `  model: ${profile.samples.length} samples, ${profile.samples.stackFrames.length} stack frames, ${profile.frames.length} frames, ${top.rows.length} rows, ${tree.length} call-tree nodes`,
  ].join('\n');
}

/**
 * `cli speedscope` on the same profile, as a user exports it: the median wall time and the
 * peak RSS, which the size of the written file (hundreds of MB of JSON) used to drive.
 */
async function speedscopeRow(path: string, cli: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-speedscope-'));
  try {
    const out = join(dir, 'out.speedscope.json');
    const runs: Run[] = [];
    for (let r = 0; r < ROUNDS; r++) runs.push(await measure(process.execPath, [cli, 'speedscope', path, '-o', out]));
    const size = statSync(out).size / 2 ** 20;
    return `  ours (cli speedscope) x${ROUNDS}  ${ms(median(runs.map((x) => x.ms)))}   ${Math.max(...runs.map((x) => x.peakMB)).toFixed(0).padStart(6)} MB peak RSS   (${size.toFixed(0)} MB written)`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const t = performance.now();
  const file = syntheticFile();
  console.log(`synthetic cpu profile: ${SAMPLES} samples, ${(file.raw / 2 ** 20).toFixed(1)} MB raw, ${(file.gz / 2 ** 20).toFixed(1)} MB gzip'd (ready in ${(performance.now() - t).toFixed(0)} ms)`);
  const pprof = await pprofBinary();
  const cli = join(repoRoot, 'out', 'cli.js');
  const ours: Run[] = [];
  const theirs: Run[] = [];
  console.log('\nour phases, in-process (call tree not part of `top`):');
  console.log(phases(file.path));
  console.log('\nspeedscope export, one process per run:');
  console.log(await speedscopeRow(file.path, cli));
  if (process.env.BENCH_PPROF === '0') return;
  for (let r = 0; r < Math.max(ROUNDS, PPROF_ROUNDS); r++) {
    if (r < ROUNDS) ours.push(await measure(process.execPath, [cli, 'top', file.path, '--json']));
    // Every node, values in raw units: the same rows ours prints, so both can be compared whole.
    if (r < PPROF_ROUNDS) theirs.push(await measure(pprof, ['-top', '-symbolize=none', '-nodecount=1000000', '-nodefraction=0', '-edgefraction=0', '-unit=ns', file.path]));
  }
  const top = JSON.parse(ours[0].stdout) as TopTable;
  const reference = parseTop(theirs[0].stdout);
  const same =
    top.total === reference.total &&
    top.rows.length === reference.rows.length &&
    top.rows.every((r, i) => reference.rows[i].key === printableName(r.name, r.file) && reference.rows[i].flat === r.flat && reference.rows[i].cum === r.cum);
  console.log(`same numbers as pprof: ${same ? 'yes' : 'NO'} (${top.rows.length} rows, total ${top.total} ns)`);
  const a = median(ours.map((x) => x.ms));
  const b = median(theirs.map((x) => x.ms));
  console.log(`\n  median wall, runs     wall        peak RSS`);
  console.log(`  ours (cli top) x${ROUNDS}  ${ms(a)}   ${Math.max(...ours.map((x) => x.peakMB)).toFixed(0).padStart(6)} MB`);
  console.log(`  go tool pprof x${PPROF_ROUNDS}  ${ms(b)}   ${Math.max(...theirs.map((x) => x.peakMB)).toFixed(0).padStart(6)} MB`);
  console.log(`  load average during the run: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`);
  console.log(`  ratio ours/pprof: ${(a / b).toFixed(2)}  (target <= 0.50: ${a / b <= 0.5 ? 'met' : 'NOT met'})`);
  if (!same) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
