import type { FrameTable, FunctionTable, Label, Profile } from './model';
import { ProfileError } from './errors';
import { StringTable } from './stringTable';

export interface DiffOptions {
  /** Scale the target so each sample type totals what the base does (pprof's -normalize). */
  readonly normalize?: boolean;
}

/**
 * The profile `go tool pprof -diff_base=BASE TARGET` reads: the target's samples followed by
 * the base's with values negated, over one set of strings, functions and frames, so a
 * function's flat and cum are target minus base and its call-tree node is shared.
 */
export function diffProfiles(base: Profile, target: Profile, options: DiffOptions = {}): Profile {
  assertCompatible(base, target);
  const strings = new StringTable(target.strings);

  const functions = new Interned<[number, number, number]>();
  const frames = new Interned<[number, number, number]>();
  const frameMap = (p: Profile): Int32Array => {
    const funcMap = new Int32Array(p.functions.length);
    for (let f = 0; f < p.functions.length; f++) {
      funcMap[f] = functions.id([strings.intern(p.strings[p.functions.name[f]]), strings.intern(p.strings[p.functions.file[f]]), p.functions.startLine[f]]);
    }
    return Int32Array.from(p.frames.func, (fn, f) => frames.id([funcMap[fn], p.frames.line[f], p.frames.inlined[f]]));
  };
  const targetFrames = frameMap(target);
  const baseFrames = frameMap(base);

  const T = target.sampleTypes.length;
  const factors = options.normalize ? normalizers(base, target) : undefined;
  const ts = target.samples;
  const bs = base.samples;
  const length = ts.length + bs.length;
  const stackStart = new Uint32Array(length + 1);
  const stackFrames = new Int32Array(ts.stackFrames.length + bs.stackFrames.length);
  const values = new Float64Array(length * T);
  const labelSet = new Int32Array(length);
  let i = 0;
  let n = 0;
  const append = (s: Profile['samples'], map: Int32Array, scale: readonly number[] | undefined, labelOffset: number): void => {
    for (let k = 0; k < s.length; k++, i++) {
      stackStart[i] = n;
      for (let j = s.stackStart[k]; j < s.stackStart[k + 1]; j++) stackFrames[n++] = map[s.stackFrames[j]];
      for (let t = 0; t < T; t++) {
        const v = s.values[k * T + t];
        values[i * T + t] = scale ? roundHalfAway(v * scale[t]) : v;
      }
      labelSet[i] = s.labelSet[k] < 0 ? -1 : s.labelSet[k] + labelOffset;
    }
  };
  append(ts, targetFrames, factors, 0);
  append(bs, baseFrames, new Array<number>(T).fill(-1), target.labelSets.length);
  stackStart[length] = n;

  const labelSets: (readonly Label[])[] = [...target.labelSets, ...base.labelSets];
  return {
    ...target,
    strings: strings.strings,
    functions: functions.table((rows) => ({
      length: rows.length,
      name: Int32Array.from(rows, (r) => r[0]),
      file: Int32Array.from(rows, (r) => r[1]),
      startLine: Int32Array.from(rows, (r) => r[2]),
    }) satisfies FunctionTable),
    frames: frames.table((rows) => ({
      length: rows.length,
      func: Int32Array.from(rows, (r) => r[0]),
      line: Int32Array.from(rows, (r) => r[1]),
      inlined: Uint8Array.from(rows, (r) => r[2]),
    }) satisfies FrameTable),
    samples: { length, stackStart, stackFrames, values, labelSet },
    labelSets,
    baseSampleStart: ts.length,
  };
}

function assertCompatible(base: Profile, target: Profile): void {
  const types = (p: Profile): string => p.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', ');
  if (types(base) !== types(target)) {
    throw new ProfileError(`cannot compare profiles of different kinds: [${types(target)}] against a base of [${types(base)}]`);
  }
  const period = (p: Profile): string => (p.periodType ? `${p.periodType.type}/${p.periodType.unit}` : '');
  if (period(base) !== period(target)) {
    throw new ProfileError(`cannot compare profiles with different period types (${period(target) || 'none'} and ${period(base) || 'none'})`);
  }
}

/** pprof scales values to integers with Go's math.Round (Profile.ScaleN). */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** pprof's Normalize: per sample type, base total over target total (0 when the target is empty). */
function normalizers(base: Profile, target: Profile): number[] {
  const T = target.sampleTypes.length;
  const sum = (p: Profile, t: number): number => {
    let s = 0;
    for (let i = 0; i < p.samples.length; i++) s += p.samples.values[i * T + t];
    return s;
  };
  return Array.from({ length: T }, (_, t) => {
    const total = sum(target, t);
    return total === 0 ? 0 : sum(base, t) / total;
  });
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
