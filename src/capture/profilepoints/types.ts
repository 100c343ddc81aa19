/**
 * Profilepoints: breakpoints that capture a profile at each hit and let the program go on.
 * The client keeps the breakpoint itself (so its condition and hit count are dlv's to
 * evaluate: every Nth hit, or where a condition holds); `goProfile.setProfilepoints` tells the
 * adapter which breakpoint lines are profilepoints. A stop on one is never shown to the client.
 */

/** Custom request: arguments `SetProfilepointsArgs`, response `{count}`. Replaces every profilepoint. */
export const PROFILEPOINTS_REQUEST = 'goProfile.setProfilepoints';

/**
 * What a hit captures: a snapshot (heap, goroutine, goroutineleak), the allocations since the
 * previous hit (allocsDelta; the first hit takes the baseline), or the CPU profile of the code
 * between a `cpuStart` point and the next stop (a `cpuStop` point, or any other).
 */
export type ProfilepointKind = 'heap' | 'allocsDelta' | 'goroutine' | 'goroutineleak' | 'cpuStart' | 'cpuStop';

export const PROFILEPOINT_KINDS: readonly ProfilepointKind[] = ['heap', 'allocsDelta', 'goroutine', 'goroutineleak', 'cpuStart', 'cpuStop'];

export interface Profilepoint {
  /** The client's name for it; the captures of one id form a series. */
  id: string;
  /** Absolute path of the source file and the line of the breakpoint (as dlv placed it). */
  path: string;
  line: number;
  kind: ProfilepointKind;
}

export interface SetProfilepointsArgs {
  points: Profilepoint[];
}

/** Added to `goProfile.captured` for a capture made by a profilepoint. */
export interface ProfilepointTag {
  id: string;
  /** 1 for the first capture of this profilepoint in the session, then 2, 3, ... */
  hit: number;
}

/** Added to `goProfile.captured` for a profilepoint capture: the sum the series chart plots. */
export interface SeriesTotal {
  /** The sample type summed (the profile's default: inuse_space for heap, cpu for CPU). */
  type: string;
  unit: string;
  value: number;
}
