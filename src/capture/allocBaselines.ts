/**
 * Allocation snapshots for "allocations since the last stop": the one taken at the current
 * stop and the one before it, kept in the session's temp dir.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { allocationDelta } from './allocDelta';
import { HelperCalls } from './helperCalls';

interface Baseline {
  path: string;
  location: string;
  stop: number;
}

export class AllocBaselines {
  private previous?: Baseline;
  private current?: Baseline;

  constructor(private readonly dir: string) {}

  /** Whether a snapshot was already taken at this stop. */
  has(stop: number): boolean {
    return this.current?.stop === stop;
  }

  /** Snapshots allocations at this stop; the current one becomes the previous one. */
  async take(helper: HelperCalls, threadId: number | undefined, stop: number): Promise<void> {
    const frame = await helper.frame(threadId);
    const path = join(this.dir, `baseline-${stop}.pb.gz`);
    await helper.write(frame, 'allocs', path);
    if (this.previous) {
      rmSync(this.previous.path, { force: true });
    }
    this.previous = this.current;
    this.current = { path, location: frame.location, stop };
  }

  /** The allocations between the two snapshots as a pprof file, or undefined with fewer than two. */
  delta(): { bytes: Buffer; location: string } | undefined {
    const { previous, current } = this;
    if (!previous || !current) {
      return undefined;
    }
    const note = `Allocations between ${previous.location} and ${current.location}`;
    return { bytes: allocationDelta(readFileSync(previous.path), readFileSync(current.path), note), location: current.location };
  }

  dispose(): void {
    for (const b of [this.previous, this.current]) {
      if (b) {
        rmSync(b.path, { force: true });
      }
    }
    this.previous = this.current = undefined;
  }
}
