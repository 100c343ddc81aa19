/**
 * Keeps annotations on their code while the user types. Each annotation remembers the text
 * its line had when annotated: an edit moves the annotations below it by the lines it added
 * or removed, and one on a line it changed shows only while that line holds its text again
 * (so undoing the edit brings it back). Pure and linear, run on each change event, so
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

/**
 * Annotations held to their code, entry i for annotation i: its line now, the text of its
 * line when annotated, whether the line holds that text now (1) or not (0). Typed arrays,
 * updated in place: a keystroke allocates nothing per annotation.
 */
export interface Anchors {
  readonly lines: Int32Array;
  readonly sources: readonly string[];
  readonly shown: Uint8Array;
}

/** Anchors for annotations on `lines` of a document whose lines `lineText` reads. */
export function anchorsAt(lines: readonly number[], lineText: (line: number) => string | undefined): Anchors {
  return { lines: Int32Array.from(lines), sources: lines.map((l) => lineText(l) ?? ''), shown: new Uint8Array(lines.length).fill(1) };
}

/** Lines [from, to] changed and now span [from, to + delta]; lines after `to` move by `delta`. */
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
 * applies to the result of the previous); `lineText` reads a line of the document after
 * all of them. An annotation on a changed line stays within what replaced it (at its own
 * line, or the last new line when fewer remain) and shows when that line's text is its
 * source. Updates `anchors` in place; returns whether any annotation moved, hid or showed.
 */
export function applyEdits(anchors: Anchors, edits: readonly LineEdit[], lineText: (line: number) => string | undefined): boolean {
  const { lines, sources, shown } = anchors;
  let changed = false;
  const touched: number[] = [];
  for (const edit of edits) {
    const { from, to, delta } = effectOf(edit);
    if (delta === 0 && to < from) continue;
    const last = to + delta;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line < from) continue;
      if (line <= to) {
        touched.push(i);
        if (line > last) lines[i] = last;
      } else {
        lines[i] = line + delta;
      }
      changed ||= lines[i] !== line;
    }
  }
  for (const i of touched) {
    const now = lineText(lines[i]) === sources[i] ? 1 : 0;
    if (now === shown[i]) continue;
    shown[i] = now;
    changed = true;
  }
  return changed;
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
