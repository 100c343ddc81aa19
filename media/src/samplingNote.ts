// The note above a sampled heap's flame graph. Go records about one allocation per
// MemProfileRate bytes and scales it up (the profile's period, on period type space/bytes),
// so two captures at one stop can differ by a third; the note says so and how to get exact
// numbers. A profile that recorded every allocation (rate 1) gets none.
import type { ViewModel } from '../../src/shared/messages';
import { formatValue } from './format';

/** The note's text for a sampled heap or allocs profile, or undefined for any other profile. */
export function samplingNote(model: Pick<ViewModel, 'periodType' | 'period'>): string | undefined {
  const { periodType, period } = model;
  if (periodType?.type !== 'space' || periodType.unit !== 'bytes' || period === undefined || period <= 1) return undefined;
  return (
    `Sampled: Go records about one allocation per ${formatValue(period, 'bytes')} (MemProfileRate ${period}) and scales up, so numbers vary between runs. ` +
    'Set "memProfileRate": 1 in the launch configuration (go test: -memprofilerate=1) to record every allocation.'
  );
}

/** Shows the note in `box` (hidden when there is none). */
export function showSamplingNote(box: HTMLElement, model: ViewModel): void {
  const text = samplingNote(model);
  box.textContent = text ?? '';
  box.hidden = text === undefined;
}
