import { AddressTable, hexAddresses, isSpaceOrComment, parseInt0, Unrecognized } from './types';
import type { LegacyProfile, LegacySample } from './types';
import { attachMappings, isMemoryMapSentinel, parseMappings } from './maps';
import { ProfileError } from '../errors';

// Go's debug=1 text profiles (heap and allocs, goroutine and threadcreate counts, block and
// mutex contention) and the C++ formats they share with gperftools (heapz, growthz,
// contentionz, threadz), read with the rules and numbers of pprof's legacy_profile.go.

const HEAP_HEADER = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *(heap[_a-z0-9]*)\/?(\d*)/;
const HEAP_SAMPLE = /(-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *] @([ x0-9a-f]*)/;
const GROWTH_HEADER = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ growthz?/;
const FRAGMENTATION_HEADER = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ fragmentationz?/;
const COUNT_START = /^(\S+) profile: total \d+$/;
const COUNT_SAMPLE = /^(\d+) @((?: 0x[0-9a-f]+)+)$/;
const CONTENTION_SAMPLE = /(\d+) *(\d+) @([ x0-9a-f]*)/;
const THREADZ_START = /--- threadz \d+ ---/;
const THREAD_START = /--- Thread ([0-9a-fA-F]+) \(name: (.*)\/(\d+)\) stack: ---/;

/** Lines as Go's bufio.Scanner gives them: split at \n, a trailing \r dropped. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

function malformed(what: string): ProfileError {
  return new ProfileError(`malformed legacy profile: ${what}`);
}

/** A stack's locations; pprof takes one from each return address to point into the call. */
function stack(table: AddressTable, addrs: bigint[], keepFirst = false): LegacySample['locations'] {
  return addrs.map((a, i) => table.get(keepFirst && i === 0 ? a : a - 1n));
}

/** The memory map after the sentinel line at or after `from`, added to the profile. */
function finish(p: LegacyProfile, lines: string[], from: number): LegacyProfile {
  let i = from;
  while (i < lines.length && !isMemoryMapSentinel(lines[i])) i++;
  attachMappings(p, parseMappings(lines.slice(i + 1)));
  return p;
}

export function parseHeap(lines: string[]): LegacyProfile {
  const first = lines[0] ?? '';
  let sampling = '';
  let period = 0;
  let hasAlloc = false;
  const header = HEAP_HEADER.exec(first);
  if (header) {
    if (header[6]) period = Number(header[6]);
    hasAlloc = (header[3] !== header[1] && header[3] !== '0') || (header[4] !== header[2] && header[4] !== '0');
    if (header[5] === 'heapz_v2' || header[5] === 'heap_v2') sampling = 'v2';
    else if (header[5] === 'heapprofile') period = 1;
    else if (header[5] === 'heap') {
      // Go writes 2 * MemProfileRate here.
      sampling = 'v2';
      period = Math.trunc(period / 2);
    } else throw new Unrecognized();
  } else if (GROWTH_HEADER.test(first) || FRAGMENTATION_HEADER.test(first)) {
    period = 1;
  } else {
    throw new Unrecognized();
  }
  const p: LegacyProfile = {
    periodType: { type: 'space', unit: 'bytes' },
    period,
    durationNanos: 0,
    sampleTypes: hasAlloc
      ? [{ type: 'alloc_objects', unit: 'count' }, { type: 'alloc_space', unit: 'bytes' }, { type: 'inuse_objects', unit: 'count' }, { type: 'inuse_space', unit: 'bytes' }]
      : [{ type: 'objects', unit: 'count' }, { type: 'space', unit: 'bytes' }],
    samples: [],
    mappings: [],
  };
  const table = new AddressTable();
  let i = 1;
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (isSpaceOrComment(line)) continue;
    if (isMemoryMapSentinel(line)) break;
    const m = HEAP_SAMPLE.exec(line);
    if (!m) throw malformed(`not a heap sample: ${line.slice(0, 80)}`);
    const values: number[] = [];
    if (hasAlloc) values.push(...heapValues(m[3], m[4], period, sampling));
    values.push(...heapValues(m[1], m[2], period, sampling));
    p.samples.push({ locations: stack(table, hexAddresses(m[5])), values });
  }
  return finish(p, lines, i);
}

/** A heap sample's count and size, scaled up for sampling as pprof's scaleHeapSample. */
function heapValues(countText: string, sizeText: string, rate: number, sampling: string): [number, number] {
  let count = Number(countText);
  let size = Number(sizeText);
  if (count === 0 && size !== 0) throw malformed(`a count of 0 with ${size} bytes`);
  if (count !== 0 && sampling === 'v2') {
    if (size === 0) return [0, 0];
    if (rate > 1) {
      const scale = 1 / (1 - Math.exp(-(size / count) / rate));
      count = Math.trunc(count * scale);
      size = Math.trunc(size * scale);
    }
  }
  return [count, size];
}

/** Go's goroutine and threadcreate profiles at debug=1: "N @ addresses" per stack. */
export function parseGoCount(lines: string[]): LegacyProfile {
  let i = 0;
  while (i < lines.length && isSpaceOrComment(lines[i])) i++;
  const m = COUNT_START.exec(lines[i] ?? '');
  if (!m) throw new Unrecognized();
  const type = { type: m[1], unit: 'count' };
  const p: LegacyProfile = { periodType: type, period: 1, durationNanos: 0, sampleTypes: [type], samples: [], mappings: [] };
  const table = new AddressTable();
  for (i++; i < lines.length; i++) {
    const line = lines[i];
    if (isSpaceOrComment(line)) continue;
    if (line.startsWith('---')) break;
    const s = COUNT_SAMPLE.exec(line);
    if (!s) throw malformed(`not a count sample: ${line.slice(0, 80)}`);
    p.samples.push({ locations: stack(table, hexAddresses(s[2])), values: [Number(s[1])] });
  }
  return finish(p, lines, i);
}

/** Go's block and mutex profiles at debug=1, and C++ contentionz. */
export function parseContention(lines: string[]): LegacyProfile {
  const first = lines[0] ?? '';
  if (!first.startsWith('--- contentionz ') && !first.startsWith('--- mutex:') && !first.startsWith('--- contention:')) throw new Unrecognized();
  const p: LegacyProfile = {
    periodType: { type: 'contentions', unit: 'count' },
    period: 1,
    durationNanos: 0,
    sampleTypes: [{ type: 'contentions', unit: 'count' }, { type: 'delay', unit: 'nanoseconds' }],
    samples: [],
    mappings: [],
  };
  let cpuHz = 0;
  let i = 1;
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (isSpaceOrComment(line)) continue;
    if (line.startsWith('---')) break;
    const eq = line.indexOf('=');
    if (eq < 0) break;
    const key = line.slice(0, eq).trim();
    const value = parseInt0(line.slice(eq + 1).trim());
    if (key === 'discarded samples') continue;
    if (value === undefined) throw new Unrecognized();
    if (key === 'cycles/second') cpuHz = value;
    else if (key === 'sampling period') p.period = value;
    else if (key === 'ms since reset') p.durationNanos = value * 1e6;
    else throw new Unrecognized();
  }
  const table = new AddressTable();
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line.startsWith('---')) break;
    if (isSpaceOrComment(line)) continue;
    const m = CONTENTION_SAMPLE.exec(line);
    if (!m) throw new Unrecognized();
    let delay = Number(m[1]);
    let count = Number(m[2]);
    if (p.period > 0) {
      if (cpuHz > 0) delay = Math.trunc((delay * p.period) / (cpuHz / 1e9));
      count *= p.period;
    }
    p.samples.push({ locations: stack(table, hexAddresses(m[3])), values: [count, delay] });
  }
  return finish(p, lines, i);
}

/** C++ threadz: one stack per thread; "same as previous thread" adds to the previous sample. */
export function parseThread(lines: string[]): LegacyProfile {
  let i = 0;
  while (i < lines.length && isSpaceOrComment(lines[i])) i++;
  if (THREADZ_START.test(lines[i] ?? '')) {
    for (i++; i < lines.length; i++) if (isMemoryMapSentinel(lines[i]) || lines[i].startsWith('-')) break;
  } else if (!THREAD_START.test(lines[i] ?? '')) {
    throw new Unrecognized();
  }
  const type = { type: 'thread', unit: 'count' };
  const p: LegacyProfile = { periodType: type, period: 1, durationNanos: 0, sampleTypes: [type], samples: [], mappings: [] };
  const table = new AddressTable();
  while (i < lines.length && !isMemoryMapSentinel(lines[i])) {
    if (lines[i].startsWith('---- no stack trace for')) break;
    if (!THREAD_START.test(lines[i])) throw new Unrecognized();
    const addrs: bigint[] = [];
    let same = false;
    for (i++; i < lines.length; i++) {
      const line = lines[i].trim();
      if (line === '') continue;
      if (line.startsWith('---')) break;
      if (line.includes('same as previous thread')) same = true;
      else addrs.push(...hexAddresses(line));
    }
    if (same || addrs.length === 0) {
      const last = p.samples[p.samples.length - 1];
      if (last) last.values[0]++;
      continue;
    }
    p.samples.push({ locations: stack(table, addrs, true), values: [1] });
  }
  removeDuplicateLeaf(p);
  return finish(p, lines, i);
}

/** pprof's cleanupDuplicateLocations: a leaf repeated as its own caller (pc, pc-1) counts once. */
export function removeDuplicateLeaf(p: LegacyProfile): void {
  for (const s of p.samples) {
    if (s.locations.length > 1 && s.locations[0].address === s.locations[1].address + 1n) s.locations.splice(1, 1);
  }
}
