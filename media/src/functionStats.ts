// Flat and cum per function for every sample type, from the call tree: flat sums a
// function's self values; cum sums totals of its outermost nodes only, so a recursive
// function counts each sample once, as `go tool pprof -top` does.
import type { TreeArrays } from '../../src/shared/messages';

export interface FunctionStats {
  readonly funcs: number;
  readonly sampleTypes: number;
  /** flat[f * sampleTypes + t] */
  readonly flat: Float64Array;
  readonly cum: Float64Array;
  /** Tree nodes of each function: nodes[nodeStart[f] .. nodeStart[f + 1]). */
  readonly nodeStart: Int32Array;
  readonly nodes: Int32Array;
}

export function computeFunctionStats(tree: TreeArrays, funcs: number): FunctionStats {
  const T = tree.sampleTypes;
  const flat = new Float64Array(funcs * T);
  const cum = new Float64Array(funcs * T);
  const nodeStart = new Int32Array(funcs + 1);
  for (let n = 1; n < tree.length; n++) {
    nodeStart[tree.func[n] + 1]++;
  }
  for (let f = 0; f < funcs; f++) {
    nodeStart[f + 1] += nodeStart[f];
  }
  const nodes = new Int32Array(nodeStart[funcs]);
  const fill = nodeStart.slice(0, funcs);

  // Depth-first with a count of open frames per function: a node is outermost when its
  // function has no open frame above it.
  const open = new Int32Array(funcs);
  const stack = new Int32Array(tree.length * 2 + 2);
  let top = 0;
  if (tree.length > 0) {
    stack[top++] = 0;
  }
  while (top > 0) {
    const entry = stack[--top];
    if (entry < 0) {
      open[tree.func[~entry]]--;
      continue;
    }
    const node = entry;
    const f = tree.func[node];
    if (node > 0) {
      nodes[fill[f]++] = node;
      for (let t = 0; t < T; t++) {
        flat[f * T + t] += tree.self[node * T + t];
        if (open[f] === 0) {
          cum[f * T + t] += tree.total[node * T + t];
        }
      }
      open[f]++;
      stack[top++] = ~node;
    }
    for (let c = tree.firstChild[node]; c >= 0; c = tree.nextSibling[c]) {
      stack[top++] = c;
    }
  }
  return { funcs, sampleTypes: T, flat, cum, nodeStart, nodes };
}
