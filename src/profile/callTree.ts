import type { CallTree, Profile } from './model';
import { PairTable } from './pairTable';
import { growFloat64 } from './growable';

/**
 * Builds the flame graph's call tree, merged by function. First a tree keyed by frame
 * (function, line, inlined) is built from the samples, one hash lookup per stack frame; its
 * nodes, far fewer than the frames of all samples, are then merged by function, which also
 * tells which line of each function node carries the most weight.
 */
export function buildCallTree(profile: Profile): CallTree {
  const T = profile.sampleTypes.length;
  const d = profile.defaultSampleType;
  const frames = buildFrameTree(profile);
  const nF = frames.nodes;
  const fParent = frames.table.a;
  const fFrame = frames.table.b;
  const fSelf = frames.self;
  const fTotal = fSelf.slice(0, nF * T);
  for (let k = nF - 1; k >= 1; k--) {
    const p = fParent[k - 1];
    for (let t = 0; t < T; t++) fTotal[p * T + t] += fTotal[k * T + t];
  }

  const frameFunc = profile.frames.func;
  const byFunc = new PairTable(nF);
  const funcNodeOf = new Int32Array(nF);
  const child = new LastChild();
  for (let k = 1; k < nF; k++) {
    const p = funcNodeOf[fParent[k - 1]];
    const f = frameFunc[fFrame[k - 1]];
    funcNodeOf[k] = child.pairs[2 * p] === f ? child.pairs[2 * p + 1] : child.remember(p, f, byFunc.intern(p, f) + 1);
  }
  const n = byFunc.size + 1;
  const parent = new Int32Array(n);
  const func = new Int32Array(n);
  parent[0] = -1;
  func[0] = -1;
  for (let m = 1; m < n; m++) {
    parent[m] = byFunc.a[m - 1];
    func[m] = byFunc.b[m - 1];
  }
  const self = new Float64Array(n * T);
  const total = new Float64Array(n * T);
  const inlined = new Uint8Array(n).fill(1);
  inlined[0] = 0;
  for (let t = 0; t < T; t++) {
    self[t] = fSelf[t];
    total[t] = fTotal[t];
  }
  const frameInlined = profile.frames.inlined;
  for (let k = 1; k < nF; k++) {
    const m = funcNodeOf[k];
    for (let t = 0; t < T; t++) {
      self[m * T + t] += fSelf[k * T + t];
      total[m * T + t] += fTotal[k * T + t];
    }
    inlined[m] &= frameInlined[fFrame[k - 1]];
  }

  const line = heaviestLines(profile, nF, fFrame, funcNodeOf, fTotal, n, T, d);
  const { firstChild, nextSibling } = linkChildren(parent, total, T, d);
  return { length: n, sampleTypes: T, parent, func, firstChild, nextSibling, line, inlined, self, total };
}

function buildFrameTree(profile: Profile): { table: PairTable; nodes: number; self: Float64Array } {
  const T = profile.sampleTypes.length;
  const { stackStart, stackFrames, values, length } = profile.samples;
  const table = new PairTable(Math.min(stackFrames.length, 1 << 20));
  const child = new LastChild();
  let self: Float64Array = new Float64Array(1024 * T);
  for (let i = 0; i < length; i++) {
    let zero = true;
    for (let t = 0; t < T; t++) zero &&= values[i * T + t] === 0;
    if (zero) continue;
    let node = 0;
    for (let j = stackStart[i + 1] - 1; j >= stackStart[i]; j--) {
      const frame = stackFrames[j];
      const pairs = child.pairs;
      node = pairs[2 * node] === frame ? pairs[2 * node + 1] : child.remember(node, frame, table.intern(node, frame) + 1);
    }
    if ((node + 1) * T > self.length) self = growFloat64(self, (table.size + 1) * T * 2);
    for (let t = 0; t < T; t++) self[node * T + t] += values[i * T + t];
  }
  return { table, nodes: table.size + 1, self };
}

/**
 * The child each node was last asked for, as (key, child) pairs side by side in one array so
 * a lookup touches one cache line. Deep stacks run through long chains of nodes with one
 * child, and stacks arrive in no particular order, so this answers most lookups (nine in ten
 * on the benchmark's profile) without a hash probe.
 */
class LastChild {
  pairs = new Int32Array(2048).fill(-1);

  remember(parent: number, key: number, child: number): number {
    if (2 * child + 2 > this.pairs.length) {
      const pairs = new Int32Array(this.pairs.length * 2).fill(-1);
      pairs.set(this.pairs);
      this.pairs = pairs;
    }
    this.pairs[2 * parent] = key;
    this.pairs[2 * parent + 1] = child;
    return child;
  }
}

/** Per function node, the line whose frames carry the most of the default sample type. */
function heaviestLines(
  profile: Profile, nF: number, fFrame: Int32Array, funcNodeOf: Int32Array, fTotal: Float64Array, n: number, T: number, d: number,
): Int32Array {
  const frameLine = profile.frames.line;
  const line = new Int32Array(n);
  const weight = new Float64Array(n).fill(-1);
  // Most function nodes come from frames of one line; only the others need a (node, line) table.
  let pairs: PairTable | undefined;
  let pairWeight: Float64Array = new Float64Array(0);
  for (let k = 1; k < nF; k++) {
    const m = funcNodeOf[k];
    const l = frameLine[fFrame[k - 1]];
    const w = Math.abs(fTotal[k * T + d]);
    if (weight[m] < 0) {
      line[m] = l;
      weight[m] = w;
    } else if (line[m] === l && !pairs) {
      weight[m] += w;
    } else {
      pairs ??= new PairTable();
      const id = pairs.intern(m, l);
      if (id >= pairWeight.length) pairWeight = growFloat64(pairWeight, id + 1);
      pairWeight[id] += w;
    }
  }
  if (pairs) {
    // Nodes with several lines: fold the first line's weight in and pick the heaviest.
    const first = new Int32Array(n).fill(-1);
    for (let id = 0; id < pairs.size; id++) first[pairs.a[id]] = 0;
    for (let m = 0; m < n; m++) {
      if (first[m] === 0) {
        const id = pairs.intern(m, line[m]);
        if (id >= pairWeight.length) pairWeight = growFloat64(pairWeight, id + 1);
        pairWeight[id] += weight[m];
        weight[m] = -1;
      }
    }
    for (let id = 0; id < pairs.size; id++) {
      const m = pairs.a[id];
      if (first[m] === 0 && pairWeight[id] > weight[m]) {
        weight[m] = pairWeight[id];
        line[m] = pairs.b[id];
      }
    }
  }
  return line;
}

/** Links each node's children in descending order of total for the default sample type. */
function linkChildren(parent: Int32Array, total: Float64Array, T: number, d: number): { firstChild: Int32Array; nextSibling: Int32Array } {
  const n = parent.length;
  const start = new Int32Array(n + 1);
  for (let m = 1; m < n; m++) start[parent[m] + 1]++;
  for (let m = 0; m < n; m++) start[m + 1] += start[m];
  const fill = start.slice(0, n);
  const children = new Int32Array(Math.max(0, n - 1));
  for (let m = 1; m < n; m++) children[fill[parent[m]]++] = m;
  const firstChild = new Int32Array(n).fill(-1);
  const nextSibling = new Int32Array(n).fill(-1);
  const order = (x: number, y: number): number => total[y * T + d] - total[x * T + d] || x - y;
  for (let m = 0; m < n; m++) {
    const seg = children.subarray(start[m], start[m + 1]);
    if (seg.length === 0) continue;
    if (seg.length > 1) seg.sort(order);
    firstChild[m] = seg[0];
    for (let k = 1; k < seg.length; k++) nextSibling[seg[k - 1]] = seg[k];
  }
  return { firstChild, nextSibling };
}
