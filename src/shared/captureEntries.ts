/**
 * What the Profiles view lists: the profiles and execution traces debug sessions saved, and
 * the decisions about them that need no VS Code (names, rows, list updates, renamed paths),
 * so unit tests can check them.
 */
import { basename, dirname, join } from 'node:path';
import type { CaptureKind, TraceSummary } from '../capture/api';
import { describeSummary } from '../capture/traceSummary';
import { KIND_LABEL } from './captureKinds';

interface StoredFile {
  path: string;
  /** Where it was taken, e.g. `main.buildCache:42` (for cpu and traces: where it started). */
  location: string;
  /** Epoch milliseconds. */
  time: number;
  session: string;
  /** A user-given name; defaults to what it is and where it was taken. */
  label?: string;
}

/** A pprof profile: it opens in the flame graph and compares with other profiles. */
export interface StoredCapture extends StoredFile {
  kind: CaptureKind;
}

/** An execution trace (`runtime/trace`): not a profile, it opens in Go's trace viewer. */
export interface StoredTrace extends StoredFile {
  kind: 'trace';
  summary?: TraceSummary;
}

export type StoredEntry = StoredCapture | StoredTrace;

export function isTrace(e: StoredEntry): e is StoredTrace {
  return e.kind === 'trace';
}

/** "Heap", "CPU", … or "Trace". */
export function kindName(e: StoredEntry): string {
  return isTrace(e) ? 'Trace' : KIND_LABEL[e.kind];
}

/** The user's name for it, else what it is and where it was taken. */
export function displayName(e: StoredEntry): string {
  return e.label ?? (isTrace(e) ? `Trace from ${e.location}` : `${KIND_LABEL[e.kind]} at ${e.location}`);
}

/** "profile" or "trace", for prompts. */
export function noun(e: StoredEntry): string {
  return isTrace(e) ? 'trace' : 'profile';
}

export interface EntryRow {
  label: string;
  description: string;
  /** Markdown. */
  tooltip: string;
  /** A codicon name. */
  icon: string;
  /** The view's menus show the trace commands for traces and the compare commands for profiles. */
  contextValue: 'goProfile.capture' | 'goProfile.trace';
}

const ICON: Record<string, string> = {
  heap: 'database', allocs: 'database', allocsDelta: 'diff', cpu: 'flame', block: 'debug-pause', mutex: 'lock', goroutine: 'list-tree', trace: 'pulse',
};

/** How the Profiles view shows an entry. */
export function entryRow(e: StoredEntry): EntryRow {
  const when = new Date(e.time).toLocaleTimeString();
  const heading = isTrace(e) ? `**Execution trace** from \`${e.location}\`` : `**${KIND_LABEL[e.kind]}** at \`${e.location}\``;
  const lines = [heading, `${new Date(e.time).toLocaleString()} · ${e.session}`, basename(e.path)];
  if (isTrace(e)) {
    if (e.summary) {
      lines.splice(1, 0, describeSummary(e.summary));
    }
    lines.push("Click: open in Go's trace viewer. Right-click: show waits as a profile.");
  }
  return {
    label: displayName(e),
    description: e.label ? `${kindName(e)} · ${when}` : when,
    // Two trailing spaces: a Markdown line break.
    tooltip: lines.join('  \n'),
    icon: ICON[e.kind] ?? 'graph',
    contextValue: isTrace(e) ? 'goProfile.trace' : 'goProfile.capture',
  };
}

/** `entry` first (newest), without an older entry for the same file, at most `limit` long. */
export function withAdded(list: readonly StoredEntry[], entry: StoredEntry, limit: number): StoredEntry[] {
  return [entry, ...list.filter((e) => e.path !== entry.path)].slice(0, limit);
}

/** A renamed entry keeps its place in the list, under its new file and name. */
export function withRenamed(list: readonly StoredEntry[], path: string, newPath: string, label: string): StoredEntry[] {
  return list.map((e) => (e.path === path ? { ...e, path: newPath, label } : e));
}

/** Where a rename to `label` moves the file: beside it, the name made safe, the type's extension kept. */
export function renamedPath(e: StoredEntry, label: string): string {
  const stem = label.trim().replace(/[^A-Za-z0-9._ -]+/g, '-').slice(0, 100);
  return join(dirname(e.path), `${stem}${isTrace(e) ? '.trace' : '.pb.gz'}`);
}
