// One line per segment of the timeline: its tooltip, its entry in the list of waits, its title.
import type { LedSegment } from '../../../src/traces/ledHereModel';

export function describeSegment(s: LedSegment): string {
  const ms = `${((s.end - s.start) / 1e6).toFixed(s.end - s.start < 1e7 ? 2 : 1)} ms`;
  switch (s.state) {
    case 'running':
      return `running ${ms}${s.func ? ` in ${s.func}` : ''}`;
    case 'runnable':
      return `runnable ${ms} (waiting for a thread${s.reason ? `, ${s.reason}` : ''})`;
    case 'syscall':
      return `in a system call ${ms}${s.func ? ` in ${s.func}` : ''}`;
    default:
      return `blocked ${ms} on ${s.what ?? 'other'}${s.reason && s.reason !== s.what ? ` (${s.reason})` : ''}${s.func ? ` in ${s.func}` : ''}`;
  }
}
