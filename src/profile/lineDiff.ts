/**
 * What the editor shows for a comparison: per line, how its cost moved from the base to the
 * target (the lines of `go tool pprof -top -lines -diff_base`). Pure, from the cost index of
 * the diffed profile, whose values are already target minus base.
 */
import { formatValue } from './';
import type { CostIndex } from './lineCosts';

export interface DiffLine {
  /** 0-based, as the editor counts. */
  readonly line: number;
  /** Change of the line's cum value (what ran on it or below it). */
  readonly delta: number;
  readonly text: string;
}

function signed(v: number, unit: string): string {
  return v > 0 ? `+${formatValue(v, unit)}` : formatValue(v, unit);
}

/** The changed lines of the local file whose recorded paths are `recorded`, in line order. */
export function diffLines(index: CostIndex, recorded: readonly string[]): DiffLine[] {
  const byLine = new Map<number, { flat: number; cum: number }>();
  for (const file of recorded) {
    for (const l of index.files.get(file)?.lines ?? []) {
      const prev = byLine.get(l.line) ?? { flat: 0, cum: 0 };
      byLine.set(l.line, { flat: prev.flat + l.flat, cum: prev.cum + l.cum });
    }
  }
  const out: DiffLine[] = [];
  for (const [line, { flat, cum }] of [...byLine].sort((a, b) => a[0] - b[0])) {
    if (cum === 0 && flat === 0) continue;
    const flatPart = flat !== 0 && flat !== cum ? ` (flat ${signed(flat, index.unit)})` : '';
    out.push({ line: line - 1, delta: cum, text: `Δ ${signed(cum, index.unit)} ${index.typeName}${flatPart}` });
  }
  return out;
}
