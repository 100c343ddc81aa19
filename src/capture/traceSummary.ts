/** The helper's trace summary ("millis g0 g1 gcCount gcPauseNanos") and its one-line form. */
import { TraceSummary } from './api';

export function parseSummary(text: string): TraceSummary | undefined {
  const n = text.trim().split(/\s+/).map(Number);
  if (n.length !== 5 || n.some((v) => !Number.isFinite(v))) {
    return undefined;
  }
  return { millis: n[0], goroutinesAtStart: n[1], goroutinesAtEnd: n[2], gcCount: n[3], gcPauseNanos: n[4] };
}

export function describeSummary(s: TraceSummary): string {
  const seconds = s.millis >= 1000 ? `${(s.millis / 1000).toFixed(2)} s` : `${s.millis} ms`;
  const pause = s.gcPauseNanos >= 1e6 ? `${(s.gcPauseNanos / 1e6).toFixed(1)} ms` : `${(s.gcPauseNanos / 1e3).toFixed(0)} µs`;
  return `${seconds}, goroutines ${s.goroutinesAtStart} → ${s.goroutinesAtEnd}, ${s.gcCount} GC${s.gcCount === 1 ? '' : 's'} pausing ${pause} in total`;
}
