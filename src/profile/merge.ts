import type { FrameTable, FunctionTable, Label, Profile } from './model';
import { ProfileError } from './errors';
import { StringTable } from './stringTable';

/**
 * One profile holding the samples of several, as `go tool pprof -proto a b` merges them:
 * same sample types and period type required; the header as pprof's combineHeaders makes it
 * (earliest time, summed duration, largest period, comments once each, the first default
 * sample type). Functions and frames are shared by name, file and line.
 */
export function mergeProfiles(profiles: readonly Profile[]): Profile {
  if (profiles.length === 0) throw new ProfileError('nothing to merge: no profiles given');
  for (const p of profiles.slice(1)) assertCompatible(profiles[0], p, 'merge');
  const merged = concatProfiles(profiles.map((profile) => ({ profile })));
  let timeNanos = 0;
  let durationNanos = 0;
  let period = 0;
  const comments: string[] = [];
  for (const p of profiles) {
    if (timeNanos === 0 || p.timeNanos < timeNanos) timeNanos = p.timeNanos;
    durationNanos += p.durationNanos;
    if (period === 0 || period < p.period) period = p.period;
    for (const c of p.comments) if (!comments.includes(c)) comments.push(c);
  }
  return { ...merged, timeNanos, durationNanos, period, comments };
}

export interface Part {
  readonly profile: Profile;
  /** Per sample type, a factor for every value (rounded as Go's math.Round). */
  readonly scale?: readonly number[];
}

/** The samples of every part in order, over one set of strings, functions and frames; the header is the first part's. */
export function concatProfiles(parts: readonly Part[]): Profile {
  const first = parts[0].profile;
  const strings = new StringTable(first.strings);
  const functions = new Interned<[number, number, number, number]>();
  const frames = new Interned<[number, number, number]>();
  const T = first.sampleTypes.length;
  let length = 0;
  let frameCount = 0;
  for (const { profile } of parts) {
    length += profile.samples.length;
    frameCount += profile.samples.stackFrames.length;
  }
  const stackStart = new Uint32Array(length + 1);
  const stackFrames = new Int32Array(frameCount);
  const values = new Float64Array(length * T);
  const labelSet = new Int32Array(length);
  const labelSets: (readonly Label[])[] = [];
  let i = 0;
  let n = 0;
  for (const { profile: p, scale } of parts) {
    const funcMap = new Int32Array(p.functions.length);
    for (let f = 0; f < p.functions.length; f++) {
      funcMap[f] = functions.id([strings.intern(p.strings[p.functions.name[f]]), strings.intern(p.strings[p.functions.file[f]]), p.functions.startLine[f], p.functions.unnamed?.[f] ?? 0]);
    }
    const frameMap = Int32Array.from(p.frames.func, (fn, f) => frames.id([funcMap[fn], p.frames.line[f], p.frames.inlined[f]]));
    const s = p.samples;
    const labelOffset = labelSets.length;
    labelSets.push(...p.labelSets);
    for (let k = 0; k < s.length; k++, i++) {
      stackStart[i] = n;
      for (let j = s.stackStart[k]; j < s.stackStart[k + 1]; j++) stackFrames[n++] = frameMap[s.stackFrames[j]];
      for (let t = 0; t < T; t++) {
        const v = s.values[k * T + t];
        values[i * T + t] = scale ? roundHalfAway(v * scale[t]) : v;
      }
      labelSet[i] = s.labelSet[k] < 0 ? -1 : s.labelSet[k] + labelOffset;
    }
  }
  stackStart[length] = n;
  return {
    ...first,
    strings: strings.strings,
    functions: functions.table((rows) => ({
      length: rows.length,
      name: Int32Array.from(rows, (r) => r[0]),
      file: Int32Array.from(rows, (r) => r[1]),
      startLine: Int32Array.from(rows, (r) => r[2]),
      unnamed: Uint8Array.from(rows, (r) => r[3]),
    }) satisfies FunctionTable),
    frames: frames.table((rows) => ({
      length: rows.length,
      func: Int32Array.from(rows, (r) => r[0]),
      line: Int32Array.from(rows, (r) => r[1]),
      inlined: Uint8Array.from(rows, (r) => r[2]),
    }) satisfies FrameTable),
    samples: { length, stackStart, stackFrames, values, labelSet },
    labelSets,
  };
}

/** Refuses profiles pprof would not combine, naming what differs. */
export function assertCompatible(a: Profile, b: Profile, what: 'merge' | 'compare'): void {
  const types = (p: Profile): string => p.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', ');
  const verb = what === 'merge' ? 'merge' : 'compare';
  if (types(a) !== types(b)) throw new ProfileError(`cannot ${verb} profiles of different kinds: [${types(b)}] and [${types(a)}]`);
  const period = (p: Profile): string => (p.periodType ? `${p.periodType.type}/${p.periodType.unit}` : '');
  if (period(a) !== period(b)) throw new ProfileError(`cannot ${verb} profiles with different period types (${period(b) || 'none'} and ${period(a) || 'none'})`);
}

/** pprof scales values to integers with Go's math.Round (Profile.ScaleN). */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** Rows of numbers given dense ids in order of first appearance. */
class Interned<K extends number[]> {
  private readonly ids = new Map<string, number>();
  private readonly rows: K[] = [];

  id(row: K): number {
    const key = row.join(',');
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.rows.length;
      this.ids.set(key, id);
      this.rows.push(row);
    }
    return id;
  }

  table<T>(build: (rows: readonly K[]) => T): T {
    return build(this.rows);
  }
}
