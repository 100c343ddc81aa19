/**
 * The sample type the user chose for the annotations, kept in workspace state with the
 * profile it was chosen for, so that a window reload shows the same costs again.
 */
import type { ValueType } from '../profile';

export interface SampleTypeChoice {
  readonly uri: string;
  readonly type: string;
}

/** The index of the type chosen for `uri` in `types`; undefined when none was, or the file no longer has it. */
export function chosenSampleType(saved: unknown, uri: string, types: readonly ValueType[]): number | undefined {
  if (typeof saved !== 'object' || saved === null) return undefined;
  const { uri: savedUri, type } = saved as Partial<Record<keyof SampleTypeChoice, unknown>>;
  if (savedUri !== uri || typeof type !== 'string') return undefined;
  const i = types.findIndex((t) => t.type === type);
  return i >= 0 ? i : undefined;
}
