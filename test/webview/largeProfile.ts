// A large synthetic CPU profile for the benchmark: Go-like names over user, standard
// library and runtime packages, stacks drawn by a seeded random walk so the call tree has
// the requested number of nodes. Encoded with the engine's protobuf code and gzip'd.
import { gzipSync } from 'node:zlib';
import { perftools } from '../../src/profile/proto/profile';

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const packages = [
  'main', 'github.com/acme/shop/cart', 'github.com/acme/shop/api', 'github.com/acme/shop/store', 'github.com/acme/shop/internal/pricing',
  'net/http', 'encoding/json', 'bufio', 'strings', 'sort', 'compress/gzip', 'crypto/sha256', 'database/sql', 'reflect', 'sync',
  'runtime', 'runtime/internal/atomic', 'internal/poll', 'syscall',
];
const verbs = ['Handle', 'Serve', 'decode', 'encode', 'Read', 'Write', 'compute', 'lookup', 'Marshal', 'scan', 'flush', 'mallocgc', 'Lock', 'visit', 'merge'];
const nouns = ['', 'Request', 'Order', 'Item', 'Value', 'Buffer', 'State', 'Batch', 'Row', 'Index', 'Token', 'Span'];

export interface LargeProfile {
  readonly bytes: Uint8Array;
  readonly samples: number;
  readonly functions: number;
}

export function largeProfile(samples: number, seed = 7): LargeProfile {
  const rnd = mulberry32(seed);
  const strings: string[] = ['', 'samples', 'count', 'cpu', 'nanoseconds'];
  const intern = new Map<string, number>(strings.map((s, i) => [s, i]));
  const str = (s: string): number => {
    let i = intern.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      intern.set(s, i);
    }
    return i;
  };
  const funcs: perftools.profiles.IFunction[] = [];
  const locations: perftools.profiles.ILocation[] = [];
  const nFuncs = 4000;
  for (let f = 1; f <= nFuncs; f++) {
    const pkg = packages[Math.floor(rnd() * packages.length)];
    const recv = rnd() < 0.4 ? `(*${nouns[1 + Math.floor(rnd() * (nouns.length - 1))]}).` : '';
    const name = `${pkg}.${recv}${verbs[Math.floor(rnd() * verbs.length)]}${nouns[Math.floor(rnd() * nouns.length)]}${f}`;
    const file = `/home/build/src/${pkg}/${pkg.split('/').pop()}${f % 7}.go`;
    funcs.push({ id: f, name: str(name), systemName: str(name), filename: str(file), startLine: 10 + (f % 400) });
    locations.push({ id: f, line: [{ functionId: f, line: 12 + (f % 400) }] });
  }
  // Each function calls a small fixed set of others, so paths repeat like real programs do
  // and the tree is bushy rather than one node per sample.
  const callees = Array.from({ length: nFuncs + 1 }, () => Array.from({ length: 6 }, () => 1 + Math.floor(rnd() * nFuncs)));
  const sample: perftools.profiles.ISample[] = [];
  for (let i = 0; i < samples; i++) {
    const depth = 6 + Math.floor(rnd() * rnd() * 40);
    const stack: number[] = [1 + (i % 3)];
    for (let d = 1; d < depth; d++) {
      const options = callees[stack[stack.length - 1]];
      stack.push(options[Math.floor(rnd() * rnd() * options.length)]);
    }
    const count = 1 + Math.floor(rnd() * 3);
    sample.push({ locationId: stack.reverse(), value: [count, count * 10_000_000] });
  }
  const raw = perftools.profiles.Profile.encode({
    sampleType: [
      { type: str('samples'), unit: str('count') },
      { type: str('cpu'), unit: str('nanoseconds') },
    ],
    sample,
    location: locations,
    function: funcs,
    stringTable: strings,
    periodType: { type: str('cpu'), unit: str('nanoseconds') },
    period: 10_000_000,
    durationNanos: 30e9,
  }).finish();
  return { bytes: gzipSync(raw), samples, functions: nFuncs };
}
