// Search: which functions match a query, and their share of the total (cum of the
// outermost matching nodes, so nested matches are not counted twice).
import type { TreeArrays } from '../../src/shared/messages';

/** A query is a case-insensitive substring, or a regular expression when written /like this/. */
export function matcher(query: string): ((name: string) => boolean) | null {
  const q = query.trim();
  if (!q) {
    return null;
  }
  const re = /^\/(.+)\/$/.exec(q);
  if (re) {
    try {
      const rx = new RegExp(re[1], 'i');
      return (name) => rx.test(name);
    } catch {
      // An unfinished pattern is searched for literally while the user types.
    }
  }
  const lower = q.toLowerCase();
  return (name) => name.toLowerCase().includes(lower);
}

export function matchFunctions(names: readonly string[], query: string): Uint8Array | null {
  const test = matcher(query);
  if (!test) {
    return null;
  }
  const m = new Uint8Array(names.length);
  for (let f = 0; f < names.length; f++) {
    m[f] = test(names[f]) ? 1 : 0;
  }
  return m;
}

/** Sum of totals of matching nodes that have no matching ancestor. */
export function matchedTotal(tree: TreeArrays, sampleType: number, matches: Uint8Array): number {
  let sum = 0;
  const stack: number[] = [];
  for (let c = tree.firstChild[0]; c >= 0; c = tree.nextSibling[c]) {
    stack.push(c);
  }
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (matches[tree.func[node]] === 1) {
      sum += tree.total[node * tree.sampleTypes + sampleType];
      continue;
    }
    for (let c = tree.firstChild[node]; c >= 0; c = tree.nextSibling[c]) {
      stack.push(c);
    }
  }
  return sum;
}
