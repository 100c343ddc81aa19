/**
 * The unit a view shows for a sample type: goroutine profiles (the runtime's `goroutine` and
 * `goroutineleak`, both `count`) count goroutines, so they read "1 goroutine", not "1".
 */
export function displayUnit(type: { type: string; unit: string }): string {
  return (type.type === 'goroutine' || type.type === 'goroutineleak') && type.unit === 'count' ? 'goroutines' : type.unit;
}

/** "1 goroutine", "12 goroutines". */
export function goroutineCount(n: number): string {
  return `${n} goroutine${n === 1 ? '' : 's'}`;
}

/** Human-readable values for tables, scaled as pprof scales them (ns to s, bytes to MB, counts as is). */
export function formatValue(value: number, unit: string): string {
  if (unit === 'goroutines') return goroutineCount(value);
  if (value === 0) return '0';
  const scales = SCALES[unit];
  if (!scales) return formatNumber(value);
  const abs = Math.abs(value);
  let chosen = scales[0];
  for (const s of scales) if (abs >= s.factor) chosen = s;
  return `${formatNumber(value / chosen.factor)}${chosen.name}`;
}

interface Scale {
  readonly name: string;
  readonly factor: number;
}

const TIME: Scale[] = [
  { name: 'ns', factor: 1 },
  { name: 'us', factor: 1e3 },
  { name: 'ms', factor: 1e6 },
  { name: 's', factor: 1e9 },
];
const BYTES: Scale[] = [
  { name: 'B', factor: 1 },
  { name: 'kB', factor: 1024 },
  { name: 'MB', factor: 1024 ** 2 },
  { name: 'GB', factor: 1024 ** 3 },
  { name: 'TB', factor: 1024 ** 4 },
];
const SCALES: Record<string, Scale[]> = { nanoseconds: TIME, bytes: BYTES };

function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return x.toFixed(2).replace(/\.?0+$/, '');
}

/** A percentage with at least two significant digits, as pprof prints them. */
export function formatPercent(part: number, total: number): string {
  if (total === 0) return '0%';
  const p = (100 * part) / total;
  if (p === 0) return '0%';
  if (Math.abs(p) >= 99.995) return '100%';
  if (Math.abs(p) >= 1) return `${p.toFixed(2)}%`;
  return `${p.toPrecision(2)}%`;
}
