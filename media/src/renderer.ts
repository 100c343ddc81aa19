// Draws a layout through a viewport onto a canvas. Only visible frames are visited: a
// subtree is skipped when it lies outside the window, and runs of frames narrower than
// `minFramePx` are merged into one box without descending into them, so the cost of a
// paint follows what is on screen, not the size of the profile.
import { width, type FlameLayout } from './layout';
import { shortName } from './packages';
import { frameColour, type Theme } from './theme';
import type { Viewport } from './viewport';

export const rowHeight = 18;
const minFramePx = 2;
const minLabelPx = 24;

export interface Highlights {
  /** Per function: 1 when it matches the search; null when no search is active. */
  readonly matches: Uint8Array | null;
  /** Function under the editor cursor, or -1. */
  readonly cursorFunc: number;
  /** Function chosen in the table or the graph: all its frames are outlined. */
  readonly selectedFunc: number;
  readonly selected: number;
  readonly hovered: number;
}

/** Colours per node instead of per function (a comparison colours by change). */
export interface NodeColours {
  colour(theme: Theme, node: number, dimmed: boolean): string;
}

export interface Scene {
  readonly layout: FlameLayout;
  readonly names: readonly string[];
  readonly viewport: Viewport;
  readonly cssWidth: number;
  readonly cssHeight: number;
  readonly rootAtTop: boolean;
  readonly theme: Theme;
  readonly highlights: Highlights;
  readonly colours: NodeColours | null;
}

/** Per-function caches that only change with the theme or the model. */
export class LabelCache {
  /** Fill per function: [normal, dimmed]; filled lazily so a paint allocates nothing. */
  private colours: (string | undefined)[][] = [[], []];
  private widths: Float32Array;
  private labels: string[];
  private charWidth = 7;
  /** What the root frame says, e.g. "all: 1.2s". */
  rootLabel = 'all';

  constructor(private readonly names: readonly string[]) {
    this.widths = new Float32Array(names.length).fill(-1);
    this.labels = names.map(shortName);
  }

  reset(ctx: CanvasRenderingContext2D, font: string): void {
    this.colours = [[], []];
    this.widths.fill(-1);
    ctx.font = font;
    this.charWidth = ctx.measureText('abcdefghijklmnopqrstuvwxyz.()*ABCDEFGH').width / 38;
  }

  colour(theme: Theme, func: number, dimmed: boolean): string {
    if (func < 0) {
      return theme.mergedFill;
    }
    const table = this.colours[dimmed ? 1 : 0];
    return (table[func] ??= frameColour(theme, this.names[func] ?? '', dimmed));
  }

  /** The label cut to fit `room` pixels, or '' when nothing useful fits. */
  fit(ctx: CanvasRenderingContext2D, func: number, room: number): string {
    if (func < 0) {
      return this.rootLabel;
    }
    const label = this.labels[func] ?? '?';
    if (this.widths[func] < 0) {
      this.widths[func] = ctx.measureText(label).width;
    }
    if (this.widths[func] <= room) {
      return label;
    }
    // Estimate from the average glyph width, then measure: labels must never spill over.
    let chars = Math.floor(room / this.charWidth) - 1;
    while (chars >= 3) {
      const text = `${label.slice(0, chars)}…`;
      if (ctx.measureText(text).width <= room) {
        return text;
      }
      chars--;
    }
    return '';
  }
}

export interface PaintStats {
  drawn: number;
  merged: number;
}

export function paint(ctx: CanvasRenderingContext2D, scene: Scene, cache: LabelCache): PaintStats {
  const { layout, viewport: v, cssWidth, cssHeight, theme, highlights: hl, rootAtTop, colours } = scene;
  const stats: PaintStats = { drawn: 0, merged: 0 };
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, cssWidth, cssHeight);
  if (layout.tree.length === 0 || layout.total <= 0) {
    return stats;
  }
  ctx.font = theme.font;
  ctx.textBaseline = 'middle';
  const scale = cssWidth / (v.x1 - v.x0);
  const rowsVisible = Math.ceil(cssHeight / rowHeight) + 1;
  const firstRow = Math.floor(v.scroll / rowHeight);
  const lastRow = firstRow + rowsVisible;
  const yOf = (depth: number): number =>
    rootAtTop ? depth * rowHeight - v.scroll : cssHeight - (depth + 1) * rowHeight + v.scroll;
  const contrast = theme.kind.startsWith('high-contrast');
  const func = layout.tree.func;

  const box = (node: number, left: number, right: number, y: number): void => {
    const f = func[node];
    const dimmed = hl.matches !== null && hl.matches[f] === 0;
    const x = Math.max(left, -1);
    const w = Math.min(right, cssWidth + 1) - x;
    ctx.fillStyle = colours ? colours.colour(theme, node, dimmed) : cache.colour(theme, f, dimmed);
    ctx.fillRect(x, y, w, rowHeight - 1);
    if (w > 1) {
      ctx.fillStyle = theme.border;
      ctx.fillRect(x + w - 1, y, 1, rowHeight - 1);
    }
    if (contrast) {
      ctx.strokeStyle = theme.border;
      ctx.lineWidth = 1;
      ctx.strokeRect(x + 0.5, y + 0.5, w - 1, rowHeight - 2);
    }
    if (hl.matches !== null && hl.matches[f] === 1) {
      ctx.fillStyle = theme.matchFill;
      ctx.fillRect(x, y, w, rowHeight - 1);
    }
    const marked = node === hl.selected || (f >= 0 && (f === hl.cursorFunc || f === hl.selectedFunc));
    if (marked || node === hl.hovered) {
      ctx.strokeStyle = marked ? theme.focusBorder : theme.foreground;
      ctx.lineWidth = marked ? 2 : 1;
      ctx.strokeRect(x + 1, y + 1, Math.max(w - 2, 1), rowHeight - 3);
    }
    if (w >= minLabelPx) {
      const text = cache.fit(ctx, f, w - 8);
      if (text) {
        ctx.fillStyle = dimmed && !contrast ? theme.foreground : theme.frameText;
        ctx.globalAlpha = dimmed ? 0.6 : 1;
        ctx.fillText(text, x + 4, y + rowHeight / 2);
        ctx.globalAlpha = 1;
      }
    }
    stats.drawn++;
  };

  const merged = (left: number, right: number, y: number): void => {
    ctx.fillStyle = theme.mergedFill;
    ctx.fillRect(left, y, Math.max(right - left, 0.5), rowHeight - 1);
    stats.merged++;
  };

  // Depth-first over visible nodes; a node is pushed only when wide enough to draw.
  const stack: number[] = [0];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const d = layout.depth[node];
    const left = (layout.start[node] - v.x0) * scale;
    const right = left + width(layout, node) * scale;
    if (d >= firstRow) {
      box(node, left, right, yOf(d));
    }
    if (d + 1 > lastRow) {
      continue;
    }
    const y = yOf(d + 1);
    let runLeft = 0;
    let runRight = -1;
    for (let i = layout.kidStart[node]; i < layout.kidStart[node + 1]; i++) {
      const c = layout.kids[i];
      const cl = (layout.start[c] - v.x0) * scale;
      const cr = cl + width(layout, c) * scale;
      if (cr < 0 || cl > cssWidth) {
        continue;
      }
      if (cr - cl < minFramePx) {
        if (runRight < 0) {
          runLeft = cl;
        }
        runRight = cr;
        continue;
      }
      if (runRight >= 0) {
        if (d + 1 >= firstRow) {
          merged(runLeft, runRight, y);
        }
        runRight = -1;
      }
      stack.push(c);
    }
    if (runRight >= 0 && d + 1 >= firstRow) {
      merged(runLeft, runRight, y);
    }
  }
  return stats;
}
