// The engine's public API: what the views, the capture code and the CLI import.
export type * from './model';
export { decodeProfile, isGzip, MAX_PROFILE_BYTES } from './decode';
export type { Gunzip } from './decode';
export { ProfileError } from './errors';
export { sampleTypeIndex } from './sampleType';
export { buildCallTree } from './callTree';
export { topTable } from './top';
export type { TopOptions } from './top';
export { SPEEDSCOPE_CHUNK, speedscopeChunks, toSpeedscope } from './speedscope';
export type { SpeedscopeFile, SpeedscopeFrame, SpeedscopeSampledProfile, SpeedscopeUnit } from './speedscope';
export { formatValue, formatPercent } from './units';
export { filterProfile } from './filter';
export type { FilterOptions } from './filter';
export { diffProfiles } from './diff';
export type { DiffOptions } from './diff';
export { labelSummary, tagRoot } from './labels';
export type { LabelSummary } from './labels';
export { printableName } from './top';
