/**
 * pprof's unit conversion (its measurement.Scale), which decides how tag filter ranges such
 * as `bytes=32kb:` compare with numeric labels: same dimension, scaled to the filter's unit.
 */
interface Unit {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly factor: number;
}

interface Dimension {
  readonly units: readonly Unit[];
  readonly base: Unit;
}

const memory: Unit[] = [
  { name: 'B', aliases: ['b', 'byte'], factor: 1 },
  { name: 'kB', aliases: ['kb', 'kbyte', 'kilobyte'], factor: 2 ** 10 },
  { name: 'MB', aliases: ['mb', 'mbyte', 'megabyte'], factor: 2 ** 20 },
  { name: 'GB', aliases: ['gb', 'gbyte', 'gigabyte'], factor: 2 ** 30 },
  { name: 'TB', aliases: ['tb', 'tbyte', 'terabyte'], factor: 2 ** 40 },
  { name: 'PB', aliases: ['pb', 'pbyte', 'petabyte'], factor: 2 ** 50 },
];
const time: Unit[] = [
  { name: 'ns', aliases: ['ns', 'nanosecond'], factor: 1 },
  { name: 'us', aliases: ['μs', 'us', 'microsecond'], factor: 1e3 },
  { name: 'ms', aliases: ['ms', 'millisecond'], factor: 1e6 },
  { name: 's', aliases: ['s', 'sec', 'second'], factor: 1e9 },
  { name: 'hrs', aliases: ['hour', 'hr'], factor: 3600e9 },
];
const dimensions: Dimension[] = [
  { units: memory, base: memory[0] },
  { units: time, base: { name: 's', aliases: [], factor: 1e9 } },
];

function sniff(d: Dimension, unit: string): Unit | undefined {
  const u = unit.toLowerCase().replace(/s$/, '');
  return d.units.find((x) => x.aliases.includes(u) || x.aliases.includes(unit.toLowerCase()));
}

/** Converts `value` from one unit to another; unknown units pass through unchanged. */
export function scale(value: number, fromUnit: string, toUnit: string): { value: number; unit: string } {
  if (value < 0) {
    const r = scale(-value, fromUnit, toUnit);
    return { value: -r.value, unit: r.unit };
  }
  for (const d of dimensions) {
    const from = sniff(d, fromUnit);
    if (!from) continue;
    const to = sniff(d, toUnit) ?? d.base;
    return { value: (value * from.factor) / to.factor, unit: to.name };
  }
  return ['count', 'sample', 'unit', 'minimum', 'auto'].includes(toUnit) ? { value, unit: '' } : { value, unit: toUnit };
}
