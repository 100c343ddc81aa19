// The top table: flat, flat%, cum, cum% per function, sortable by any column, filtered
// by the search, and in sync with the graph through `select`.
import { el } from './dom';
import { formatPercent, formatValue } from './format';
import type { FunctionStats } from './functionStats';

type Column = 'flat' | 'cum' | 'name';

export interface TableData {
  readonly names: readonly string[];
  readonly locations: readonly string[];
  readonly stats: FunctionStats;
  readonly sampleType: number;
  readonly unit: string;
  readonly total: number;
  readonly matches: Uint8Array | null;
  readonly selectedFunc: number;
}

const pageSize = 200;

export class TopTable {
  private sortBy: Column = 'flat';
  private descending = true;
  private shown = pageSize;
  private data: TableData | null = null;
  private readonly body: HTMLTableSectionElement;
  private readonly headers = new Map<Column, HTMLTableCellElement>();
  private readonly more: HTMLButtonElement;

  constructor(parent: HTMLElement, private readonly select: (func: number, open: boolean) => void) {
    const table = el('table', { class: 'top-table', 'aria-label': 'Top functions' });
    const head = el('tr');
    const column = (label: string, col: Column | null, cls: string): void => {
      const th = el('th', { scope: 'col', class: cls });
      if (col) {
        const button = el('button', { type: 'button', class: 'sort' }, label);
        button.addEventListener('click', () => this.sort(col));
        th.append(button);
        this.headers.set(col, th);
      } else {
        th.textContent = label;
      }
      head.append(th);
    };
    column('Flat', 'flat', 'num');
    column('Flat%', null, 'num');
    column('Cum', 'cum', 'num');
    column('Cum%', null, 'num');
    column('Function', 'name', 'name');
    this.body = el('tbody');
    table.append(el('thead', {}, head), this.body);
    this.more = el('button', { type: 'button', class: 'more' });
    this.more.addEventListener('click', () => {
      this.shown += pageSize * 5;
      this.render();
    });
    parent.append(table, this.more);
  }

  update(data: TableData): void {
    this.data = data;
    this.shown = pageSize;
    this.render();
  }

  private sort(col: Column): void {
    this.descending = this.sortBy === col ? !this.descending : col !== 'name';
    this.sortBy = col;
    this.render();
  }

  private rows(d: TableData): number[] {
    const T = d.stats.sampleTypes;
    const t = d.sampleType;
    const rows: number[] = [];
    for (let f = 0; f < d.stats.funcs; f++) {
      if ((d.stats.flat[f * T + t] !== 0 || d.stats.cum[f * T + t] !== 0) && (!d.matches || d.matches[f])) {
        rows.push(f);
      }
    }
    const key =
      this.sortBy === 'name'
        ? null
        : this.sortBy === 'flat'
          ? (f: number) => d.stats.flat[f * T + t]
          : (f: number) => d.stats.cum[f * T + t];
    const dir = this.descending ? -1 : 1;
    rows.sort((a, b) => {
      const byKey = key ? (key(a) - key(b)) * dir : d.names[a].localeCompare(d.names[b]) * dir;
      return byKey || d.stats.cum[b * T + t] - d.stats.cum[a * T + t] || d.names[a].localeCompare(d.names[b]);
    });
    return rows;
  }

  private render(): void {
    const d = this.data;
    if (!d) {
      return;
    }
    for (const [col, th] of this.headers) {
      th.setAttribute('aria-sort', col === this.sortBy ? (this.descending ? 'descending' : 'ascending') : 'none');
    }
    const T = d.stats.sampleTypes;
    const t = d.sampleType;
    const rows = this.rows(d);
    const fragment = document.createDocumentFragment();
    for (const f of rows.slice(0, this.shown)) {
      const flat = d.stats.flat[f * T + t];
      const cum = d.stats.cum[f * T + t];
      const tr = el(
        'tr',
        { tabindex: '0', 'data-func': String(f), title: d.locations[f] },
        el('td', { class: 'num' }, formatValue(flat, d.unit)),
        el('td', { class: 'num' }, formatPercent(flat, d.total)),
        el('td', { class: 'num' }, formatValue(cum, d.unit)),
        el('td', { class: 'num' }, formatPercent(cum, d.total)),
        el('td', { class: 'name' }, d.names[f]),
      );
      if (f === d.selectedFunc) {
        tr.setAttribute('aria-selected', 'true');
      }
      tr.addEventListener('click', () => this.select(f, true));
      tr.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') {
          this.select(f, true);
        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const next = (e.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling) as HTMLElement | null;
          next?.focus();
        }
      });
      fragment.append(tr);
    }
    this.body.replaceChildren(fragment);
    const hidden = rows.length - Math.min(rows.length, this.shown);
    this.more.hidden = hidden === 0;
    this.more.textContent = `Show ${Math.min(hidden, pageSize * 5)} more of ${hidden} remaining`;
  }
}
