/**
 * The messages between the extension and the flame-graph webview. Data always travels by
 * postMessage (structured clone, typed arrays intact), never spliced into the page's HTML,
 * so no profile string ever reaches an HTML parser.
 *
 * The extension decodes the profile (Node's zlib is faster than pako) and sends the call
 * tree with only the strings the view needs: measured faster to first paint than sending
 * the raw bytes for the webview to decode (see bench/webview.bench.ts).
 */

import type { CallTree, ValueType } from '../profile/model';

export type ValueTypeInfo = ValueType;

/** The engine's CallTree as sent: nothing but typed arrays, which structured clone keeps intact. */
export type TreeArrays = CallTree;

/**
 * The filters the user set in the panel, by pprof's option names (-focus, -ignore, -hide,
 * -tagfocus, -tagignore, -tagroot): the extension applies them with the engine and sends a
 * new model. An empty or absent field is no filter.
 */
export interface ViewFilter {
  readonly focus?: string;
  readonly ignore?: string;
  readonly hide?: string;
  readonly tagfocus?: string;
  readonly tagignore?: string;
  /** A label key: the graph gets one root subtree per value of it. */
  readonly tagroot?: string;
}

/** The pprof labels present: keys sorted, each with its values and how many samples carry them. */
export interface LabelInfo {
  readonly key: string;
  readonly values: readonly { readonly value: string; readonly samples: number }[];
}

/**
 * A comparison: per tree node, the base profile's values (same layout as `tree.self` and
 * `tree.total`), while the tree's own values are the target's. Nodes only the base has are
 * in the tree with a target value of 0.
 */
export interface DiffArrays {
  readonly baseTitle: string;
  readonly self: Float64Array;
  readonly total: Float64Array;
}

/** Everything the view draws; `tree.func` indexes `funcNames`/`funcFiles`/`funcStartLines`. */
export interface ViewModel {
  readonly title: string;
  readonly sampleTypes: readonly ValueTypeInfo[];
  readonly defaultSampleType: number;
  readonly durationNanos: number;
  /** What one sample stands for: a heap's period (space/bytes) is its MemProfileRate. */
  readonly periodType?: ValueTypeInfo;
  readonly period?: number;
  readonly funcNames: readonly string[];
  readonly funcFiles: readonly string[];
  readonly funcStartLines: Int32Array;
  readonly tree: TreeArrays;
  /** Set when the view compares two profiles. */
  readonly base?: DiffArrays;
  readonly labels?: readonly LabelInfo[];
  /** The filter this model was computed with. */
  readonly filter?: ViewFilter;
  /** Per sample type, the unfiltered total when a filter is active (pprof's percentages are of it). */
  readonly totals?: readonly number[];
  /** Set when demangling changes some name: whether the names shown are demangled (the Names toggle). */
  readonly names?: { readonly demangled: boolean };
}

/** Extension -> webview. */
export type HostMessage =
  | { readonly type: 'model'; readonly model: ViewModel }
  /** The editor cursor is inside this function (index into funcNames), or none. */
  | { readonly type: 'highlightFunction'; readonly func: number | null }
  | { readonly type: 'error'; readonly message: string }
  /** A filter the engine refused (a bad regexp): the view keeps its model and shows this. */
  | { readonly type: 'filterError'; readonly message: string };

/** Webview -> extension. */
export type ViewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'openSource'; readonly func: string; readonly file: string; readonly line: number }
  /** Export the profile for speedscope, showing this sample type (index into sampleTypes). */
  | { readonly type: 'openInSpeedscope'; readonly sampleType: number }
  /** Recompute the model with these filters. */
  | { readonly type: 'setFilter'; readonly filter: ViewFilter }
  /** The Names toggle: show names demangled as pprof does, or raw as the profile has them. */
  | { readonly type: 'setDemangle'; readonly demangle: boolean };

/** The buffers of a model, for a transfer list (the webview test host and the bench use it). */
export function modelBuffers(model: ViewModel): ArrayBuffer[] {
  const t = model.tree;
  const base = model.base ? [model.base.self, model.base.total] : [];
  return [t.parent, t.func, t.firstChild, t.nextSibling, t.line, t.inlined, t.self, t.total, model.funcStartLines, ...base].map(
    (a) => a.buffer as ArrayBuffer,
  );
}
