// Keyboard navigation of the flame graph as a pure mapping from a key to what the view
// should do, so the view only applies it: parent/child/sibling by arrow keys (up and down
// follow the orientation), Enter opens, Space zooms, +/- zoom, Shift+arrows pan.
import type { FlameLayout } from './layout';

export type KeyCommand =
  | { kind: 'select'; node: number; open: boolean }
  | { kind: 'zoomTo'; node: number }
  | { kind: 'zoomBy'; factor: number }
  | { kind: 'pan'; fraction: number }
  | { kind: 'reset' }
  /** A key the view handles but that changes nothing here (no parent, no child, no sibling). */
  | { kind: 'none' };

/** What `key` does with `sel` selected; undefined for a key the flame graph does not handle. */
export function keyCommand(key: string, shiftKey: boolean, layout: FlameLayout, sel: number, rootAtTop: boolean): KeyCommand | undefined {
  const parentKey = rootAtTop ? 'ArrowUp' : 'ArrowDown';
  const childKey = rootAtTop ? 'ArrowDown' : 'ArrowUp';
  if (shiftKey && (key === 'ArrowLeft' || key === 'ArrowRight')) {
    return { kind: 'pan', fraction: key === 'ArrowLeft' ? -0.2 : 0.2 };
  }
  if (key === parentKey) {
    return sel > 0 ? { kind: 'select', node: layout.tree.parent[sel], open: false } : { kind: 'none' };
  }
  if (key === childKey) {
    return layout.kidStart[sel + 1] > layout.kidStart[sel] ? { kind: 'select', node: layout.kids[layout.kidStart[sel]], open: false } : { kind: 'none' };
  }
  if (key === 'ArrowLeft' || key === 'ArrowRight') {
    const next = sibling(layout, sel, key === 'ArrowLeft' ? -1 : 1);
    return next >= 0 ? { kind: 'select', node: next, open: false } : { kind: 'none' };
  }
  switch (key) {
    case 'Enter': return { kind: 'select', node: sel, open: true };
    case ' ': return { kind: 'zoomTo', node: sel };
    case '+': case '=': return { kind: 'zoomBy', factor: 0.7 };
    case '-': case '_': return { kind: 'zoomBy', factor: 1 / 0.7 };
    case 'Escape': case 'Home': return { kind: 'reset' };
    default: return undefined;
  }
}

/** The sibling `dir` (-1 left, +1 right) places from `node` under the same parent, or -1. */
export function sibling(layout: FlameLayout, node: number, dir: number): number {
  if (node <= 0) {
    return -1;
  }
  const p = layout.tree.parent[node];
  for (let i = layout.kidStart[p]; i < layout.kidStart[p + 1]; i++) {
    if (layout.kids[i] === node) {
      const j = i + dir;
      return j >= layout.kidStart[p] && j < layout.kidStart[p + 1] ? layout.kids[j] : -1;
    }
  }
  return -1;
}
