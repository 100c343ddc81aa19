import type { Profile } from '../model';
import { ProfileError } from '../errors';
import { resolveSymbols } from '../symbols';
import type { perftools } from '../proto/profile';
import { cpuHeader, parseCpu } from './cpu';
import { parseContention, parseGoCount, parseHeap, parseThread, splitLines } from './text';
import { Unrecognized } from './types';
import type { LegacyLocation, LegacyMapping, LegacyProfile } from './types';

/**
 * Reads a profile in one of the legacy formats pprof reads (Go's debug=1 text profiles and
 * the binary CPU format, and the gperftools formats they come from), or returns undefined
 * when the data is in none of them. Formats pprof reads but we do not get a sentence naming them.
 */
export function readLegacy(raw: Uint8Array): Profile | undefined {
  const cpu = cpuHeader(raw);
  if (cpu?.java) throw new ProfileError('a Java CPU profile in the legacy binary format: not supported here (go tool pprof -proto converts it)');
  if (cpu) return toProfile(attempt(() => parseCpu(raw)) ?? unreadable('legacy binary CPU'));
  const head = headText(raw);
  if (head === undefined) return undefined;
  if (/^--- (heapz|contentionz|profile\b)[^\n]*\n(?:[^\n]*\n)*?\s*format\s*=\s*java/.test(head)) {
    throw new ProfileError('a Java profile in the legacy text format: not supported here (go tool pprof -proto converts it)');
  }
  if (/^goroutine \d+ \[/.test(head)) {
    throw new ProfileError('a goroutine dump (debug=2), which pprof cannot read either: write the goroutine profile with debug=0 or debug=1');
  }
  if (!/^(\s*#[^\n]*\n|\s*\n)*\s*(heap profile:|\S+ profile: total|--- (contention|mutex|contentionz|threadz|Thread))/.test(head)) return undefined;
  const lines = splitLines(latin1(raw));
  for (const parser of [parseHeap, parseGoCount, parseThread, parseContention]) {
    const p = attempt(() => parser(lines));
    if (p) return toProfile(p);
  }
  return unreadable('legacy text');
}

function attempt(parse: () => LegacyProfile): LegacyProfile | undefined {
  try {
    return parse();
  } catch (e) {
    if (e instanceof Unrecognized) return undefined;
    throw e;
  }
}

function unreadable(format: string): never {
  throw new ProfileError(`a ${format} profile in a variant that is not read here`);
}

/** The first bytes as text, if they are text at all (legacy text profiles are ASCII). */
function headText(raw: Uint8Array): string | undefined {
  const n = Math.min(raw.length, 512);
  for (let i = 0; i < n; i++) {
    const b = raw[i];
    if (b === 0 || (b < 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09)) return undefined;
  }
  return latin1(raw.subarray(0, n));
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

/** The engine's model of a legacy profile: every location an address, named by its mapping. */
function toProfile(p: LegacyProfile): Profile {
  const strings = [''];
  const stringIndex = new Map<string, number>([['', 0]]);
  const str = (s: string): number => {
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      stringIndex.set(s, i);
    }
    return i;
  };
  const mappingId = new Map<LegacyMapping, number>();
  const mappings: perftools.profiles.IMapping[] = p.mappings.map((m, i) => {
    mappingId.set(m, i + 1);
    return { id: i + 1, filename: str(m.file), buildId: str(m.buildId) };
  });
  const locationId = new Map<LegacyLocation, number>();
  const locations: perftools.profiles.ILocation[] = [];
  for (const s of p.samples) {
    for (const l of s.locations) {
      if (locationId.has(l)) continue;
      locationId.set(l, locations.length + 1);
      locations.push({ id: locations.length + 1, mappingId: l.mapping ? mappingId.get(l.mapping) : 0, address: Number(l.address) });
    }
  }
  const symbols = resolveSymbols(strings, [], locations, mappings);
  const T = p.sampleTypes.length;
  const values = new Float64Array(p.samples.length * T);
  const stackStart = new Uint32Array(p.samples.length + 1);
  const frames: number[] = [];
  p.samples.forEach((s, i) => {
    stackStart[i] = frames.length;
    for (const l of s.locations) {
      const loc = symbols.locationOf(locationId.get(l) as number);
      for (let k = symbols.locFrameStart[loc]; k < symbols.locFrameStart[loc + 1]; k++) frames.push(symbols.locFrames[k]);
    }
    values.set(s.values, i * T);
  });
  stackStart[p.samples.length] = frames.length;
  return {
    strings,
    sampleTypes: p.sampleTypes,
    defaultSampleType: T - 1,
    periodType: p.periodType,
    period: p.period,
    timeNanos: 0,
    durationNanos: p.durationNanos,
    comments: [],
    functions: symbols.functions,
    frames: symbols.frames,
    samples: { length: p.samples.length, stackStart, stackFrames: Int32Array.from(frames), values, labelSet: new Int32Array(p.samples.length).fill(-1) },
    labelSets: [],
  };
}
