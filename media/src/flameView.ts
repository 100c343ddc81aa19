// An interactive flame graph on one canvas: owns the viewport and turns mouse and
// keyboard input into zoom, pan, selection and open requests. What a frame means to
// the rest of the page (tooltip, table, source) is left to the callbacks.
import { keyCommand } from './flameKeys';
import { computeLayout, nodeAt, pathTo, width, type FlameLayout } from './layout';
import { LabelCache, paint, rowHeight, type Highlights, type NodeColours, type PaintStats } from './renderer';
import type { Theme } from './theme';
import { clampViewport, lerp, pan, zoomAround, type Viewport } from './viewport';
import type { TreeArrays } from '../../src/shared/messages';

export interface FlameCallbacks {
  /** A frame was chosen by click or keyboard; `open` when the user asked for its source. */
  select(node: number, open: boolean): void;
  /** The root-to-focus path changed (zoom), for the breadcrumb. */
  focus(path: number[]): void;
  hover(node: number, clientX: number, clientY: number): void;
}

const animationMs = 160;
const dragThresholdPx = 4;

export class FlameView {
  private layout: FlameLayout;
  private cache: LabelCache;
  private viewport: Viewport = { x0: 0, x1: 1, scroll: 0 };
  private focusNode = 0;
  private highlights: Highlights = { matches: null, cursorFunc: -1, selectedFunc: -1, selected: -1, hovered: -1 };
  private cssWidth = 0;
  private cssHeight = 0;
  private frame = 0;
  private animation: { from: Viewport; to: Viewport; t0: number } | null = null;
  private drag: { x: number; y: number; v: Viewport; moved: boolean } | null = null;
  private colours: NodeColours | null = null;
  /** How long the last paint took and how much it drew: read by the tests and the bench. */
  lastPaint: PaintStats & { ms: number } = { drawn: 0, merged: 0, ms: 0 };

  constructor(
    readonly canvas: HTMLCanvasElement,
    private tree: TreeArrays,
    private names: readonly string[],
    sampleType: number,
    private rootAtTop: boolean,
    private theme: Theme,
    private readonly callbacks: FlameCallbacks,
  ) {
    this.layout = computeLayout(tree, sampleType);
    this.cache = new LabelCache(names);
    this.viewport = { x0: 0, x1: this.layout.total || 1, scroll: 0 };
    this.measure();
    this.cache.reset(this.context(), this.theme.font);
    this.listen();
    this.requestRender();
    new ResizeObserver(() => {
      if (this.measure()) {
        this.renderNow();
      }
    }).observe(canvas);
  }

  get currentLayout(): FlameLayout {
    return this.layout;
  }

  /** Width of the visible range in value units (the tests read it). */
  get viewportSpan(): number {
    return this.viewport.x1 - this.viewport.x0;
  }

  get currentHighlights(): Highlights {
    return this.highlights;
  }

  /** The root frame's label; the view knows no units, its owner does. */
  setRootLabel(label: string): void {
    this.cache.rootLabel = label;
    this.requestRender();
  }

  /** Per-node colours (a comparison), or null for the usual colour per package. */
  setNodeColours(colours: NodeColours | null): void {
    this.colours = colours;
    this.requestRender();
  }

  setTree(tree: TreeArrays, names: readonly string[], sampleType: number): void {
    this.tree = tree;
    this.names = names;
    this.cache = new LabelCache(names);
    this.cache.reset(this.context(), this.theme.font);
    // Node ids of the old tree mean nothing in the new one.
    this.focusNode = 0;
    this.highlights = { ...this.highlights, selected: -1, hovered: -1 };
    this.setSampleType(sampleType);
  }

  setSampleType(sampleType: number): void {
    this.layout = computeLayout(this.tree, sampleType);
    const keep = this.focusNode > 0 && width(this.layout, this.focusNode) > 0 ? this.focusNode : 0;
    if (this.highlights.selected >= 0 && width(this.layout, this.highlights.selected) === 0) {
      this.highlights = { ...this.highlights, selected: -1 };
    }
    this.animation = null;
    this.zoomTo(keep, false);
  }

  setRootAtTop(rootAtTop: boolean): void {
    this.rootAtTop = rootAtTop;
    this.viewport = { ...this.viewport, scroll: 0 };
    this.requestRender();
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.cache.reset(this.context(), this.theme.font);
    this.requestRender();
  }

  setHighlights(patch: Partial<Highlights>): void {
    this.highlights = { ...this.highlights, ...patch };
    this.requestRender();
  }

  /** Fits `node` to the width; ancestors stay visible above it, spanning the view. */
  zoomTo(node: number, animate = true): void {
    const n = node >= 0 && node < this.tree.length ? node : 0;
    const target: Viewport = { x0: this.layout.start[n], x1: this.layout.start[n] + (width(this.layout, n) || 1), scroll: 0 };
    const depth = this.layout.depth[n];
    const rowsShown = Math.floor(this.cssHeight / rowHeight);
    target.scroll = depth >= rowsShown - 2 ? (depth - 2) * rowHeight : 0;
    this.focusNode = n;
    this.callbacks.focus(pathTo(this.layout, n));
    this.moveTo(target, animate);
  }

  resetZoom(): void {
    this.zoomTo(0);
  }

  /** Height the graph needs to show every row, in CSS pixels. */
  get contentHeight(): number {
    return (this.layout.maxDepth + 1) * rowHeight;
  }

  /** Re-reads the canvas size after its container changed; true when it did. */
  resize(): boolean {
    return this.measure();
  }

  /** Paints synchronously; returns the time taken in milliseconds. */
  renderNow(): number {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const t0 = performance.now();
    const ctx = this.context();
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.viewport = clampViewport(this.viewport, this.layout.total || 1, this.contentHeight, this.cssHeight);
    const stats = paint(
      ctx,
      {
        layout: this.layout,
        names: this.names,
        viewport: this.viewport,
        cssWidth: this.cssWidth,
        cssHeight: this.cssHeight,
        rootAtTop: this.rootAtTop,
        theme: this.theme,
        highlights: this.highlights,
        colours: this.colours,
      },
      this.cache,
    );
    const ms = performance.now() - t0;
    this.lastPaint = { ...stats, ms };
    return ms;
  }

  /** The CSS-pixel box of a node on the canvas, or null when it is not visible. */
  boxOf(node: number): { x: number; y: number; w: number; h: number } | null {
    const v = this.viewport;
    const scale = this.cssWidth / (v.x1 - v.x0);
    const x = (this.layout.start[node] - v.x0) * scale;
    const w = width(this.layout, node) * scale;
    const d = this.layout.depth[node];
    const y = this.rootAtTop ? d * rowHeight - v.scroll : this.cssHeight - (d + 1) * rowHeight + v.scroll;
    const left = Math.max(x, 0);
    const right = Math.min(x + w, this.cssWidth);
    if (right - left < 1 || y < 0 || y + rowHeight > this.cssHeight) {
      return null;
    }
    return { x: left, y, w: right - left, h: rowHeight };
  }

  private context(): CanvasRenderingContext2D {
    const ctx = this.canvas.getContext('2d', { alpha: false });
    if (!ctx) {
      throw new Error('canvas 2d context unavailable');
    }
    return ctx;
  }

  private measure(): boolean {
    const rect = this.canvas.getBoundingClientRect();
    const w = Math.max(1, Math.floor(rect.width));
    const h = Math.max(1, Math.floor(rect.height));
    if (w === this.cssWidth && h === this.cssHeight) {
      return false;
    }
    const dpr = window.devicePixelRatio || 1;
    this.cssWidth = w;
    this.cssHeight = h;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    return true;
  }

  private requestRender(): void {
    if (this.frame === 0) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.step();
      });
    }
  }

  private moveTo(target: Viewport, animate: boolean): void {
    if (!animate) {
      this.animation = null;
      this.viewport = target;
      this.renderNow();
      return;
    }
    this.animation = { from: { ...this.viewport }, to: target, t0: performance.now() };
    this.requestRender();
  }

  private step(): void {
    const a = this.animation;
    if (a) {
      const t = Math.min((performance.now() - a.t0) / animationMs, 1);
      const eased = 1 - (1 - t) * (1 - t) * (1 - t);
      this.viewport = lerp(a.from, a.to, eased);
      if (t >= 1) {
        this.animation = null;
      }
    }
    this.renderNow();
    if (this.animation) {
      this.requestRender();
    }
  }

  private nodeAtPoint(clientX: number, clientY: number): number {
    const rect = this.canvas.getBoundingClientRect();
    const px = clientX - rect.left;
    const py = clientY - rect.top;
    const v = this.viewport;
    const x = v.x0 + (px / this.cssWidth) * (v.x1 - v.x0);
    const fromRoot = this.rootAtTop ? py + v.scroll : this.cssHeight - py + v.scroll;
    return nodeAt(this.layout, x, Math.floor(fromRoot / rowHeight));
  }

  private listen(): void {
    const c = this.canvas;
    c.addEventListener('mousedown', (e) => {
      if (e.button === 0) {
        this.drag = { x: e.clientX, y: e.clientY, v: { ...this.viewport }, moved: false };
      }
    });
    window.addEventListener('mousemove', (e) => {
      const d = this.drag;
      if (d && (d.moved || Math.abs(e.clientX - d.x) + Math.abs(e.clientY - d.y) > dragThresholdPx)) {
        d.moved = true;
        const perPx = (d.v.x1 - d.v.x0) / this.cssWidth;
        const dy = this.rootAtTop ? d.y - e.clientY : e.clientY - d.y;
        this.animation = null;
        this.viewport = { ...pan(d.v, (d.x - e.clientX) * perPx), scroll: d.v.scroll + dy };
        this.requestRender();
      }
    });
    window.addEventListener('mouseup', () => {
      setTimeout(() => (this.drag = null), 0);
    });
    c.addEventListener('mousemove', (e) => {
      if (this.drag?.moved) {
        return;
      }
      const node = this.nodeAtPoint(e.clientX, e.clientY);
      if (node !== this.highlights.hovered) {
        this.setHighlights({ hovered: node });
      }
      this.callbacks.hover(node, e.clientX, e.clientY);
    });
    c.addEventListener('mouseleave', () => {
      this.setHighlights({ hovered: -1 });
      this.callbacks.hover(-1, 0, 0);
    });
    c.addEventListener('click', (e) => {
      if (this.drag?.moved) {
        return;
      }
      const node = this.nodeAtPoint(e.clientX, e.clientY);
      if (node < 0) {
        return;
      }
      c.focus();
      this.choose(node, node > 0);
      this.zoomTo(node);
    });
    c.addEventListener('dblclick', () => this.resetZoom());
    c.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    c.addEventListener('keydown', (e) => this.onKey(e));
  }

  private choose(node: number, open: boolean): void {
    this.setHighlights({ selected: node });
    this.callbacks.select(node, open);
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    this.animation = null;
    const v = this.viewport;
    const rect = this.canvas.getBoundingClientRect();
    const perPx = (v.x1 - v.x0) / this.cssWidth;
    const unit = e.deltaMode === 1 ? rowHeight : 1;
    if (e.ctrlKey || e.metaKey) {
      const anchor = v.x0 + (e.clientX - rect.left) * perPx;
      this.viewport = zoomAround(v, anchor, Math.exp(e.deltaY * unit * 0.002));
    } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      this.viewport = pan(v, (e.shiftKey ? e.deltaY : e.deltaX) * unit * perPx);
    } else {
      this.viewport = { ...v, scroll: v.scroll + (this.rootAtTop ? 1 : -1) * e.deltaY * unit };
    }
    this.requestRender();
  }

  private onKey(e: KeyboardEvent): void {
    const sel = this.highlights.selected >= 0 ? this.highlights.selected : this.focusNode;
    const command = keyCommand(e.key, e.shiftKey, this.layout, sel, this.rootAtTop);
    if (!command) {
      return;
    }
    const v = this.viewport;
    const span = v.x1 - v.x0;
    switch (command.kind) {
      case 'select': this.choose(command.node, command.open); break;
      case 'zoomTo': this.zoomTo(command.node); break;
      case 'zoomBy': this.moveTo(zoomAround(v, v.x0 + span / 2, command.factor), true); break;
      case 'pan': this.moveTo(pan(v, command.fraction * span), true); break;
      case 'reset': this.resetZoom(); break;
      case 'none': break;
    }
    e.preventDefault();
    this.ensureVisible(this.highlights.selected);
  }

  /** Keyboard selection must never leave the screen: zoom out to its parent when it does. */
  private ensureVisible(node: number): void {
    if (node < 0) {
      return;
    }
    const v = this.viewport;
    const s = this.layout.start[node];
    const w = width(this.layout, node);
    if (s + w <= v.x0 || s >= v.x1 || w / (v.x1 - v.x0) < 0.002) {
      this.zoomTo(node > 0 ? this.layout.tree.parent[node] : 0);
    }
    const d = this.layout.depth[node] * rowHeight;
    if (d < v.scroll || d + rowHeight > v.scroll + this.cssHeight) {
      this.viewport = { ...this.viewport, scroll: Math.max(0, d - this.cssHeight / 2) };
      this.requestRender();
    }
  }
}
