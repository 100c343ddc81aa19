/**
 * The messages between the extension and the flame-graph webview. Data always travels by
 * postMessage (structured clone, typed arrays intact), never spliced into the page's HTML,
 * so no profile string ever reaches an HTML parser.
 *
 * The extension decodes the profile (Node's zlib is faster than pako) and sends the call
 * tree with only the strings the view needs: measured faster to first paint than sending
 * the raw bytes for the webview to decode (see bench/webview.bench.ts).
 */

export interface ValueTypeInfo {
  readonly type: string;
  readonly unit: string;
}

/** The CallTree of src/profile/model.ts as plain typed arrays (see that file for meaning). */
export interface TreeArrays {
  readonly length: number;
  readonly sampleTypes: number;
  readonly parent: Int32Array;
  readonly func: Int32Array;
  readonly firstChild: Int32Array;
  readonly nextSibling: Int32Array;
  readonly line: Int32Array;
  readonly inlined: Uint8Array;
  readonly self: Float64Array;
  readonly total: Float64Array;
}

/** Everything the view draws; `tree.func` indexes `funcNames`/`funcFiles`/`funcStartLines`. */
export interface ViewModel {
  readonly title: string;
  readonly sampleTypes: readonly ValueTypeInfo[];
  readonly defaultSampleType: number;
  readonly durationNanos: number;
  readonly funcNames: readonly string[];
  readonly funcFiles: readonly string[];
  readonly funcStartLines: Int32Array;
  readonly tree: TreeArrays;
}

/** Extension -> webview. */
export type HostMessage =
  | { readonly type: 'model'; readonly model: ViewModel }
  /** The editor cursor is inside this function (index into funcNames), or none. */
  | { readonly type: 'highlightFunction'; readonly func: number | null }
  | { readonly type: 'error'; readonly message: string };

/** Webview -> extension. */
export type ViewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'openSource'; readonly func: string; readonly file: string; readonly line: number }
  /** Export the profile for speedscope, showing this sample type (index into sampleTypes). */
  | { readonly type: 'openInSpeedscope'; readonly sampleType: number };

/** The buffers of a model, for a transfer list (the webview test host and the bench use it). */
export function modelBuffers(model: ViewModel): ArrayBuffer[] {
  const t = model.tree;
  return [t.parent, t.func, t.firstChild, t.nextSibling, t.line, t.inlined, t.self, t.total, model.funcStartLines].map(
    (a) => a.buffer as ArrayBuffer,
  );
}
