// Where every node of a call tree sits for one sample type, in value units: computed once
// per tree and sample type, kept apart from drawing (as speedscope's flamechart.ts keeps
// its layers) so that zoom and pan only move a viewport over a fixed layout.
import type { TreeArrays } from '../../src/shared/messages';

export interface FlameLayout {
  readonly tree: TreeArrays;
  readonly sampleType: number;
  /** Root total for this sample type: the full width. */
  readonly total: number;
  /** Left edge of each node; its width is tree.total[node * sampleTypes + sampleType]. */
  readonly start: Float64Array;
  readonly depth: Int32Array;
  /** Children with a non-zero value, heaviest first: kids[kidStart[n] .. kidStart[n + 1]). */
  readonly kidStart: Int32Array;
  readonly kids: Int32Array;
  readonly maxDepth: number;
}

export function width(layout: FlameLayout, node: number): number {
  return layout.tree.total[node * layout.tree.sampleTypes + layout.sampleType];
}

export function computeLayout(tree: TreeArrays, sampleType: number): FlameLayout {
  // Plain loops over typed arrays, no closures: this runs cold on the first paint, where
  // the interpreter's speed is what counts.
  const n = tree.length;
  const stride = tree.sampleTypes;
  const total = tree.total;
  const parent = tree.parent;
  const firstChild = tree.firstChild;
  const nextSibling = tree.nextSibling;

  const kidStart = new Int32Array(n + 1);
  for (let node = 1; node < n; node++) {
    if (total[node * stride + sampleType] > 0) {
      kidStart[parent[node] + 1]++;
    }
  }
  for (let i = 0; i < n; i++) {
    kidStart[i + 1] += kidStart[i];
  }
  const kids = new Int32Array(kidStart[n]);
  for (let node = 0; node < n; node++) {
    let at = kidStart[node];
    let sorted = true;
    let previous = Infinity;
    for (let c = firstChild[node]; c >= 0; c = nextSibling[c]) {
      const v = total[c * stride + sampleType];
      if (v > 0) {
        kids[at++] = c;
        sorted &&= v <= previous;
        previous = v;
      }
    }
    if (!sorted) {
      sortHeaviestFirst(kids, kidStart[node], at, total, stride, sampleType);
    }
  }

  const start = new Float64Array(n);
  const depth = new Int32Array(n);
  let maxDepth = 0;
  const stack = new Int32Array(Math.max(n, 1));
  let top = 0;
  stack[top++] = 0;
  while (top > 0) {
    const node = stack[--top];
    let x = start[node];
    const d = depth[node] + 1;
    const end = kidStart[node + 1];
    for (let i = kidStart[node]; i < end; i++) {
      const c = kids[i];
      start[c] = x;
      depth[c] = d;
      x += total[c * stride + sampleType];
      stack[top++] = c;
    }
    if (end > kidStart[node] && d > maxDepth) {
      maxDepth = d;
    }
  }
  return { tree, sampleType, total: n > 0 ? total[sampleType] : 0, start, depth, kidStart, kids, maxDepth };
}

/** The engine orders siblings for the default sample type; other types may need a re-sort. */
function sortHeaviestFirst(kids: Int32Array, from: number, to: number, total: Float64Array, stride: number, t: number): void {
  const sorted = Array.from(kids.subarray(from, to)).sort((a, b) => total[b * stride + t] - total[a * stride + t]);
  kids.set(sorted, from);
}

/** The node under value-space x at a depth, or -1. Descends from the root: O(depth x log fan-out). */
export function nodeAt(layout: FlameLayout, x: number, depth: number): number {
  let node = 0;
  if (layout.tree.length === 0 || x < 0 || x >= layout.total) {
    return -1;
  }
  for (let d = 0; d < depth; d++) {
    // Children are laid out left to right in kids order, so their starts are sorted.
    let lo = layout.kidStart[node];
    let hi = layout.kidStart[node + 1] - 1;
    let next = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = layout.kids[mid];
      if (x < layout.start[c]) {
        hi = mid - 1;
      } else if (x >= layout.start[c] + width(layout, c)) {
        lo = mid + 1;
      } else {
        next = c;
        break;
      }
    }
    if (next < 0) {
      return -1;
    }
    node = next;
  }
  return node;
}

/** Root first. */
export function pathTo(layout: FlameLayout, node: number): number[] {
  const path: number[] = [];
  for (let n = node; n >= 0; n = n === 0 ? -1 : layout.tree.parent[n]) {
    path.push(n);
  }
  return path.reverse();
}
