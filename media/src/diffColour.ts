// Colours of a differential flame graph: each box of the target's shape is tinted by how
// far its value moved from the base's, red for growth and blue for shrinkage, stronger the
// larger the change relative to the box. "Normalised" compares shares of each profile's
// total (the base scaled to the target's total, as pprof's -normalize does the other way).
import type { DiffArrays, TreeArrays } from '../../src/shared/messages';
import type { Theme } from './theme';

export type DiffMode = 'absolute' | 'normalised';

/** Steps of intensity per direction; a change under 1/steps of the box counts as none. */
const steps = 8;

export const growHue = 0;
export const shrinkHue = 215;

export interface DiffValues {
  readonly base: number;
  readonly target: number;
  /** target - base, the base scaled in normalised mode. */
  readonly delta: number;
}

export class DiffColours {
  /** Per node: 0 unchanged, 1..steps grew, -1..-steps shrank. */
  private readonly level: Int8Array;
  /** What base values are multiplied by before comparing: 1, or target total / base total. */
  readonly baseScale: number;
  private palette: { grow: string[]; shrink: string[]; same: string } | null = null;

  constructor(
    private readonly tree: TreeArrays,
    private readonly base: DiffArrays,
    private readonly sampleType: number,
    readonly mode: DiffMode,
  ) {
    const T = tree.sampleTypes;
    const t = sampleType;
    const baseTotal = tree.length > 0 ? base.total[t] : 0;
    const targetTotal = tree.length > 0 ? tree.total[t] : 0;
    this.baseScale = mode === 'normalised' && baseTotal !== 0 ? targetTotal / baseTotal : 1;
    this.level = new Int8Array(tree.length);
    for (let n = 0; n < tree.length; n++) {
      const target = tree.total[n * T + t];
      const b = base.total[n * T + t] * this.baseScale;
      const size = Math.max(Math.abs(target), Math.abs(b));
      if (size === 0) {
        continue;
      }
      const r = (target - b) / size;
      this.level[n] = Math.sign(r) * Math.min(steps, Math.floor(Math.abs(r) * steps));
    }
  }

  values(node: number): DiffValues {
    const i = node * this.tree.sampleTypes + this.sampleType;
    const target = this.tree.total[i];
    const base = this.base.total[i];
    return { base, target, delta: target - base * this.baseScale };
  }

  /** -1, 0 or 1: what the renderer's colour says about this node (the tests read it). */
  direction(node: number): number {
    return Math.sign(this.level[node]);
  }

  colour(theme: Theme, node: number, dimmed: boolean): string {
    const p = (this.palette ??= makePalette(theme));
    const l = this.level[node];
    if (dimmed || l === 0) {
      return p.same;
    }
    return l > 0 ? p.grow[l - 1] : p.shrink[-l - 1];
  }

  resetTheme(): void {
    this.palette = null;
  }
}

function makePalette(theme: Theme): { grow: string[]; shrink: string[]; same: string } {
  const dark = theme.kind === 'dark' || theme.kind === 'high-contrast';
  const shade = (hue: number, i: number): string => {
    const k = (i + 1) / steps;
    const light = dark ? 30 + 10 * (1 - k) : 88 - 30 * k;
    return `hsl(${hue} ${45 + 40 * k}% ${light}%)`;
  };
  const range = Array.from({ length: steps }, (_, i) => i);
  return {
    grow: range.map((i) => shade(growHue, i)),
    shrink: range.map((i) => shade(shrinkHue, i)),
    same: dark ? 'hsl(0 0% 32%)' : 'hsl(0 0% 84%)',
  };
}
