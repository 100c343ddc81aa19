/** The number a profilepoint series charts per capture: the profile's default sample type, summed. */
import { readFileSync } from 'node:fs';
import { decodeProfileBytes } from '../profileBytes';
import type { SeriesTotal } from './types';

export function seriesTotal(path: string): SeriesTotal {
  const profile = decodeProfileBytes(readFileSync(path));
  const t = profile.defaultSampleType;
  const n = profile.sampleTypes.length;
  let value = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    value += profile.samples.values[i * n + t];
  }
  const { type, unit } = profile.sampleTypes[t];
  return { type, unit, value };
}
