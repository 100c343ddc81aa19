/**
 * Short texts for the editor: a value with its unit at three significant digits
 * ("12.3 ms", "4.5 MB", "1.2k") and a share of the total ("4.1%"). Shorter than the
 * panel's pprof-style numbers because they sit at the end of code lines.
 */
import { goroutineCount } from '../profile';

interface Scale {
  readonly suffix: string;
  readonly factor: number;
}

const TIME: readonly Scale[] = [
  { suffix: ' ns', factor: 1 },
  { suffix: ' µs', factor: 1e3 },
  { suffix: ' ms', factor: 1e6 },
  { suffix: ' s', factor: 1e9 },
];
const BYTES: readonly Scale[] = [
  { suffix: ' B', factor: 1 },
  { suffix: ' kB', factor: 1024 },
  { suffix: ' MB', factor: 1024 ** 2 },
  { suffix: ' GB', factor: 1024 ** 3 },
  { suffix: ' TB', factor: 1024 ** 4 },
];
const COUNT: readonly Scale[] = [
  { suffix: '', factor: 1 },
  { suffix: 'k', factor: 1e3 },
  { suffix: 'M', factor: 1e6 },
  { suffix: 'G', factor: 1e9 },
];
const SCALES: Readonly<Record<string, readonly Scale[]>> = { nanoseconds: TIME, bytes: BYTES, count: COUNT };

/** Three significant digits, trailing zeros dropped (1000 and more as whole numbers). */
function round3(x: number): number {
  return Math.abs(x) >= 1000 ? Math.round(x) : Number(x.toPrecision(3));
}

export function formatCost(value: number, unit: string): string {
  if (unit === 'goroutines') return goroutineCount(value);
  const scales = SCALES[unit];
  if (!scales) return unit && value !== 0 ? `${round3(value)} ${unit}` : String(round3(value));
  const abs = Math.abs(value);
  let i = 0;
  while (i + 1 < scales.length && abs >= scales[i + 1].factor) i++;
  // Rounding can carry into the next scale: 999.7 µs reads "1 ms", not "1000 µs".
  if (i + 1 < scales.length && round3(abs / scales[i].factor) * scales[i].factor >= scales[i + 1].factor) i++;
  return `${round3(value / scales[i].factor)}${scales[i].suffix}`;
}

/** Share of pprof's total, one decimal; tiny non-zero shares read "<0.1%" rather than "0%". */
export function formatShare(part: number, total: number): string {
  if (total === 0 || part === 0) return '0%';
  const p = (100 * part) / total;
  if (Math.abs(p) < 0.05) return p < 0 ? '>-0.1%' : '<0.1%';
  const s = p.toFixed(1);
  return `${s.endsWith('.0') ? s.slice(0, -2) : s}%`;
}

export function costAndShare(value: number, unit: string, total: number): string {
  return `${formatCost(value, unit)} · ${formatShare(value, total)}`;
}

/**
 * The text after a line: flat when the line itself spends, cum when its callees do, both
 * when they differ ("12.3 ms · 4.1% (cum 40 ms · 13.3%)").
 */
export function lineText(flat: number, cum: number, unit: string, total: number): string {
  // A goroutine is at every line of its stack: the count there is what matters, not flat/cum.
  if (flat === cum || unit === 'goroutines') return costAndShare(cum, unit, total);
  if (flat === 0) return `cum ${costAndShare(cum, unit, total)}`;
  return `${costAndShare(flat, unit, total)} (cum ${costAndShare(cum, unit, total)})`;
}

/** The CodeLens title of a function. */
export function functionText(flat: number, cum: number, unit: string, total: number, typeName: string): string {
  if (unit === 'goroutines') return `${typeName}: ${costAndShare(cum, unit, total)}`;
  return `${typeName}: flat ${costAndShare(flat, unit, total)}, cum ${costAndShare(cum, unit, total)}`;
}
