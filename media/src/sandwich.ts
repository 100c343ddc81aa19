// The sandwich of one function: the callers above it (an inverted tree whose root is the
// function) and its callees (its outermost subtrees merged into one). Both come out as
// call trees of the same shape as the model's, so the same flame view draws them.
import type { TreeArrays } from '../../src/shared/messages';
import type { FunctionStats } from './functionStats';

class TreeBuilder {
  parent: number[] = [-1];
  func: number[];
  line: number[] = [0];
  self: number[];
  total: number[];
  private index = new Map<string, number>();

  constructor(private readonly T: number, rootFunc: number) {
    this.func = [rootFunc];
    this.self = new Array<number>(T).fill(0);
    this.total = new Array<number>(T).fill(0);
  }

  child(parent: number, func: number, line: number): number {
    const key = `${parent}:${func}`;
    let n = this.index.get(key);
    if (n === undefined) {
      n = this.parent.length;
      this.index.set(key, n);
      this.parent.push(parent);
      this.func.push(func);
      this.line.push(line);
      for (let t = 0; t < this.T; t++) {
        this.self.push(0);
        this.total.push(0);
      }
    }
    return n;
  }

  add(node: number, src: Float64Array, srcNode: number, into: number[]): void {
    for (let t = 0; t < this.T; t++) {
      into[node * this.T + t] += src[srcNode * this.T + t];
    }
  }

  /** In an inverted tree a node's own share is where its call paths end. */
  selfFromTotals(): void {
    this.self = this.total.slice();
    for (let c = 1; c < this.parent.length; c++) {
      for (let t = 0; t < this.T; t++) {
        this.self[this.parent[c] * this.T + t] -= this.total[c * this.T + t];
      }
    }
  }

  build(): TreeArrays {
    const n = this.parent.length;
    const firstChild = new Int32Array(n).fill(-1);
    const nextSibling = new Int32Array(n).fill(-1);
    const total = Float64Array.from(this.total);
    // Link children heaviest last-first so the list reads heaviest first.
    const order = Array.from({ length: n - 1 }, (_, i) => i + 1).sort((a, b) => total[a * this.T] - total[b * this.T]);
    for (const c of order) {
      const p = this.parent[c];
      nextSibling[c] = firstChild[p];
      firstChild[p] = c;
    }
    return {
      length: n,
      sampleTypes: this.T,
      parent: Int32Array.from(this.parent),
      func: Int32Array.from(this.func),
      firstChild,
      nextSibling,
      line: Int32Array.from(this.line),
      inlined: new Uint8Array(n),
      self: Float64Array.from(this.self),
      total,
    };
  }
}

function isOutermost(tree: TreeArrays, node: number, func: number): boolean {
  for (let p = tree.parent[node]; p > 0; p = tree.parent[p]) {
    if (tree.func[p] === func) {
      return false;
    }
  }
  return true;
}

function outermostNodes(tree: TreeArrays, stats: FunctionStats, func: number): number[] {
  const nodes: number[] = [];
  for (let i = stats.nodeStart[func]; i < stats.nodeStart[func + 1]; i++) {
    if (isOutermost(tree, stats.nodes[i], func)) {
      nodes.push(stats.nodes[i]);
    }
  }
  return nodes;
}

export function calleesOf(tree: TreeArrays, stats: FunctionStats, func: number): TreeArrays {
  const T = tree.sampleTypes;
  const b = new TreeBuilder(T, func);
  const stack: [number, number][] = [];
  for (const n of outermostNodes(tree, stats, func)) {
    b.add(0, tree.total, n, b.total);
    b.add(0, tree.self, n, b.self);
    b.line[0] = b.line[0] || tree.line[n];
    for (let c = tree.firstChild[n]; c >= 0; c = tree.nextSibling[c]) {
      stack.push([c, 0]);
    }
  }
  while (stack.length > 0) {
    const [src, parent] = stack.pop()!;
    const node = b.child(parent, tree.func[src], tree.line[src]);
    b.add(node, tree.total, src, b.total);
    b.add(node, tree.self, src, b.self);
    for (let c = tree.firstChild[src]; c >= 0; c = tree.nextSibling[c]) {
      stack.push([c, node]);
    }
  }
  return b.build();
}

export function callersOf(tree: TreeArrays, stats: FunctionStats, func: number): TreeArrays {
  const b = new TreeBuilder(tree.sampleTypes, func);
  for (const n of outermostNodes(tree, stats, func)) {
    b.add(0, tree.total, n, b.total);
    b.line[0] = b.line[0] || tree.line[n];
    let at = 0;
    for (let p = tree.parent[n]; p > 0; p = tree.parent[p]) {
      at = b.child(at, tree.func[p], tree.line[p]);
      b.add(at, tree.total, n, b.total);
    }
  }
  b.selfFromTotals();
  return b.build();
}
