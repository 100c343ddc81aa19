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

/** pprof's ScaledLabel: a value scaled to `toUnit` ("auto"/"minimum" picks the largest unit reached), two decimals at most. */
export function scaledLabel(value: number, fromUnit: string, toUnit: string): string {
  const s = scale(value, fromUnit, toUnit);
  const text = s.value.toFixed(2).replace(/\.00$/, '');
  return text === '0' || text === '-0' ? '0' : `${text}${s.unit}`;
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
    const v = value * from.factor;
    if (toUnit === 'auto' || toUnit === 'minimum') {
      let best: Unit | undefined;
      for (const u of d.units) if (v / u.factor >= 1 && (!best || u.factor >= best.factor)) best = u;
      const to = best ?? d.base;
      return { value: v / to.factor, unit: to.name };
    }
    const to = sniff(d, toUnit) ?? d.base;
    return { value: v / to.factor, unit: to.name };
  }
  return ['count', 'sample', 'unit', 'minimum', 'auto'].includes(toUnit) ? { value, unit: '' } : { value, unit: toUnit };
}
