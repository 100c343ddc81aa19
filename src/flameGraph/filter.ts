/**
 * The model the panel shows for a profile under the user's filters: pprof's -focus,
 * -ignore, -hide, -tagfocus, -tagignore and -tagroot applied by the engine, then the call
 * tree (two trees' worth for a comparison). Pure: the session, the tests and the editor's
 * diff annotations share it.
 */
import { buildCallTree, filterProfile, labelSummary, tagRoot, type FilterOptions, type Profile } from '../profile';
import type { LabelInfo, ViewFilter, ViewModel } from '../shared/messages';
import { buildDiffTree } from '../profile/diffTree';
import { toViewModel } from './viewModel';

export interface FilteredModel {
  readonly model: ViewModel;
  /** The samples the filter kept (before any label root): what annotations should follow. */
  readonly filtered: Profile;
  /** Whether a filter dropped or trimmed samples (a label root alone does not). */
  readonly narrowed: boolean;
}

/** The filter with empty fields dropped and text trimmed, so "no filter" has one spelling. */
export function cleanFilter(filter: ViewFilter): ViewFilter {
  const out: Record<string, string> = {};
  for (const key of ['focus', 'ignore', 'hide', 'tagfocus', 'tagignore', 'tagroot'] as const) {
    const v = filter[key]?.trim();
    if (v) out[key] = v;
  }
  return out;
}

export function filteredModel(profile: Profile, title: string, filter: ViewFilter = {}, baseTitle?: string): FilteredModel {
  const f = cleanFilter(filter);
  const options: FilterOptions = { focus: f.focus, ignore: f.ignore, hide: f.hide, tagfocus: f.tagfocus, tagignore: f.tagignore };
  const sampleFilter = Object.values(options).some((v) => v !== undefined);
  const filtered = sampleFilter ? filterProfile(profile, options) : profile;
  const rooted = tagRoot(filtered, f.tagroot ? [f.tagroot] : []);
  let model: ViewModel;
  const named = (m: ViewModel): ViewModel => (f.tagroot ? nameLabelRoots(m, filtered.functions.length, f.tagroot) : m);
  if (rooted.baseSampleStart === undefined) {
    model = named(toViewModel(rooted, buildCallTree(rooted), title));
  } else {
    const diff = buildDiffTree(rooted);
    model = { ...named(toViewModel(rooted, diff.tree, title)), base: { baseTitle: baseTitle ?? 'base', self: diff.baseSelf, total: diff.baseTotal } };
  }
  return {
    model: {
      ...model,
      labels: stringLabels(profile),
      filter: f,
      ...(sampleFilter && filtered.totals && profile.baseSampleStart === undefined ? { totals: filtered.totals } : {}),
    },
    filtered,
    narrowed: sampleFilter,
  };
}

/**
 * The label root frames (the functions tagRoot appended) named `key[value]`, and
 * `key (none)` for unlabelled samples, so the graph says what each subtree groups.
 */
function nameLabelRoots(model: ViewModel, firstPseudo: number, key: string): ViewModel {
  const funcNames = model.funcNames.map((name, f) => (f < firstPseudo ? name : name === '' ? `${key} (none)` : `${key}[${name}]`));
  return { ...model, funcNames };
}

/** The label keys with string values: the ones a value can be picked from (numeric ones take ranges). */
function stringLabels(profile: Profile): LabelInfo[] {
  const keys = new Set<string>();
  for (const set of profile.labelSets) for (const l of set) if (l.str !== undefined) keys.add(l.key);
  return labelSummary(profile).filter((l) => keys.has(l.key));
}
