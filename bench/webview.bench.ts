// Flame-graph webview benchmark, in headless Chromium on the built bundle:
//   - time from the model message to the first complete paint (target < 300 ms),
//   - time of a zoom redraw (target < 16 ms),
// for a profile of at least 100k call-tree nodes; and the alternative design, where the
// webview gets the raw bytes and decodes them itself, to justify sending the model.
// Run: npm run build && node scripts/bench.mjs webview
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { loadProfile } from '../src/flameGraph/model';
import { largeProfile } from '../test/webview/largeProfile';
import { launchBrowser, openWebview, root } from '../test/webview/harness';

const runs = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
}

const f1 = (n: number): string => n.toFixed(1);

async function main(): Promise<void> {
  const big = largeProfile(16_000);
  const t0 = performance.now();
  const { model } = loadProfile(big.bytes, 'large.pb.gz');
  const hostMs = performance.now() - t0;
  const hostRuns = [hostMs];
  for (let i = 1; i < runs; i++) {
    const t = performance.now();
    loadProfile(big.bytes, 'large.pb.gz');
    hostRuns.push(performance.now() - t);
  }
  console.log(`profile: ${(big.bytes.length / 1024 / 1024).toFixed(1)} MB gzip'd, ${big.samples} samples, ${model.funcNames.length} functions, ${model.tree.length} tree nodes`);
  if (model.tree.length < 100_000) {
    throw new Error(`the benchmark needs >= 100k tree nodes, got ${model.tree.length}`);
  }
  console.log(`extension host: decode + call tree + view model: median ${f1(median(hostRuns))} ms`);

  const bytesBundle = join(root, 'out', 'bench', 'webview-bytes.js');
  await esbuild.build({ bundle: true, platform: 'browser', target: 'chrome120', format: 'iife', entryPoints: [join(root, 'test', 'webview', 'bytesEntry.ts')], outfile: bytesBundle, logLevel: 'warning' });

  const browser = await launchBrowser();
  try {
    const paint: number[] = [];
    const received: number[] = [];
    const presented: number[] = [];
    for (let i = 0; i < runs; i++) {
      const view = await openWebview(browser);
      const r = await view.sendModel(model);
      paint.push(r.paintMs);
      received.push(r.receivedMs);
      presented.push(r.presentedMs);
      if (i < runs - 1) {
        await view.close();
        continue;
      }
      const drawn = await view.page.evaluate(() => (window as unknown as { goProfile: { app: { flameView: { lastPaint: { drawn: number; merged: number } } } } }).goProfile.app.flameView.lastPaint);
      console.log(`first paint drew ${drawn.drawn} frames and ${drawn.merged} merged runs of tiny frames`);
      await view.screenshot('bench-large');

      // Zoom redraws: zoom (without animation) into 60 frames chosen across the tree, then back
      // to the root, one redraw per animation frame as interaction produces them.
      const redraw = await view.page.evaluate(async () => {
        interface FV {
          zoomTo(n: number, animate: boolean): void;
          lastPaint: { ms: number };
          currentLayout: { depth: Int32Array; tree: { length: number; total: Float64Array; sampleTypes: number }; sampleType: number; total: number };
        }
        const fv = (window as unknown as { goProfile: { app: { flameView: FV } } }).goProfile.app.flameView;
        const l = fv.currentLayout;
        const picks: number[] = [];
        for (let n = 1; n < l.tree.length && picks.length < 60; n += Math.floor(l.tree.length / 60)) {
          picks.push(n);
        }
        const zoom: number[] = [];
        const root: number[] = [];
        const frame = (): Promise<unknown> => new Promise((res) => requestAnimationFrame(res));
        for (const n of picks) {
          await frame();
          fv.zoomTo(n, false);
          zoom.push(fv.lastPaint.ms);
          await frame();
          fv.zoomTo(0, false);
          root.push(fv.lastPaint.ms);
        }
        return { zoom, root };
      });
      // A wheel zoom is what a user drags through continuously: time whole frames for it.
      const box = await view.page.locator('#flame').boundingBox();
      await view.page.mouse.move(box!.x + box!.width / 3, box!.y + 100);
      const frames = await view.page.evaluate(async () => {
        const c = document.getElementById('flame')!;
        const fv = (window as unknown as { goProfile: { app: { flameView: { lastPaint: { ms: number } } } } }).goProfile.app.flameView;
        const paints: number[] = [];
        const r = c.getBoundingClientRect();
        for (let i = 0; i < 40; i++) {
          c.dispatchEvent(new WheelEvent('wheel', { deltaY: i < 20 ? -120 : 120, ctrlKey: true, clientX: r.left + r.width / 3, clientY: r.top + 100, bubbles: true, cancelable: true }));
          await new Promise((res) => requestAnimationFrame(() => res(null)));
          paints.push(fv.lastPaint.ms);
        }
        return paints;
      });
      const switchMs = await view.page.evaluate(() => {
        const fv = (window as unknown as { goProfile: { app: { flameView: { setSampleType(t: number): void } } } }).goProfile.app.flameView;
        const times: number[] = [];
        for (let i = 0; i < 6; i++) {
          const t = performance.now();
          fv.setSampleType(i % 2 === 0 ? 0 : 1);
          times.push(performance.now() - t);
        }
        return times.sort((a, b) => a - b)[3];
      });
      console.log(`sample-type switch (new layout of every node + paint): median ${f1(switchMs)} ms`);
      console.log(`zoom redraw into a frame: median ${f1(median(redraw.zoom))} ms, p95 ${f1(pct(redraw.zoom, 0.95))} ms, max ${f1(Math.max(...redraw.zoom))} ms (target < 16 ms)`);
      console.log(`redraw of the whole graph (root): median ${f1(median(redraw.root))} ms, p95 ${f1(pct(redraw.root, 0.95))} ms, max ${f1(Math.max(...redraw.root))} ms (target < 16 ms)`);
      console.log(`wheel zoom, paint per frame: median ${f1(median(frames))} ms, max ${f1(Math.max(...frames))} ms`);
      await view.close();
    }
    console.log(`model message -> first paint: median ${f1(median(paint))} ms (runs: ${paint.map(f1).join(', ')}) (target < 300 ms)`);
    console.log(`  of which message delivery (structured clone, buffers transferred): median ${f1(median(received))} ms`);
    console.log(`model message -> first frame on screen: median ${f1(median(presented))} ms`);

    const bytesPaint: number[] = [];
    for (let i = 0; i < runs; i++) {
      const view = await openWebview(browser, { bundle: bytesBundle });
      const b64 = Buffer.from(big.bytes).toString('base64');
      const ms = await view.page.evaluate(async (data) => {
        const bin = atob(data);
        const bytes = new Uint8Array(bin.length);
        for (let j = 0; j < bin.length; j++) {
          bytes[j] = bin.charCodeAt(j);
        }
        const probe = (window as unknown as { goProfile: { firstPaint?: number } }).goProfile;
        const sent = performance.now();
        window.postMessage({ type: 'bytes', bytes }, '*', [bytes.buffer]);
        while (probe.firstPaint === undefined) {
          await new Promise((r) => setTimeout(r, 1));
        }
        return probe.firstPaint - sent;
      }, b64);
      bytesPaint.push(ms);
      await view.close();
    }
    console.log(`alternative, raw bytes decoded in the webview (pako + engine) -> first paint: median ${f1(median(bytesPaint))} ms`);
    console.log(`ratio bytes/model to first paint: ${(median(bytesPaint) / median(paint)).toFixed(2)}x; host decode adds ${f1(median(hostRuns))} ms before the model message`);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
