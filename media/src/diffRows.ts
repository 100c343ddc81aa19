// The functions that moved most between base and target, by flat value as
// `go tool pprof -top -diff_base` orders them: the largest increases and decreases.
import type { FunctionStats } from './functionStats';

export interface DiffRow {
  readonly func: number;
  readonly baseFlat: number;
  readonly targetFlat: number;
  readonly flatDelta: number;
  readonly cumDelta: number;
}

export interface DiffRows {
  readonly increases: DiffRow[];
  readonly decreases: DiffRow[];
}

/** `baseScale` multiplies base values first (1, or target total / base total when normalised). */
export function diffRows(target: FunctionStats, base: FunctionStats, sampleType: number, baseScale: number, limit: number): DiffRows {
  const T = target.sampleTypes;
  const rows: DiffRow[] = [];
  for (let f = 0; f < target.funcs; f++) {
    const i = f * T + sampleType;
    const baseFlat = base.flat[i] * baseScale;
    const flatDelta = target.flat[i] - baseFlat;
    const cumDelta = target.cum[i] - base.cum[i] * baseScale;
    if (flatDelta !== 0 || cumDelta !== 0) {
      rows.push({ func: f, baseFlat, targetFlat: target.flat[i], flatDelta, cumDelta });
    }
  }
  const byFlatThenCum = (a: DiffRow, b: DiffRow): number => b.flatDelta - a.flatDelta || b.cumDelta - a.cumDelta || a.func - b.func;
  const grew = rows.filter((r) => r.flatDelta > 0 || (r.flatDelta === 0 && r.cumDelta > 0)).sort(byFlatThenCum);
  const shrank = rows.filter((r) => r.flatDelta < 0 || (r.flatDelta === 0 && r.cumDelta < 0)).sort((a, b) => byFlatThenCum(b, a));
  return { increases: grew.slice(0, limit), decreases: shrank.slice(0, limit) };
}
