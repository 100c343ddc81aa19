/**
 * The pure decisions behind the comparison commands: which capture is "the previous one",
 * and whether two profiles can be compared at all (and if not, a short reason).
 */
import type { Profile } from '../profile';

export interface CaptureLike {
  readonly path: string;
  readonly kind: string;
  readonly session: string;
  readonly time: number;
}

/** The newest capture of the same kind in the same session taken before `c`. */
export function previousCapture<C extends CaptureLike>(all: readonly C[], c: CaptureLike): C | undefined {
  let best: C | undefined;
  for (const o of all) {
    if (o.path === c.path || o.session !== c.session || o.kind !== c.kind || o.time > c.time) continue;
    if (o.time === c.time && o.path > c.path) continue;
    if (!best || o.time > best.time) best = o;
  }
  return best;
}

function describe(p: Profile): string {
  return p.sampleTypes.map((t) => t.type).join('/') || 'no sample types';
}

/** Why two profiles cannot be compared (different kinds: no common sample types), or undefined. */
export function comparisonRefusal(base: Profile, target: Profile): string | undefined {
  const key = (p: Profile): string => p.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(',');
  if (key(base) === key(target)) return undefined;
  return `they are different kinds of profile (${describe(target)} and ${describe(base)}).`;
}
