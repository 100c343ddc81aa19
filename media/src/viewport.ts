// The visible window over a layout: a value range horizontally, a pixel offset vertically.
// Zoom and pan change only this, so a redraw never recomputes the layout.

export interface Viewport {
  x0: number;
  x1: number;
  /** Pixels scrolled away from the root row. */
  scroll: number;
}

const minSpan = 1e-9;

export function clampViewport(v: Viewport, total: number, contentHeight: number, viewHeight: number): Viewport {
  let span = Math.min(Math.max(v.x1 - v.x0, total * minSpan), total);
  if (!(span > 0)) {
    span = 1;
  }
  const x0 = Math.min(Math.max(v.x0, 0), Math.max(total - span, 0));
  const scroll = Math.min(Math.max(v.scroll, 0), Math.max(contentHeight - viewHeight, 0));
  return { x0, x1: x0 + span, scroll };
}

/** Zoom by `factor` (< 1 zooms in) keeping value-space `anchor` where it is on screen. */
export function zoomAround(v: Viewport, anchor: number, factor: number): Viewport {
  return { x0: anchor - (anchor - v.x0) * factor, x1: anchor + (v.x1 - anchor) * factor, scroll: v.scroll };
}

export function pan(v: Viewport, dx: number): Viewport {
  return { x0: v.x0 + dx, x1: v.x1 + dx, scroll: v.scroll };
}

/** Linear interpolation for animated transitions. */
export function lerp(a: Viewport, b: Viewport, t: number): Viewport {
  return { x0: a.x0 + (b.x0 - a.x0) * t, x1: a.x1 + (b.x1 - a.x1) * t, scroll: a.scroll + (b.scroll - a.scroll) * t };
}
