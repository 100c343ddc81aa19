// Where the flame graph drew a function, asked of the page itself through its `window.goProfile`
// probe (media/src/main.ts). The webview suite and the editor suite (the same page inside
// VS Code's iframes) both click frames where a person would, so both use this one probe.

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The widest frame of a function in the shown sample type: its box on the canvas, the canvas's place in the page, and its source line. */
export interface FrameSpot {
  box: Box;
  canvas: { left: number; top: number };
  line: number;
  file: string;
}

/**
 * Runs in the page (passed to `evaluate`), so it is self-contained: no imports, no closures.
 * Returns null when the function is not on screen.
 */
export function widestFrame(name: string): FrameSpot | null {
  interface ProbeApp {
    model: { funcNames: string[]; funcFiles: string[]; tree: { length: number; func: Int32Array; line: Int32Array; total: Float64Array; sampleTypes: number } };
    flameView: { canvas: HTMLCanvasElement; currentLayout: { sampleType: number }; boxOf(n: number): Box | null };
  }
  const app = (window as unknown as { goProfile: { app: ProbeApp } }).goProfile.app;
  const { tree, funcNames, funcFiles } = app.model;
  const t = app.flameView.currentLayout.sampleType;
  let best = -1;
  for (let n = 1; n < tree.length; n++) {
    if (funcNames[tree.func[n]] === name && (best < 0 || tree.total[n * tree.sampleTypes + t] > tree.total[best * tree.sampleTypes + t])) {
      best = n;
    }
  }
  const box = best < 0 ? null : app.flameView.boxOf(best);
  if (!box) {
    return null;
  }
  const r = app.flameView.canvas.getBoundingClientRect();
  return { box, canvas: { left: r.left, top: r.top }, line: tree.line[best], file: funcFiles[tree.func[best]] };
}
