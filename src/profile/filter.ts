import type { Label, Profile } from './model';
import { compileRegexp } from './regexp';
import { compileTagFilter } from './tagFilter';
import type { LabelPredicate } from './tagFilter';
import { sampleTotals } from './top';

/** pprof's sample filters, by the names of its command-line options. */
export interface FilterOptions {
  /** Keep samples with a frame whose function name or file matches. */
  readonly focus?: string;
  /** Drop samples with a frame whose function name or file matches. */
  readonly ignore?: string;
  /** Remove matching frames from stacks (a sample left without frames goes too). */
  readonly hide?: string;
  /** Keep only matching frames in stacks. */
  readonly show?: string;
  /** Keep samples whose labels match: `[key=]regexp[,regexp]` or a numeric `[key=]range`. */
  readonly tagfocus?: string;
  /** Drop samples whose labels match, same syntax as tagfocus. */
  readonly tagignore?: string;
}

/**
 * Applies pprof's -focus, -ignore, -hide, -show, -tagfocus and -tagignore: the samples that
 * pprof would keep, with the stacks it would keep. Matching is per frame; pprof matches per
 * location (any of its inlined lines), which keeps and drops the same samples. pprof also
 * matches the mapping's file name, which the model does not carry.
 */
export function filterProfile(profile: Profile, options: FilterOptions): Profile {
  const frameMatches = (option: string, source: string | undefined): Uint8Array | undefined => {
    if (source === undefined || source === '') return undefined;
    const re = compileRegexp(option, source);
    const { strings, functions, frames } = profile;
    const byFunc = new Uint8Array(functions.length);
    for (let f = 0; f < functions.length; f++) {
      byFunc[f] = re.test(strings[functions.name[f]]) || re.test(strings[functions.file[f]]) ? 1 : 0;
    }
    return Uint8Array.from(frames.func, (f) => byFunc[f]);
  };
  const focus = frameMatches('focus', options.focus);
  const ignore = frameMatches('ignore', options.ignore);
  const hide = frameMatches('hide', options.hide);
  const show = frameMatches('show', options.show);
  const tagfocus = options.tagfocus ? compileTagFilter('tagfocus', options.tagfocus, profile) : undefined;
  const tagignore = options.tagignore ? compileTagFilter('tagignore', options.tagignore, profile) : undefined;
  const labelsKept = labelSetFilter(profile, tagfocus, tagignore);

  const T = profile.sampleTypes.length;
  const s = profile.samples;
  const stackStart: number[] = [0];
  const stackFrames = new Int32Array(s.stackFrames.length);
  const values: number[] = [];
  const labelSet: number[] = [];
  const kept: number[] = [];
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const from = s.stackStart[i];
    const to = s.stackStart[i + 1];
    if (!labelsKept(s.labelSet[i])) continue;
    if (!focusedAndNotIgnored(s.stackFrames, from, to, focus, ignore)) continue;
    const start = n;
    for (let j = from; j < to; j++) {
      const f = s.stackFrames[j];
      if ((hide && hide[f]) || (show && !show[f])) continue;
      stackFrames[n++] = f;
    }
    if (n === start && (hide || show)) continue;
    stackStart.push(n);
    for (let t = 0; t < T; t++) values.push(s.values[i * T + t]);
    labelSet.push(s.labelSet[i]);
    kept.push(i);
  }
  const baseSampleStart = profile.baseSampleStart === undefined ? undefined : kept.filter((i) => i < (profile.baseSampleStart as number)).length;
  return {
    ...profile,
    samples: {
      length: labelSet.length,
      stackStart: Uint32Array.from(stackStart),
      stackFrames: stackFrames.slice(0, n),
      values: Float64Array.from(values),
      labelSet: Int32Array.from(labelSet),
    },
    ...(baseSampleStart === undefined ? {} : { baseSampleStart }),
    totals: sampleTotals(profile),
  };
}

/** pprof: kept when some frame is focused (every frame is, without -focus) and none is ignored. */
function focusedAndNotIgnored(frames: Int32Array, from: number, to: number, focus: Uint8Array | undefined, ignore: Uint8Array | undefined): boolean {
  let focused = false;
  for (let j = from; j < to; j++) {
    const f = frames[j];
    if (ignore && ignore[f]) return false;
    if (!focus || focus[f]) focused = true;
  }
  return focused;
}

function labelSetFilter(profile: Profile, focus: LabelPredicate | undefined, ignore: LabelPredicate | undefined): (set: number) => boolean {
  if (!focus && !ignore) return () => true;
  const keep = (labels: readonly Label[]): boolean => (!focus || focus(labels)) && !(ignore && ignore(labels));
  const bySet = profile.labelSets.map((set) => keep(set));
  const unlabelled = keep([]);
  return (set) => (set < 0 ? unlabelled : bySet[set]);
}
