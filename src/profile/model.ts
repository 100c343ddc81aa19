/**
 * The engine's model of a pprof profile. Everything is columnar (typed arrays indexed by
 * id, strings interned in one table) so a profile of hundreds of thousands of samples stays
 * small, and so a model crosses to the webview by structured clone with its buffers
 * transferred instead of copied object by object.
 */

/** A pprof ValueType with its strings resolved, e.g. `{ type: 'cpu', unit: 'nanoseconds' }`. */
export interface ValueType {
  readonly type: string;
  readonly unit: string;
}

/** Functions as the profile names them; `file`/`name` are indexes into `Profile.strings`. */
export interface FunctionTable {
  readonly length: number;
  readonly name: Int32Array;
  readonly file: Int32Array;
  readonly startLine: Int32Array;
  /**
   * 1 for a function the profile left unnamed, shown as pprof names it (`[binary]` or
   * `<unknown>`, in `name`); by line pprof prints such a frame as its file:line alone.
   */
  readonly unnamed?: Uint8Array;
  /** The profile's system (raw, mangled) names; `name` is pprof's shown name after demangleProfile. Absent: same as `name`. */
  readonly systemName?: Int32Array;
}

/**
 * A frame is one (function, line) of a Location's line list. Inlined calls get frames of
 * their own (Location.line[0] is the innermost), flagged so a view can mark them, because
 * pprof itself shows them as separate entries and our numbers must equal pprof's.
 */
export interface FrameTable {
  readonly length: number;
  /** Index into `Profile.functions`. */
  readonly func: Int32Array;
  readonly line: Int32Array;
  /** 1 when this frame was inlined into the frame below it on the stack. */
  readonly inlined: Uint8Array;
}

/** One pprof label of a sample: string labels carry `str`, numeric ones `num` (and a unit). */
export interface Label {
  readonly key: string;
  readonly str?: string;
  readonly num?: number;
  readonly unit?: string;
}

/**
 * Samples, stacks leaf first as pprof stores them. Sample `i` has frames
 * `stackFrames[stackStart[i] .. stackStart[i + 1])` and values
 * `values[i * sampleTypes.length + t]` for sample type `t`.
 */
export interface SampleTable {
  readonly length: number;
  readonly stackStart: Uint32Array;
  readonly stackFrames: Int32Array;
  readonly values: Float64Array;
  /** Index into `Profile.labelSets`, or -1 for a sample without labels. */
  readonly labelSet: Int32Array;
}

export interface Profile {
  /** Interned strings; index 0 is always "". */
  readonly strings: readonly string[];
  readonly sampleTypes: readonly ValueType[];
  /** Index into `sampleTypes` that pprof would show by default (default_sample_type, else the last). */
  readonly defaultSampleType: number;
  readonly periodType?: ValueType;
  readonly period: number;
  readonly timeNanos: number;
  readonly durationNanos: number;
  readonly comments: readonly string[];
  readonly functions: FunctionTable;
  readonly frames: FrameTable;
  readonly samples: SampleTable;
  readonly labelSets: readonly (readonly Label[])[];
  /**
   * Set on a profile made by diffProfiles: samples from this index on are the base profile's,
   * values negated, as pprof's -diff_base merges them (its totals are then the base's).
   */
  readonly baseSampleStart?: number;
  /**
   * Per sample type, the total that percentages are of when it is not the samples' own: a
   * filtered profile keeps the whole profile's, as pprof does (without -relative_percentages).
   */
  readonly totals?: readonly number[];
}

/**
 * The call tree the flame graph draws, merged by function (as pprof's flame graph does) so
 * that one function called from one place is one box whatever lines it sampled at.
 * Node 0 is the root (func -1). Children of a node are linked through firstChild/nextSibling
 * in descending order of total for the default sample type.
 * `self[node * sampleTypes + t]` and `total[...]` hold the values per sample type; total
 * counts a sample once per node even under recursion.
 */
export interface CallTree {
  readonly length: number;
  readonly sampleTypes: number;
  readonly parent: Int32Array;
  readonly func: Int32Array;
  readonly firstChild: Int32Array;
  readonly nextSibling: Int32Array;
  /** The line of this node's function that carries the most samples: where a click goes. */
  readonly line: Int32Array;
  /** 1 when every sample reached this node through an inlined call. */
  readonly inlined: Uint8Array;
  readonly self: Float64Array;
  readonly total: Float64Array;
}

/** A row of a top table: flat and cum of one function (or one function at one line). */
export interface TopRow {
  readonly name: string;
  readonly file: string;
  readonly line?: number;
  readonly flat: number;
  readonly cum: number;
}

export interface TopTable {
  readonly sampleType: string;
  readonly unit: string;
  readonly total: number;
  readonly rows: readonly TopRow[];
}
