// The benchmark's synthetic CPU profile: 400k samples (BENCH_SAMPLES) of deep, shared stacks,
// written once into .cache/bench and named by everything that shapes it.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { perftools } from '../src/profile/proto/profile';
import { repoRoot } from '../test/unit/profileFixtures';
import { seededRandom } from '../test/unit/seededRandom';

export const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 400_000);
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

export function syntheticFile(): { path: string; raw: number; gz: number } {
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

