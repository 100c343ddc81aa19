/**
 * The chart of a series: one point per capture, its total (in-use bytes, CPU time,
 * goroutines) against the hit number, and the growth per hit it shows. Plain SVG text, built
 * here with every name escaped, so the panel needs no script at all.
 */
import { formatValue } from '../profile';
import type { Series } from './series';

const W = 560;
const H = 220;
const PAD = { left: 80, right: 16, top: 16, bottom: 36 };

export interface ChartSummary {
  /** Average change of the total per hit from the first capture to the last. */
  perHit: number;
  unit: string;
  type: string;
}

export function summarize(series: Series): ChartSummary | undefined {
  const points = series.captures.filter((c) => c.total);
  if (!points.length) {
    return undefined;
  }
  const first = points[0];
  const last = points[points.length - 1];
  const hits = last.hit - first.hit;
  return { perHit: hits > 0 ? (last.total!.value - first.total!.value) / hits : 0, unit: first.total!.unit, type: first.total!.type };
}

/** "+1MB per hit" (the engine's units; goroutines read as goroutines). */
export function growthText(summary: ChartSummary): string {
  const unit = summary.type === 'goroutine' || summary.type === 'goroutineleak' ? 'goroutines' : summary.unit;
  const value = formatValue(Math.abs(summary.perHit), unit);
  return `${summary.perHit < 0 ? '-' : '+'}${value} ${summary.type} per hit`;
}

export function chartSvg(series: Series): string {
  const points = series.captures.filter((c) => c.total);
  const summary = summarize(series);
  if (!points.length || !summary) {
    return `<p>No captures with a total in this series yet.</p>`;
  }
  const xs = points.map((p) => p.hit);
  const ys = points.map((p) => p.total!.value);
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const [yMin, yMax] = [Math.min(0, ...ys), Math.max(...ys)];
  const x = (v: number): number => PAD.left + ((v - xMin) / (xMax - xMin || 1)) * (W - PAD.left - PAD.right);
  const y = (v: number): number => H - PAD.bottom - ((v - yMin) / (yMax - yMin || 1)) * (H - PAD.top - PAD.bottom);
  const unit = summary.type === 'goroutine' || summary.type === 'goroutineleak' ? 'goroutines' : summary.unit;
  const line = points.map((p) => `${x(p.hit).toFixed(1)},${y(p.total!.value).toFixed(1)}`).join(' ');
  const dots = points
    .map((p) => `<circle class="dot" cx="${x(p.hit).toFixed(1)}" cy="${y(p.total!.value).toFixed(1)}" r="3"><title>hit ${p.hit}: ${escapeXml(formatValue(p.total!.value, unit))}</title></circle>`)
    .join('');
  const axis = `<line class="axis" x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}"/>`
    + `<line class="axis" x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}"/>`;
  const labels = `<text class="label" x="${PAD.left - 6}" y="${y(yMax) + 4}" text-anchor="end">${escapeXml(formatValue(yMax, unit))}</text>`
    + `<text class="label" x="${PAD.left - 6}" y="${y(yMin) + 4}" text-anchor="end">${escapeXml(formatValue(yMin, unit))}</text>`
    + `<text class="label" x="${x(xMin)}" y="${H - PAD.bottom + 16}" text-anchor="middle">hit ${xMin}</text>`
    + `<text class="label" x="${x(xMax)}" y="${H - PAD.bottom + 16}" text-anchor="middle">hit ${xMax}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeXml(`${summary.type} per hit of ${series.id}`)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}">`
    + `${axis}<polyline class="series" points="${line}"/>${dots}${labels}</svg>`;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
