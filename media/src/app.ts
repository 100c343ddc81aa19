// The page: toolbar, breadcrumb, the flame graph, the top table and the sandwich, kept
// in sync around one state (sample type, search, selected function).
import type { TreeArrays, ViewModel } from '../../src/shared/messages';
import { renderBreadcrumb } from './breadcrumb';
import { DiffColours, type DiffMode } from './diffColour';
import { diffRows } from './diffRows';
import { DiffTable } from './diffTable';
import { byId, el } from './dom';
import { FilterBar } from './filterBar';
import { FlameView } from './flameView';
import { formatPercent, formatValue } from './format';
import { emptinessMessage, frameDetails, rootLabel } from './frameDetails';
import { computeFunctionStats, type FunctionStats } from './functionStats';
import { loadState, post, saveState } from './host';
import { callersOf, calleesOf } from './sandwich';
import { matchedTotal, matchFunctions } from './search';
import { showSamplingNote } from './samplingNote';
import { readTheme, type Theme } from './theme';
import { Tooltip } from './tooltip';
import { TopTable } from './topTable';

export class App {
  readonly model: ViewModel;
  private sampleType: number;
  private rootAtTop: boolean;
  private theme: Theme;
  private stats: FunctionStats | null = null;
  private matches: Uint8Array | null = null;
  private selectedFunc = -1;
  private readonly flame: FlameView;
  private readonly tooltip: Tooltip;
  private table: TopTable | null = null;
  private diffTable: DiffTable | null = null;
  private baseStats: FunctionStats | null = null;
  private diffMode: DiffMode;
  private diffColours: DiffColours | null = null;
  private readonly filters: FilterBar;
  private callers: FlameView | null = null;
  private callees: FlameView | null = null;
  private readonly locations: string[];

  constructor(model: ViewModel) {
    this.model = model;
    const saved = loadState();
    this.sampleType = saved.sampleType !== undefined && saved.sampleType < model.sampleTypes.length ? saved.sampleType : model.defaultSampleType;
    this.rootAtTop = saved.rootAtTop ?? true;
    this.diffMode = saved.diffMode ?? 'absolute';
    this.theme = readTheme();
    this.locations = model.funcFiles.map((file, f) => `${file || '?'}${model.funcStartLines[f] > 0 ? `:${model.funcStartLines[f]}` : ''}`);
    this.buildToolbar();
    this.filters = new FilterBar(byId('filterRow'), model.filter ?? {}, model.labels ?? [], (filter) => post({ type: 'setFilter', filter }));
    showSamplingNote(byId('samplingNote'), model);
    this.tooltip = new Tooltip(document.body);
    this.flame = new FlameView(byId('flame'), model.tree, model.funcNames, this.sampleType, this.rootAtTop, this.theme, {
      select: (node, open) => this.onFrameChosen(node, open, model.tree),
      focus: (path) => this.renderBreadcrumb(path),
      hover: (node, x, y) => this.onHover(this.flame, model.tree, node, x, y),
    });
    this.colourByChange();
    this.renderBreadcrumb([0]);
    this.showEmptiness();
    this.labelRoot();
    this.fitFlameArea();
    this.flame.renderNow();
    window.addEventListener('resize', () => {
      if (this.fitFlameArea()) {
        this.flame.renderNow();
      }
    });
    new MutationObserver(() => this.onThemeChange()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  get flameView(): FlameView {
    return this.flame;
  }

  /** The comparison's colouring (read by the tests), or null for a single profile. */
  get diff(): DiffColours | null {
    return this.diffColours;
  }

  showFilterError(message: string): void {
    this.filters.showError(message);
  }

  /** The table and per-function numbers are not needed for the first paint: built right after. */
  finishLoading(): void {
    this.stats = computeFunctionStats(this.model.tree, this.model.funcNames.length);
    const base = this.model.base;
    if (base) {
      this.baseStats = computeFunctionStats({ ...this.model.tree, self: base.self, total: base.total }, this.model.funcNames.length);
      this.diffTable = new DiffTable(byId('table'), (f, open) => this.selectFunction(f, open));
    }
    this.table = new TopTable(byId('table'), (f, open) => this.selectFunction(f, open));
    this.refreshTable();
  }

  highlightCursorFunction(func: number | null): void {
    this.flame.setHighlights({ cursorFunc: func ?? -1 });
  }

  /** What percentages are of: the whole profile's total even when a filter is active, as in pprof. */
  private get percentBase(): number {
    const tree = this.model.tree;
    return this.model.totals?.[this.sampleType] ?? (tree.length > 0 ? tree.total[this.sampleType] : 0);
  }

  /** Goroutine profiles count goroutines ("1 goroutine"), as src/profile's displayUnit says. */
  private get unit(): string {
    const st = this.model.sampleTypes[this.sampleType];
    return st && (st.type === 'goroutine' || st.type === 'goroutineleak') && st.unit === 'count' ? 'goroutines' : st?.unit ?? '';
  }

  private buildToolbar(): void {
    const select = byId<HTMLSelectElement>('sampleType');
    this.model.sampleTypes.forEach((st, i) => {
      select.append(el('option', { value: String(i) }, `${st.type} (${st.unit})`));
    });
    select.value = String(this.sampleType);
    select.addEventListener('change', () => this.setSampleType(Number(select.value)));

    const search = byId<HTMLInputElement>('search');
    search.addEventListener('input', () => this.setSearch(search.value));
    search.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        search.value = '';
        this.setSearch('');
      }
    });

    const orientation = byId<HTMLButtonElement>('orientation');
    const label = (): void => {
      orientation.textContent = this.rootAtTop ? 'Root at top' : 'Root at bottom';
      orientation.setAttribute('aria-pressed', String(this.rootAtTop));
    };
    label();
    orientation.addEventListener('click', () => {
      this.rootAtTop = !this.rootAtTop;
      saveState({ rootAtTop: this.rootAtTop });
      label();
      this.flame.setRootAtTop(this.rootAtTop);
    });
    byId('reset').addEventListener('click', () => this.flame.resetZoom());
    if (this.model.base) {
      // speedscope has no notion of a comparison: its export would mix the two profiles.
      byId('speedscope').hidden = true;
      const mode = byId<HTMLButtonElement>('diffMode');
      const labelMode = (): void => {
        mode.textContent = this.diffMode === 'normalised' ? 'Change: normalised' : 'Change: absolute';
        mode.title = this.diffMode === 'normalised' ? 'Base scaled to the target total: compares shares' : 'Target minus base as recorded';
        mode.setAttribute('aria-pressed', String(this.diffMode === 'normalised'));
      };
      labelMode();
      mode.hidden = false;
      mode.addEventListener('click', () => {
        this.diffMode = this.diffMode === 'normalised' ? 'absolute' : 'normalised';
        saveState({ diffMode: this.diffMode });
        labelMode();
        this.colourByChange();
        this.labelRoot();
        this.refreshTable();
      });
    }
    byId('speedscope').addEventListener('click', () => post({ type: 'openInSpeedscope', sampleType: this.sampleType }));
    byId('title').textContent = this.model.title;
    window.addEventListener('keydown', (e) => {
      if ((e.key === 'f' && (e.ctrlKey || e.metaKey)) || (e.key === '/' && document.activeElement?.tagName !== 'INPUT')) {
        e.preventDefault();
        search.focus();
        search.select();
      }
    });
  }

  private setSampleType(t: number): void {
    this.sampleType = t;
    saveState({ sampleType: t });
    this.flame.setSampleType(t);
    this.colourByChange();
    this.showEmptiness();
    this.labelRoot();
    if (this.fitFlameArea()) {
      this.flame.renderNow();
    }
    this.updateMatchInfo();
    this.refreshTable();
    this.refreshSandwich();
  }

  /** A shallow graph leaves its room to the table; a deep one takes up to 60% of the page. */
  private fitFlameArea(): boolean {
    const rows = this.flame.contentHeight + 2 * 18;
    const height = Math.round(Math.max(160, Math.min(rows, window.innerHeight * 0.6)));
    byId('flameWrap').style.flex = `0 0 ${height}px`;
    return this.flame.resize();
  }

  private colourByChange(): void {
    const base = this.model.base;
    this.diffColours = base ? new DiffColours(this.model.tree, base, this.sampleType, this.diffMode) : null;
    this.flame.setNodeColours(this.diffColours);
  }

  private labelRoot(): void {
    this.flame.setRootLabel(rootLabel(this.model, this.sampleType, this.diffColours));
  }

  private showEmptiness(): void {
    const empty = byId('empty');
    empty.textContent = emptinessMessage(this.model, this.sampleType);
    empty.hidden = empty.textContent === '';
  }

  private setSearch(query: string): void {
    this.matches = matchFunctions(this.model.funcNames, query);
    this.flame.setHighlights({ matches: this.matches });
    this.updateMatchInfo();
    this.refreshTable();
  }

  private updateMatchInfo(): void {
    const info = byId('matchInfo');
    if (!this.matches) {
      info.textContent = '';
      return;
    }
    const tree = this.model.tree;
    const total = this.percentBase;
    const matched = matchedTotal(tree, this.sampleType, this.matches);
    let funcs = 0;
    for (const m of this.matches) {
      funcs += m;
    }
    info.textContent = `${funcs} function${funcs === 1 ? '' : 's'} match: ${formatValue(matched, this.unit)} (${formatPercent(matched, total)} of total)`;
  }

  private refreshTable(): void {
    if (!this.table || !this.stats) {
      return;
    }
    this.table.update({
      names: this.model.funcNames,
      locations: this.locations,
      stats: this.stats,
      sampleType: this.sampleType,
      unit: this.unit,
      total: this.percentBase,
      matches: this.matches,
      selectedFunc: this.selectedFunc,
    });
    if (this.diffTable && this.baseStats && this.diffColours && this.model.base) {
      this.diffTable.update({
        rows: diffRows(this.stats, this.baseStats, this.sampleType, this.diffColours.baseScale, 15),
        names: this.model.funcNames,
        locations: this.locations,
        unit: this.unit,
        baseTitle: this.model.base.baseTitle,
      });
    }
  }

  private renderBreadcrumb(path: number[]): void {
    renderBreadcrumb(byId('breadcrumb'), path, this.model.tree, this.model.funcNames, (node) => this.flame.zoomTo(node));
  }

  private onFrameChosen(node: number, open: boolean, tree: TreeArrays): void {
    const f = tree.func[node];
    if (f < 0) {
      return;
    }
    this.announce(tree, node);
    this.selectFunction(f, false);
    if (open) {
      this.openSource(f, tree.line[node]);
    }
  }

  private selectFunction(f: number, open: boolean): void {
    this.selectedFunc = f;
    this.flame.setHighlights({ selectedFunc: f });
    this.refreshTable();
    this.refreshSandwich();
    if (open) {
      this.openSource(f, this.hottestLine(f));
    }
  }

  private hottestLine(f: number): number {
    const s = this.stats;
    const tree = this.model.tree;
    let best = -1;
    if (s) {
      for (let i = s.nodeStart[f]; i < s.nodeStart[f + 1]; i++) {
        const n = s.nodes[i];
        if (best < 0 || tree.total[n * tree.sampleTypes + this.sampleType] > tree.total[best * tree.sampleTypes + this.sampleType]) {
          best = n;
        }
      }
    }
    return best >= 0 && tree.line[best] > 0 ? tree.line[best] : this.model.funcStartLines[f];
  }

  private openSource(f: number, line: number): void {
    post({ type: 'openSource', func: this.model.funcNames[f], file: this.model.funcFiles[f], line: line > 0 ? line : this.model.funcStartLines[f] });
  }

  private refreshSandwich(): void {
    const f = this.selectedFunc;
    const section = byId('sandwich');
    if (f < 0 || !this.stats) {
      section.hidden = true;
      return;
    }
    section.hidden = false;
    byId('sandwichTitle').textContent = this.model.funcNames[f];
    const up = callersOf(this.model.tree, this.stats, f);
    const down = calleesOf(this.model.tree, this.stats, f);
    const make = (id: string, tree: TreeArrays, rootAtTop: boolean): FlameView => {
      const view: FlameView = new FlameView(byId(id), tree, this.model.funcNames, this.sampleType, rootAtTop, this.theme, {
        select: (node, open) => {
          const g = tree.func[node];
          if (open && g >= 0) {
            this.openSource(g, tree.line[node]);
          }
        },
        focus: () => undefined,
        hover: (node, x, y) => this.onHover(view, tree, node, x, y),
      });
      return view;
    };
    if (this.callers && this.callees) {
      this.callers.setTree(up, this.model.funcNames, this.sampleType);
      this.callees.setTree(down, this.model.funcNames, this.sampleType);
    } else {
      this.callers = make('callers', up, false);
      this.callees = make('callees', down, true);
    }
  }

  private onHover(view: FlameView, tree: TreeArrays, node: number, x: number, y: number): void {
    if (node < 0) {
      this.tooltip.hide();
      return;
    }
    const main = view === this.flame;
    const details = frameDetails({
      tree,
      funcNames: this.model.funcNames,
      funcFiles: this.model.funcFiles,
      sampleType: this.sampleType,
      unit: this.unit,
      total: main ? this.percentBase : tree.total[this.sampleType],
      partialView: !main,
      ...(main && this.diffColours ? { diff: { colours: this.diffColours, mode: this.diffMode } } : {}),
    }, node);
    this.tooltip.show(details, x, y);
  }

  private announce(tree: TreeArrays, node: number): void {
    const T = tree.sampleTypes;
    const f = tree.func[node];
    const cum = tree.total[node * T + this.sampleType];
    byId('status').textContent = `${this.model.funcNames[f]}: cum ${formatValue(cum, this.unit)}, ${formatPercent(cum, this.percentBase)}`;
  }

  private onThemeChange(): void {
    this.theme = readTheme();
    this.diffColours?.resetTheme();
    this.flame.setTheme(this.theme);
    this.callers?.setTheme(this.theme);
    this.callees?.setTheme(this.theme);
  }
}
