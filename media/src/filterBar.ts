// The filter row: pprof's -focus/-ignore/-hide as regexp fields, the labels present with
// focus/ignore by value (pprof's -tagfocus/-tagignore, editable as text too) and "group by"
// a label key (-tagroot). The extension applies them and sends a new model; this row only
// collects them.
import type { LabelInfo, ViewFilter } from '../../src/shared/messages';
import { el } from './dom';
import { labelValueFilter } from './labelFilter';

type TextField = 'focus' | 'ignore' | 'hide' | 'tagfocus' | 'tagignore';

const fieldLabels: [TextField, string, string][] = [
  ['focus', 'Focus', 'keep stacks through matching functions (regexp)'],
  ['ignore', 'Ignore', 'drop stacks through matching functions (regexp)'],
  ['hide', 'Hide', 'remove matching frames from stacks (regexp)'],
  ['tagfocus', 'Tag focus', 'keep samples whose labels match: key=regexp'],
  ['tagignore', 'Tag ignore', 'drop samples whose labels match: key=regexp'],
];

export class FilterBar {
  private readonly inputs = new Map<TextField, HTMLInputElement>();
  private readonly groupBy: HTMLSelectElement;
  private readonly error: HTMLElement;
  /** What was last sent: Enter and the change event that follows must not send it twice. */
  private sent: string;

  constructor(
    parent: HTMLElement,
    filter: ViewFilter,
    private readonly labels: readonly LabelInfo[],
    private readonly apply: (filter: ViewFilter) => void,
  ) {
    this.sent = JSON.stringify(normalise(filter));
    const row = el('div', { class: 'filters', role: 'group', 'aria-label': 'Filters' });
    for (const [field, label, hint] of fieldLabels) {
      if ((field === 'tagfocus' || field === 'tagignore') && labels.length === 0 && !filter[field]) {
        continue;
      }
      const input = el('input', { id: `filter-${field}`, type: 'text', placeholder: hint, spellcheck: 'false', 'aria-label': `${label}: ${hint}` });
      input.value = filter[field] ?? '';
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') {
          this.submit();
        }
      });
      input.addEventListener('change', () => this.submit());
      this.inputs.set(field, input);
      row.append(el('label', { class: 'filter' }, `${label} `, input));
    }
    this.groupBy = el('select', { id: 'filter-tagroot', 'aria-label': 'Group by label' });
    if (labels.length > 0) {
      row.append(this.labelPicker());
      this.groupBy.append(el('option', { value: '' }, '(none)'), ...labels.map((l) => el('option', { value: l.key }, l.key)));
      this.groupBy.value = filter.tagroot ?? '';
      this.groupBy.addEventListener('change', () => this.submit());
      row.append(el('label', { class: 'filter' }, 'Group by ', this.groupBy));
    }
    const clear = el('button', { id: 'filter-clear', type: 'button' }, 'Clear filters');
    clear.disabled = Object.values(filter).every((v) => !v);
    clear.addEventListener('click', () => {
      this.sent = '{}';
      this.apply({});
    });
    this.error = el('span', { id: 'filter-error', class: 'filter-error', role: 'alert' });
    row.append(clear, this.error);
    parent.append(row);
  }

  showError(message: string): void {
    this.error.textContent = message;
  }

  /** Key and value pickers with the sample counts, and buttons that set the tag fields. */
  private labelPicker(): HTMLElement {
    const key = el('select', { id: 'label-key', 'aria-label': 'Label key' }, ...this.labels.map((l) => el('option', { value: l.key }, l.key)));
    const value = el('select', { id: 'label-value', 'aria-label': 'Label value' });
    const fillValues = (): void => {
      const info = this.labels.find((l) => l.key === key.value);
      value.replaceChildren(...(info?.values ?? []).map((v) => el('option', { value: v.value }, `${v.value} (${v.samples} sample${v.samples === 1 ? '' : 's'})`)));
    };
    key.addEventListener('change', fillValues);
    fillValues();
    const set = (field: 'tagfocus' | 'tagignore'): void => {
      const input = this.inputs.get(field);
      if (input && value.value !== '') {
        input.value = labelValueFilter(key.value, value.value);
        this.submit();
      }
    };
    const focus = el('button', { id: 'label-focus', type: 'button', title: 'Keep only samples with this label value' }, 'Focus');
    const ignore = el('button', { id: 'label-ignore', type: 'button', title: 'Drop samples with this label value' }, 'Ignore');
    focus.addEventListener('click', () => set('tagfocus'));
    ignore.addEventListener('click', () => set('tagignore'));
    return el('span', { class: 'filter label-picker' }, 'Label ', key, ' = ', value, ' ', focus, ' ', ignore);
  }

  private submit(): void {
    const next: Record<string, string> = {};
    for (const [field, input] of this.inputs) {
      if (input.value.trim()) {
        next[field] = input.value.trim();
      }
    }
    if (this.groupBy.value) {
      next.tagroot = this.groupBy.value;
    }
    const text = JSON.stringify(next);
    if (text !== this.sent) {
      this.sent = text;
      this.error.textContent = '';
      this.apply(next);
    }
  }
}

function normalise(f: ViewFilter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field] of fieldLabels) {
    if (f[field]) {
      out[field] = f[field] as string;
    }
  }
  if (f.tagroot) {
    out.tagroot = f.tagroot;
  }
  return out;
}
