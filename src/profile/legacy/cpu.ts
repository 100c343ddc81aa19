import { AddressTable, Unrecognized } from './types';
import type { LegacyProfile } from './types';
import { attachMappings, parseMappings } from './maps';
import { removeDuplicateLeaf, splitLines } from './text';
import { ProfileError } from '../errors';

// The legacy binary CPU profile of gperftools, which Go's runtime/pprof wrote before Go 1.9:
// a header of five words (0, 3, 0, period in µs, 0) in 32- or 64-bit, either byte order, then
// (count, depth, pcs...) records up to a (0, 1, 0) trailer, then the text memory map.

type Word = (view: DataView, at: number) => bigint;

const WORDS: { size: number; read: Word }[] = [
  { size: 4, read: (v, at) => BigInt(v.getUint32(at, true)) },
  { size: 4, read: (v, at) => BigInt(v.getUint32(at, false)) },
  { size: 8, read: (v, at) => v.getBigUint64(at, true) },
  { size: 8, read: (v, at) => v.getBigUint64(at, false) },
];

/** The header's word format, or undefined when the data is not a legacy CPU profile. */
export function cpuHeader(raw: Uint8Array): { size: number; read: Word; java: boolean; period: bigint } | undefined {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  for (const w of WORDS) {
    if (raw.length < 5 * w.size) continue;
    const n = [0, 1, 2, 3, 4].map((k) => w.read(view, k * w.size));
    if (n[0] === 0n && n[1] === 3n && n[3] > 0n && n[4] === 0n && (n[2] === 0n || n[2] === 1n)) {
      return { ...w, java: n[2] === 1n, period: n[3] };
    }
  }
  return undefined;
}

export function parseCpu(raw: Uint8Array): LegacyProfile {
  const header = cpuHeader(raw);
  if (!header || header.java) throw new Unrecognized();
  const { size, read } = header;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const period = Number(header.period) * 1000;
  const p: LegacyProfile = {
    periodType: { type: 'cpu', unit: 'nanoseconds' },
    period,
    durationNanos: 0,
    sampleTypes: [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }],
    samples: [],
    mappings: [],
  };
  const table = new AddressTable();
  let at = 5 * size;
  while (at < raw.length) {
    if (at + 2 * size > raw.length) throw new ProfileError('malformed legacy CPU profile: a record is cut short');
    const count = Number(read(view, at));
    const depth = read(view, at + size);
    at += 2 * size;
    if (depth > BigInt(Math.floor((raw.length - at) / 4))) throw new ProfileError('malformed legacy CPU profile: a stack runs past the end');
    const n = Number(depth);
    if (at + n * size > raw.length) throw new ProfileError('malformed legacy CPU profile: a stack runs past the end');
    const addrs: bigint[] = [];
    for (let k = 0; k < n; k++) addrs.push(read(view, at + k * size));
    at += n * size;
    if (count === 0 && n === 1 && addrs[0] === 0n) break;
    // The leaf is the interrupted pc itself; every other frame is a return address.
    p.samples.push({ locations: addrs.map((a, i) => table.get(i > 0 ? a - 1n : a)), values: [count, count * period] });
  }
  dropSignalFrame(p);
  attachMappings(p, parseMappings(splitLines(latin1(raw.subarray(at)))));
  removeDuplicateLeaf(p);
  return p;
}

/**
 * The profiler's signal handler frame sits second in (nearly) every stack: as pprof, drop a
 * second frame shared by all but 1/32 of the samples, twice.
 */
function dropSignalFrame(p: LegacyProfile): void {
  const margin = Math.trunc(p.samples.length / 32);
  for (let iter = 0; iter < 2; iter++) {
    const counts = new Map<bigint, number>();
    for (const s of p.samples) {
      if (s.locations.length > 1) {
        const a = s.locations[1].address;
        counts.set(a, (counts.get(a) ?? 0) + 1);
      }
    }
    for (const [a, count] of counts) {
      if (count >= p.samples.length - margin) {
        for (const s of p.samples) if (s.locations.length > 1 && s.locations[1].address === a) s.locations.splice(1, 1);
        break;
      }
    }
  }
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}
