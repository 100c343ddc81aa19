// The comparison's table: the functions that grew most and those that shrank most, each
// with its base and target flat values and the change in flat and cum.
import { el } from './dom';
import type { DiffRow, DiffRows } from './diffRows';
import { formatSigned, formatValue } from './format';

export interface DiffTableData {
  readonly rows: DiffRows;
  readonly names: readonly string[];
  readonly locations: readonly string[];
  readonly unit: string;
  readonly baseTitle: string;
}

export class DiffTable {
  private readonly root: HTMLElement;

  constructor(parent: HTMLElement, private readonly select: (func: number, open: boolean) => void) {
    this.root = el('div', { class: 'diff-tables' });
    parent.append(this.root);
  }

  update(d: DiffTableData): void {
    this.root.replaceChildren(this.section('Largest increases', 'increases', d.rows.increases, d), this.section('Largest decreases', 'decreases', d.rows.decreases, d));
  }

  private section(title: string, id: string, rows: readonly DiffRow[], d: DiffTableData): HTMLElement {
    const head = el(
      'tr',
      {},
      el('th', { scope: 'col', class: 'num' }, `Base (${d.baseTitle})`),
      el('th', { scope: 'col', class: 'num' }, 'Target'),
      el('th', { scope: 'col', class: 'num' }, 'Δ flat'),
      el('th', { scope: 'col', class: 'num' }, 'Δ cum'),
      el('th', { scope: 'col', class: 'name' }, 'Function'),
    );
    const body = el('tbody');
    for (const r of rows) {
      const tr = el(
        'tr',
        { tabindex: '0', 'data-func': String(r.func), title: d.locations[r.func] },
        el('td', { class: 'num' }, formatValue(r.baseFlat, d.unit)),
        el('td', { class: 'num' }, formatValue(r.targetFlat, d.unit)),
        el('td', { class: `num ${r.flatDelta > 0 ? 'grew' : r.flatDelta < 0 ? 'shrank' : ''}` }, formatSigned(r.flatDelta, d.unit)),
        el('td', { class: `num ${r.cumDelta > 0 ? 'grew' : r.cumDelta < 0 ? 'shrank' : ''}` }, formatSigned(r.cumDelta, d.unit)),
        el('td', { class: 'name' }, d.names[r.func]),
      );
      tr.addEventListener('click', () => this.select(r.func, true));
      tr.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') {
          this.select(r.func, true);
        }
      });
      body.append(tr);
    }
    if (rows.length === 0) {
      body.append(el('tr', {}, el('td', { colspan: '5', class: 'none' }, 'none')));
    }
    return el('table', { class: 'top-table diff-table', id, 'aria-label': title }, el('caption', {}, title), el('thead', {}, head), body);
  }
}
