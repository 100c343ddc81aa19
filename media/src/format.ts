// Values are shown in their pprof unit scaled to something readable (ms/s, kB/MB,
// counts), the way `go tool pprof` prints them, so numbers here match its output.

const timeUnits: Record<string, number> = { nanoseconds: 1, microseconds: 1e3, milliseconds: 1e6, seconds: 1e9 };
const byteUnits: Record<string, number> = { bytes: 1, kilobytes: 1024, megabytes: 1024 ** 2, gigabytes: 1024 ** 3 };

function trim(n: number): string {
  const digits = n >= 100 ? 0 : n >= 10 ? 1 : 2;
  const text = n.toFixed(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function scaled(value: number, steps: readonly [number, string][]): string {
  const abs = Math.abs(value);
  let chosen = steps[0];
  for (const step of steps) {
    if (abs >= step[0]) {
      chosen = step;
    }
  }
  return `${value < 0 ? '-' : ''}${trim(abs / chosen[0])}${chosen[1]}`;
}

const timeSteps: [number, string][] = [[1, 'ns'], [1e3, 'µs'], [1e6, 'ms'], [1e9, 's']];
const byteSteps: [number, string][] = [[1, 'B'], [1024, 'kB'], [1024 ** 2, 'MB'], [1024 ** 3, 'GB'], [1024 ** 4, 'TB']];

export function formatValue(value: number, unit: string): string {
  if (unit === 'goroutines') {
    return `${value} goroutine${value === 1 ? '' : 's'}`;
  }
  if (value === 0) {
    return '0';
  }
  const u = unit.toLowerCase();
  if (u in timeUnits) {
    return scaled(value * timeUnits[u], timeSteps);
  }
  if (u in byteUnits) {
    return scaled(value * byteUnits[u], byteSteps);
  }
  const text = Math.round(value).toLocaleString('en-US');
  return u === 'count' || u === '' ? text : `${text} ${unit}`;
}

export function formatPercent(part: number, whole: number): string {
  if (whole === 0) {
    return '0%';
  }
  const p = (100 * part) / whole;
  return `${p >= 10 || p === 0 ? p.toFixed(1) : p.toFixed(2)}%`;
}

/** A change with its sign: "+1.2 MB", "-300 ms", "0". */
export function formatSigned(value: number, unit: string): string {
  return value > 0 ? `+${formatValue(value, unit)}` : formatValue(value, unit);
}
