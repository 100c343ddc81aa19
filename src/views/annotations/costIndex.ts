/**
 * Per-file, per-line and per-function cost of one sample type of a profile, for the editor.
 * Built once per (profile, sample type) from the engine's topTable, so a line's numbers are
 * exactly the `go tool pprof -top -lines` rows for that file and line (summed when several
 * functions share a line, e.g. a closure declared on it) and a function's numbers are its
 * `go tool pprof -top` row. No vscode here: unit-tested and benchmarked on its own.
 */
import { sampleTypeIndex, topTable } from '../../profile';
import type { Profile } from '../../profile';

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
  /** pprof's total: the sum of |value| over all samples, the base of every percentage. */
  readonly total: number;
  /** By recorded file path. */
  readonly files: ReadonlyMap<string, FileCosts>;
}

export function buildCostIndex(profile: Profile, sampleType?: string | number): CostIndex {
  const t = sampleTypeIndex(profile, sampleType);
  const byLine = topTable(profile, { sampleType: t, lines: true });
  const byFunction = topTable(profile, { sampleType: t });

  const lines = new Map<string, Map<number, { flat: number; cum: number; rows: LineRow[] }>>();
  for (const r of byLine.rows) {
    if (!r.file || !r.line) continue;
    let perFile = lines.get(r.file);
    if (!perFile) lines.set(r.file, (perFile = new Map()));
    const cost = perFile.get(r.line);
    const row = { name: r.name, flat: r.flat, cum: r.cum };
    if (cost) {
      cost.flat += r.flat;
      cost.cum += r.cum;
      cost.rows.push(row);
    } else {
      perFile.set(r.line, { flat: r.flat, cum: r.cum, rows: [row] });
    }
  }

  const startLines = functionStartLines(profile);
  const functions = new Map<string, FunctionCost[]>();
  for (const r of byFunction.rows) {
    if (!r.file) continue;
    let list = functions.get(r.file);
    if (!list) functions.set(r.file, (list = []));
    list.push({ name: r.name, startLine: startLines.get(r.name) ?? 0, flat: r.flat, cum: r.cum });
  }

  const files = new Map<string, FileCosts>();
  for (const file of new Set([...lines.keys(), ...functions.keys()])) {
    const perLine = [...(lines.get(file) ?? new Map()).entries()]
      .map(([line, c]) => ({ line, flat: c.flat, cum: c.cum, rows: c.rows }))
      .sort((a, b) => a.line - b.line);
    const perFunction = (functions.get(file) ?? []).sort((a, b) => a.startLine - b.startLine);
    files.set(file, { file, lines: perLine, functions: perFunction });
  }
  const type = profile.sampleTypes[t];
  return { sampleType: t, typeName: type.type, unit: type.unit, total: byLine.total, files };
}

/** pprof keys functions by name; the first recorded start line of that name wins. */
function functionStartLines(profile: Profile): Map<string, number> {
  const { functions, strings } = profile;
  const out = new Map<string, number>();
  for (let f = 0; f < functions.length; f++) {
    const name = strings[functions.name[f]];
    const start = functions.startLine[f];
    if (start > 0 && !out.has(name)) out.set(name, start);
  }
  return out;
}
