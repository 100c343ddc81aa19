// The path from the root to the zoomed frame, each step a button that zooms back to it.
import type { TreeArrays } from '../../src/shared/messages';
import { el } from './dom';

export function renderBreadcrumb(nav: HTMLElement, path: readonly number[], tree: TreeArrays, funcNames: readonly string[], zoomTo: (node: number) => void): void {
  const items: Node[] = [];
  path.forEach((node, i) => {
    const f = tree.func[node];
    const b = el('button', { type: 'button', class: 'crumb' }, f < 0 ? 'all' : funcNames[f]);
    if (i === path.length - 1) {
      b.setAttribute('aria-current', 'true');
    }
    b.addEventListener('click', () => zoomTo(node));
    items.push(b);
    if (i < path.length - 1) {
      items.push(el('span', { class: 'sep', 'aria-hidden': 'true' }, '›'));
    }
  });
  nav.replaceChildren(...items);
}
