/**
 * Keeps annotations on their code while the user types: an edit drops the annotations of
 * the lines it changed (their numbers no longer describe that code) and shifts the ones
 * below by the lines it added or removed. Pure and linear, run on each change event, so
 * typing never waits for a profile.
 */

/** One content change as VS Code reports it (0-based lines and characters). */
export interface LineEdit {
  readonly startLine: number;
  readonly startCharacter: number;
  readonly endLine: number;
  readonly endCharacter: number;
  /** The inserted text. */
  readonly text: string;
  /** Length of the start line before the edit, to tell "Enter at the end of a line". */
  readonly startLineLength: number;
}

/** Lines [from, to] lose their annotations; lines after `to` move by `delta`. */
interface Effect {
  readonly from: number;
  readonly to: number;
  readonly delta: number;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function effectOf(e: LineEdit): Effect {
  const delta = countNewlines(e.text) - (e.endLine - e.startLine);
  const insertion = e.startLine === e.endLine && e.startCharacter === e.endCharacter;
  // Enter at the end of a line, or whole lines pasted above one: no existing line changes.
  if (insertion && e.startCharacter >= e.startLineLength && /^\r?\n/.test(e.text)) return { from: e.startLine + 1, to: e.startLine, delta };
  if (insertion && e.startCharacter === 0 && e.text.endsWith('\n')) return { from: e.startLine, to: e.startLine - 1, delta };
  return { from: e.startLine, to: e.endLine, delta };
}

/**
 * Applies edits in the order given (VS Code orders one event's changes so that each
 * applies to the result of the previous). Returns the same array when nothing moved.
 */
export function applyEdits<T extends { readonly line: number }>(items: readonly T[], edits: readonly LineEdit[]): readonly T[] {
  let current = items;
  for (const edit of edits) {
    const { from, to, delta } = effectOf(edit);
    if (delta === 0 && to < from) continue;
    let changed = false;
    const next: T[] = [];
    for (const item of current) {
      if (item.line < from) {
        next.push(item);
      } else if (item.line <= to) {
        changed = true;
      } else if (delta !== 0) {
        next.push({ ...item, line: item.line + delta });
        changed = true;
      } else {
        next.push(item);
      }
    }
    if (changed) current = next;
  }
  return current;
}

/** A content change as VS Code reports it, before the start line's old length is known. */
export interface ReportedChange {
  readonly startLine: number;
  readonly startCharacter: number;
  readonly rangeLength: number;
  readonly text: string;
}

/**
 * The start line's length before the change, needed only to tell "Enter at the end of a
 * line" (which changes no line) from a line split in two. The document already holds the
 * result: the inserted text's last line followed by what was after the cursor. When that
 * is nothing, the cursor was at the end; otherwise the line changed, reported as an
 * unknown (infinite) length. `lineAfter` reads a line of the document after the change.
 */
export function startLineLengthBefore(c: ReportedChange, lineAfter: (line: number) => string | undefined): number {
  const unknown = Number.MAX_SAFE_INTEGER;
  if (c.rangeLength !== 0 || !/^\r?\n/.test(c.text)) return unknown;
  const last = c.startLine + countNewlines(c.text);
  return lineAfter(last) === c.text.slice(c.text.lastIndexOf('\n') + 1) ? c.startCharacter : unknown;
}
