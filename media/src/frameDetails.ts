// What the page says about a frame and about the whole graph, apart from where it says it:
// the hover card's rows (plain or as a change between two profiles) and the root's label.
import type { TreeArrays, ViewModel } from '../../src/shared/messages';
import type { DiffColours, DiffMode } from './diffColour';
import { formatPercent, formatSigned, formatValue } from './format';
import type { TooltipContent } from './tooltip';

export interface FrameContext {
  readonly tree: TreeArrays;
  readonly funcNames: readonly string[];
  readonly funcFiles: readonly string[];
  readonly sampleType: number;
  readonly unit: string;
  /** What percentages are of. */
  readonly total: number;
  /** Percentages of a partial view (callers, callees) say so. */
  readonly partialView: boolean;
  /** In a comparison's main graph: base, target and change instead of flat and cum. */
  readonly diff?: { readonly colours: DiffColours; readonly mode: DiffMode };
}

export function frameDetails(c: FrameContext, node: number): TooltipContent {
  const { tree, sampleType, unit, total } = c;
  const T = tree.sampleTypes;
  const f = tree.func[node];
  const ofView = c.partialView ? ' of view' : '';
  const flat = tree.self[node * T + sampleType];
  const cum = tree.total[node * T + sampleType];
  let rows: [string, string][] = [
    ['Flat', `${formatValue(flat, unit)} (${formatPercent(flat, total)}${ofView})`],
    ['Cum', `${formatValue(cum, unit)} (${formatPercent(cum, total)}${ofView})`],
  ];
  if (c.diff) {
    const d = c.diff.colours.values(node);
    rows = [
      ['Base', formatValue(d.base, unit)],
      ['Target', formatValue(d.target, unit)],
      [c.diff.mode === 'normalised' ? 'Change (normalised)' : 'Change', `${formatSigned(d.delta, unit)}${relativeChange(d.delta, d.target - d.delta)}`],
    ];
  }
  return {
    name: f < 0 ? 'all samples' : c.funcNames[f],
    location: f < 0 ? '' : `${c.funcFiles[f] || '?'}${tree.line[node] > 0 ? `:${tree.line[node]}` : ''}`,
    inlined: tree.inlined[node] === 1,
    rows,
  };
}

/** The change as a share of the (scaled) base, e.g. " (+12.5%)"; nothing when the base is 0. */
function relativeChange(delta: number, base: number): string {
  if (base === 0) {
    return '';
  }
  const p = (100 * delta) / base;
  return ` (${p > 0 ? '+' : ''}${p.toFixed(1)}%)`;
}

/** "all: 38.1MB inuse_space", with the base and change of a comparison or the share left by a filter. */
export function rootLabel(model: ViewModel, sampleType: number, diff: DiffColours | null): string {
  const tree = model.tree;
  const st = model.sampleTypes[sampleType];
  if (tree.length === 0 || !st) {
    return 'all';
  }
  const total = tree.total[sampleType];
  const whole = model.totals?.[sampleType];
  // Goroutine counts name themselves ("all: 7 goroutines", not "all: 7 goroutine").
  const unit = (st.type === 'goroutine' || st.type === 'goroutineleak') && st.unit === 'count' ? 'goroutines' : st.unit;
  const label = unit === 'goroutines' ? `all: ${formatValue(total, unit)}` : `all: ${formatValue(total, unit)} ${st.type}`;
  if (diff) {
    const d = diff.values(0);
    return `${label} (base ${formatValue(d.base, unit)}, change ${formatSigned(d.delta, unit)})`;
  }
  return whole === undefined ? label : `${label} (${formatPercent(total, whole)} of ${formatValue(whole, unit)})`;
}

/** Why the graph is empty, or '' when it is not: a profile with no samples (a CPU region too short to sample) or none of this type. */
export function emptinessMessage(model: ViewModel, sampleType: number): string {
  const tree = model.tree;
  const anySamples = tree.length > 1 && model.sampleTypes.some((_, t) => tree.total[t] !== 0);
  if (!anySamples) {
    const covers = model.durationNanos > 0 ? ` (it covers ${formatValue(model.durationNanos, 'nanoseconds')})` : '';
    return `This profile holds no samples${covers}. A CPU profile needs the program to run on a CPU for a while: Go samples 100 times a second.`;
  }
  if (tree.total[sampleType] === 0) {
    return `No ${model.sampleTypes[sampleType]?.type ?? 'values'} recorded in this profile; choose another sample type.`;
  }
  return '';
}
