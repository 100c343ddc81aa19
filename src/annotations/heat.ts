/**
 * Heat buckets for the gutter: a line's share of the profile's total picks one of a few
 * shades, so that the eye finds the hot lines without reading numbers. Few buckets keep the
 * number of decoration types (one per bucket) small.
 */

/** Lower bounds of the shares (0..1) of buckets 1..5; bucket 0 means no mark. */
export const HEAT_THRESHOLDS: readonly number[] = [0, 0.005, 0.02, 0.08, 0.25];

export const HEAT_BUCKETS = HEAT_THRESHOLDS.length;

/** 0 for no cost, else 1 (coolest) .. HEAT_BUCKETS (hottest). */
export function heatBucket(value: number, total: number): number {
  if (total <= 0 || value === 0) return 0;
  const share = Math.abs(value) / total;
  let bucket = 1;
  for (let b = 1; b < HEAT_THRESHOLDS.length; b++) if (share >= HEAT_THRESHOLDS[b]) bucket = b + 1;
  return bucket;
}

/** Opacity of the mark for a bucket, so hotter lines read darker in any theme. */
export function heatOpacity(bucket: number): number {
  return bucket <= 0 ? 0 : 0.2 + (0.8 * (bucket - 1)) / (HEAT_BUCKETS - 1);
}

/** An SVG gutter mark: a bar in the given colour and opacity (no external content). */
export function heatSvg(color: string, bucket: number): string {
  const opacity = heatOpacity(bucket).toFixed(2);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect x="4" y="0" width="6" height="16" fill="${color}" fill-opacity="${opacity}"/></svg>`;
}
