/**
 * Per-file, per-line and per-function cost of one sample type of a profile, for the editor.
 * Built once per (profile, sample type) in one pass over the samples, counted as the engine's
 * topTable counts, so a line's numbers are exactly the `go tool pprof -top -lines` rows for that file and line (summed when several
 * functions share a line, e.g. a closure declared on it) and a function's numbers are its
 * `go tool pprof -top` row. No vscode here: unit-tested and benchmarked on its own.
 */
import { displayUnit, sampleTypeIndex } from './';
import type { Profile } from './';

/** One function's share of a line: a row of `pprof -top -lines`. */
export interface LineRow {
  readonly name: string;
  readonly flat: number;
  readonly cum: number;
}

export interface LineCost {
  /** 1-based, as recorded in the profile. */
  readonly line: number;
  readonly flat: number;
  readonly cum: number;
  readonly rows: readonly LineRow[];
}

export interface FunctionCost {
  readonly name: string;
  /** 1-based line of the `func` keyword, 0 when the profile does not record it. */
  readonly startLine: number;
  readonly flat: number;
  readonly cum: number;
}

export interface FileCosts {
  /** The path as recorded in the profile. */
  readonly file: string;
  /** Sorted by line. */
  readonly lines: readonly LineCost[];
  /** Sorted by start line. */
  readonly functions: readonly FunctionCost[];
}

export interface CostIndex {
  readonly sampleType: number;
  readonly typeName: string;
  readonly unit: string;
  /** pprof's total: the sum of |value| over all samples (before any filter), the base of every percentage. */
  readonly total: number;
  /** By recorded file path. */
  readonly files: ReadonlyMap<string, FileCosts>;
}

export function buildCostIndex(profile: Profile, sampleType?: string | number): CostIndex {
  const t = sampleTypeIndex(profile, sampleType);
  const T = profile.sampleTypes.length;
  const keys = rowKeys(profile);
  const lineFlat = new Float64Array(keys.lines.length);
  const lineCum = new Float64Array(keys.lines.length);
  const lineSeen = new Int32Array(keys.lines.length).fill(-1);
  const funcFlat = new Float64Array(keys.funcs.length);
  const funcCum = new Float64Array(keys.funcs.length);
  const funcSeen = new Int32Array(keys.funcs.length).fill(-1);
  const { lineOf, funcOf } = keys;
  const { stackStart, stackFrames, values, length } = profile.samples;
  let total = 0;
  // One pass, as topTable counts: flat is the leaf's, cum once per row per sample.
  for (let i = 0; i < length; i++) {
    const v = values[i * T + t];
    if (v === 0) continue;
    total += Math.abs(v);
    const from = stackStart[i];
    const to = stackStart[i + 1];
    if (from === to) continue;
    lineFlat[lineOf[stackFrames[from]]] += v;
    funcFlat[funcOf[stackFrames[from]]] += v;
    for (let j = from; j < to; j++) {
      const frame = stackFrames[j];
      const l = lineOf[frame];
      if (lineSeen[l] === i) continue;
      lineSeen[l] = i;
      lineCum[l] += v;
      // A line row belongs to one function: a line already counted means its function was too.
      const f = funcOf[frame];
      if (funcSeen[f] !== i) {
        funcSeen[f] = i;
        funcCum[f] += v;
      }
    }
  }

  const lines = new Map<string, Map<number, { line: number; flat: number; cum: number; rows: LineRow[] }>>();
  for (let k = 0; k < keys.lines.length; k++) {
    if (lineFlat[k] === 0 && lineCum[k] === 0) continue;
    const { name, file, line } = keys.lines[k];
    if (!file || !line) continue;
    let perFile = lines.get(file);
    if (!perFile) lines.set(file, (perFile = new Map()));
    const cost = perFile.get(line);
    const row = { name, flat: lineFlat[k], cum: lineCum[k] };
    if (cost) {
      cost.flat += row.flat;
      cost.cum += row.cum;
      cost.rows.push(row);
    } else {
      perFile.set(line, { line, flat: row.flat, cum: row.cum, rows: [row] });
    }
  }
  const functions = new Map<string, FunctionCost[]>();
  for (let k = 0; k < keys.funcs.length; k++) {
    if (funcFlat[k] === 0 && funcCum[k] === 0) continue;
    const { name, file, startLine } = keys.funcs[k];
    if (!file) continue;
    let list = functions.get(file);
    if (!list) functions.set(file, (list = []));
    list.push({ name, startLine, flat: funcFlat[k], cum: funcCum[k] });
  }

  const files = new Map<string, FileCosts>();
  for (const file of new Set([...lines.keys(), ...functions.keys()])) {
    const perLine = [...(lines.get(file)?.values() ?? [])].sort((a, b) => a.line - b.line);
    const perFunction = (functions.get(file) ?? []).sort((a, b) => a.startLine - b.startLine);
    files.set(file, { file, lines: perLine, functions: perFunction });
  }
  const type = profile.sampleTypes[t];
  // As pprof (and topTable): under a filter, percentages stay of the whole profile's total.
  return { sampleType: t, typeName: type.type, unit: displayUnit(type), total: profile.totals?.[t] ?? total, files };
}

interface Keys {
  /** Frame -> row of `pprof -top -lines`: function name, file and line. */
  readonly lineOf: Int32Array;
  readonly lines: { name: string; file: string; line: number }[];
  /** Frame -> row of `pprof -top`: function name (the file and start line of its first occurrence). */
  readonly funcOf: Int32Array;
  readonly funcs: { name: string; file: string; startLine: number }[];
}

/** Rows keyed as pprof aggregates them, so the numbers are pprof's. */
function rowKeys(profile: Profile): Keys {
  const { strings, functions, frames } = profile;
  const lineIds = new Map<string, number>();
  const funcIds = new Map<number, number>();
  const lines: Keys['lines'] = [];
  const funcs: Keys['funcs'] = [];
  const lineOf = new Int32Array(frames.length);
  const funcOf = new Int32Array(frames.length);
  for (let f = 0; f < frames.length; f++) {
    const fn = frames.func[f];
    const name = functions.name[fn];
    const key = `${name}:${functions.file[fn]}:${frames.line[f]}`;
    let l = lineIds.get(key);
    if (l === undefined) {
      l = lines.length;
      lineIds.set(key, l);
      lines.push({ name: strings[name], file: strings[functions.file[fn]], line: frames.line[f] });
    }
    lineOf[f] = l;
    let k = funcIds.get(name);
    if (k === undefined) {
      k = funcs.length;
      funcIds.set(name, k);
      funcs.push({ name: strings[name], file: strings[functions.file[fn]], startLine: functions.startLine[fn] });
    } else if (funcs[k].startLine === 0) {
      funcs[k].startLine = functions.startLine[fn];
    }
    funcOf[f] = k;
  }
  return { lineOf, lines, funcOf, funcs };
}
