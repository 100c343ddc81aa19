import type { Label, Profile } from './model';
import { compileRegexp } from './regexp';
import { scale } from './measure';

/** A predicate over one sample's labels. */
export type LabelPredicate = (labels: readonly Label[]) => boolean;

/**
 * Compiles a pprof -tagfocus/-tagignore value exactly as pprof reads it: `[key=]spec`, where a
 * spec that reads as a number or range (`32kb`, `1mb:`, `:64kb`, `1:10`) filters numeric
 * labels, and anything else is a comma-separated list of regexps. Without a key every regexp
 * must match some `key:value` of the sample; with one, any regexp matching a value of that key.
 */
export function compileTagFilter(option: string, value: string, profile: Profile): LabelPredicate {
  const eq = value.indexOf('=');
  const key = eq >= 0 ? value.slice(0, eq) : '';
  const spec = eq >= 0 ? value.slice(eq + 1) : value;
  const range = parseRange(spec);
  if (range) {
    const units = numericLabelUnits(profile);
    const matches = (l: Label): boolean => l.num !== undefined && l.str === undefined && range(l.num, units.get(l.key) ?? l.key);
    return key === '' ? (labels) => labels.some(matches) : (labels) => labels.some((l) => l.key === key && matches(l));
  }
  const res = spec.split(',').map((s) => compileRegexp(option, s));
  if (key === '') {
    return (labels) => res.every((re) => labels.some((l) => l.str !== undefined && re.test(`${l.key}:${l.str}`)));
  }
  return (labels) => labels.some((l) => l.key === key && l.str !== undefined && res.some((re) => re.test(l.str as string)));
}

/** pprof's rule for the unit of each numeric label key: declared units, else by key name. */
function numericLabelUnits(profile: Profile): Map<string, string> {
  const units = new Map<string, string>();
  for (const set of profile.labelSets) {
    for (const l of set) {
      if (l.num === undefined || l.str !== undefined) continue;
      if (l.unit && !units.get(l.key)) units.set(l.key, l.unit);
      else if (!units.has(l.key)) units.set(l.key, '');
    }
  }
  for (const [key, unit] of units) {
    if (unit === '') units.set(key, key === 'alignment' || key === 'request' ? 'bytes' : key);
  }
  return units;
}

type Range = (value: number, unit: string) => boolean;

function parseRange(spec: string): Range | undefined {
  const rx = /([+-]?\d+)([A-Za-z]+)?/g;
  const first = rx.exec(spec);
  if (!first) return undefined;
  const second = rx.exec(spec);
  const lo = scale(Number(first[1]), first[2] ?? '', first[2] ?? '');
  const inUnit = (v: number, u: string): number | undefined => {
    const s = scale(v, u, lo.unit);
    return s.unit === lo.unit ? s.value : undefined;
  };
  if (!second) {
    const m = first[0];
    if (spec === m) return (v, u) => inUnit(v, u) === lo.value;
    if (spec === `${m}:`) return (v, u) => (inUnit(v, u) ?? -Infinity) >= lo.value;
    if (spec === `:${m}`) return (v, u) => (inUnit(v, u) ?? Infinity) <= lo.value;
    return undefined;
  }
  if (spec !== `${first[0]}:${second[0]}`) return undefined;
  const hi = scale(Number(second[1]), second[2] ?? '', lo.unit);
  if (hi.unit !== lo.unit) return undefined;
  return (v, u) => {
    const x = inUnit(v, u);
    return x !== undefined && x >= lo.value && x <= hi.value;
  };
}
