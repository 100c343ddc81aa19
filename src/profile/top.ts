import type { Profile, TopRow, TopTable } from './model';
import { sampleTypeIndex } from './sampleType';

export interface TopOptions {
  /** A sample type name or index; the profile's default when absent. */
  readonly sampleType?: string | number;
  /** One row per (function, file, line) instead of per function, as `pprof -top -lines`. */
  readonly lines?: boolean;
  /** Keep only the first n rows. */
  readonly n?: number;
  /** Names as pprof shows them by default, C++ and Rust demangled (quickTop only: a decoded profile is demangled with demangleProfile). */
  readonly demangle?: boolean;
}

/** Rows keyed the way pprof aggregates: by function name, or by function name, file and line. */
export interface RowKeys {
  readonly ofFrame: Int32Array;
  readonly name: string[];
  readonly file: string[];
  readonly line?: number[];
}

/**
 * flat and cum per function (or per line) as `go tool pprof -top` computes them: flat is the
 * leaf frame's, cum counts each row once per sample however often it recurs on the stack,
 * and inlined frames are rows of their own.
 */
export function topTable(profile: Profile, options: TopOptions = {}): TopTable {
  const t = sampleTypeIndex(profile, options.sampleType);
  const T = profile.sampleTypes.length;
  const keys = rowKeys(profile, options.lines);
  const count = keys.name.length;
  const flat = new Float64Array(count);
  const cum = new Float64Array(count);
  const seen = new Int32Array(count).fill(-1);
  const { stackStart, stackFrames, values, length } = profile.samples;
  const ofFrame = keys.ofFrame;
  const baseStart = profile.baseSampleStart ?? length;
  let total = 0;
  let baseTotal = 0;
  for (let i = 0; i < length; i++) {
    const v = values[i * T + t];
    if (v === 0) continue;
    total += Math.abs(v);
    if (i >= baseStart) baseTotal += Math.abs(v);
    const from = stackStart[i];
    const to = stackStart[i + 1];
    if (from === to) continue;
    flat[ofFrame[stackFrames[from]]] += v;
    for (let j = from; j < to; j++) {
      const k = ofFrame[stackFrames[j]];
      if (seen[k] !== i) {
        seen[k] = i;
        cum[k] += v;
      }
    }
  }

  const type = profile.sampleTypes[t];
  // As pprof: a diff's percentages are of the base's total.
  return topRows(keys, flat, cum, type, profile.totals?.[t] ?? (baseTotal > 0 ? baseTotal : total), options.n);
}

/** The rows of a top table from flat and cum per row key, in pprof's order. */
export function topRows(keys: RowKeys, flat: Float64Array, cum: Float64Array, type: { type: string; unit: string }, total: number, n?: number): TopTable {
  const count = keys.name.length;
  const printable = (k: number): string => printableName(keys.name[k], keys.file[k], keys.line?.[k]);
  const order: number[] = [];
  // As pprof, rows whose values are both zero (a diff that cancels out) are left out.
  for (let k = 0; k < count; k++) if (flat[k] !== 0 || cum[k] !== 0) order.push(k);
  // pprof's order for -top: |flat| descending, then printable name, then |cum| descending.
  order.sort((a, b) => Math.abs(flat[b]) - Math.abs(flat[a]) || compare(printable(a), printable(b)) || Math.abs(cum[b]) - Math.abs(cum[a]));
  const kept = n !== undefined && n >= 0 ? order.slice(0, n) : order;
  const rows: TopRow[] = kept.map((k) =>
    keys.line ? { name: keys.name[k], file: keys.file[k], line: keys.line[k], flat: flat[k], cum: cum[k] } : { name: keys.name[k], file: keys.file[k], flat: flat[k], cum: cum[k] },
  );
  return { sampleType: type.type, unit: type.unit, total, rows };
}

/** pprof's total per sample type: the sum of absolute values, of the base's samples in a diff. */
export function sampleTotals(profile: Profile): number[] {
  if (profile.totals) return [...profile.totals];
  const T = profile.sampleTypes.length;
  const { values, length } = profile.samples;
  const baseStart = profile.baseSampleStart ?? length;
  return profile.sampleTypes.map((_, t) => {
    let total = 0;
    let baseTotal = 0;
    for (let i = 0; i < length; i++) {
      const v = Math.abs(values[i * T + t]);
      total += v;
      if (i >= baseStart) baseTotal += v;
    }
    return baseTotal > 0 ? baseTotal : total;
  });
}

/** The name pprof prints and sorts rows by (its NodeInfo.PrintableName, without addresses). */
export function printableName(name: string, file: string, line?: number): string {
  const parts = name ? [name] : [];
  if (line !== undefined && line !== 0) parts.push(`${file}:${line}`);
  else if (line !== undefined && file) parts.push(file);
  else if (!name) parts.push('<unknown>');
  return parts.join(' ');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The row of each frame, by function or by line. */
export function rowKeys(profile: Pick<Profile, 'strings' | 'functions' | 'frames'>, lines?: boolean): RowKeys {
  return lines ? lineKeys(profile) : functionKeys(profile);
}

function functionKeys(profile: Pick<Profile, 'strings' | 'functions' | 'frames'>): RowKeys {
  const { strings, functions, frames } = profile;
  const byName = new Map<number, number>();
  const name: string[] = [];
  const file: string[] = [];
  const ofFrame = new Int32Array(frames.length);
  for (let f = 0; f < frames.length; f++) {
    const fn = frames.func[f];
    const n = functions.name[fn];
    let k = byName.get(n);
    if (k === undefined) {
      k = name.length;
      byName.set(n, k);
      name.push(strings[n]);
      file.push(strings[functions.file[fn]]);
    }
    ofFrame[f] = k;
  }
  return { ofFrame, name, file };
}

function lineKeys(profile: Pick<Profile, 'strings' | 'functions' | 'frames'>): RowKeys {
  const { strings, functions, frames } = profile;
  const byKey = new Map<string, number>();
  const name: string[] = [];
  const file: string[] = [];
  const line: number[] = [];
  const ofFrame = new Int32Array(frames.length);
  for (let f = 0; f < frames.length; f++) {
    const fn = frames.func[f];
    const key = `${functions.name[fn]}:${functions.file[fn]}:${frames.line[f]}`;
    let k = byKey.get(key);
    if (k === undefined) {
      k = name.length;
      byKey.set(key, k);
      const fileName = strings[functions.file[fn]];
      // As pprof: a frame without a function name shows its file:line, or file, if it has one.
      const unnamed = functions.unnamed?.[fn] === 1 && (frames.line[f] !== 0 || fileName !== '');
      name.push(unnamed ? '' : strings[functions.name[fn]]);
      file.push(fileName);
      line.push(frames.line[f]);
    }
    ofFrame[f] = k;
  }
  return { ofFrame, name, file, line };
}
