/**
 * The annotations of one open document, held to the code they were made for while the
 * user edits it: moved along with inserted and deleted lines, hidden on a line whose text
 * changed and shown again when that text is back (undo). When the whole document returns
 * to the text it was annotated on (undo of everything, a revert, a reload from disk),
 * every annotation is back at its first place, even those a deleted line had displaced.
 */
import { anchorsAt, applyEdits, startLineLengthBefore } from './editTracking';
import type { Anchors, LineEdit } from './editTracking';
import type { FileAnnotations } from './fileAnnotations';

/** What of a document this reads (a vscode.TextDocument has it). */
export interface DocumentText {
  readonly lineCount: number;
  lineAt(line: number): { readonly text: string };
  getText(): string;
}

/** One content change of a change event (a vscode.TextDocumentContentChangeEvent has it). */
export interface ContentChange {
  readonly range: { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } };
  readonly rangeLength: number;
  readonly text: string;
}

export class TrackedDocument {
  /** Anchors of the line annotations, then of the function annotations. */
  private readonly anchors: Anchors;
  private readonly firstLines: Int32Array;
  private readonly firstText: string;
  private readonly firstLineCount: number;
  private view: FileAnnotations | undefined;
  /** Set by an edit that may have brought the document back to `firstText`; checked when next shown. */
  private mayBeBack = false;

  /** `annotations` were made for `document` as it is now. */
  constructor(
    private readonly first: FileAnnotations,
    document: DocumentText,
  ) {
    const lines = [...first.lines.map((a) => a.line), ...first.functions.map((f) => f.line)];
    this.anchors = anchorsAt(lines, (line) => document.lineAt(line).text);
    this.firstLines = this.anchors.lines.slice();
    this.firstText = document.getText();
    this.firstLineCount = document.lineCount;
    this.view = first;
  }

  /** The annotations whose lines hold the code they were made for, where that code is now. */
  shown(document: DocumentText): FileAnnotations {
    if (this.mayBeBack) {
      this.mayBeBack = false;
      // The whole text is read only after a pause in typing, when some annotation is off its first place.
      if (this.displaced() && document.getText() === this.firstText) {
        this.anchors.lines.set(this.firstLines);
        this.anchors.shown.fill(1);
        this.view = this.first;
      }
    }
    this.view ??= this.current();
    return this.view;
  }

  /** Follows one change event; `document` holds its result. Linear in the annotations, allocating none: runs on each keystroke. */
  edit(document: DocumentText, changes: readonly ContentChange[]): void {
    const lineText = (line: number): string | undefined => (line < document.lineCount ? document.lineAt(line).text : undefined);
    const edits: LineEdit[] = changes.map((c) => ({
      startLine: c.range.start.line,
      startCharacter: c.range.start.character,
      endLine: c.range.end.line,
      endCharacter: c.range.end.character,
      text: c.text,
      startLineLength: startLineLengthBefore({ startLine: c.range.start.line, startCharacter: c.range.start.character, rangeLength: c.rangeLength, text: c.text }, lineText),
    }));
    if (applyEdits(this.anchors, edits, lineText)) this.view = undefined;
    this.mayBeBack = this.view !== this.first && document.lineCount === this.firstLineCount;
  }

  private displaced(): boolean {
    const { lines, shown } = this.anchors;
    for (let i = 0; i < lines.length; i++) if (!shown[i] || lines[i] !== this.firstLines[i]) return true;
    return false;
  }

  private current(): FileAnnotations {
    const { lines, shown } = this.anchors;
    const place = <T extends { readonly line: number }>(items: readonly T[], offset: number): T[] => {
      const placed: T[] = [];
      items.forEach((a, i) => {
        if (!shown[offset + i]) return;
        const line = lines[offset + i];
        placed.push(line === a.line ? a : { ...a, line });
      });
      return placed;
    };
    return { lines: place(this.first.lines, 0), functions: place(this.first.functions, this.first.lines.length) };
  }
}
