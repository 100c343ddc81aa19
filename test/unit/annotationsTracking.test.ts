// Annotations following edits in one document (TrackedDocument), on a plain-text document
// that applies each change as VS Code would and reports it the way VS Code does.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { FileAnnotations, LineAnnotation } from '../../src/annotations/fileAnnotations';
import { chosenSampleType } from '../../src/annotations/sampleTypeChoice';
import { TrackedDocument } from '../../src/annotations/trackedDocument';
import type { ContentChange, DocumentText } from '../../src/annotations/trackedDocument';

class TextDoc implements DocumentText {
  constructor(public lines: string[]) {}
  get lineCount(): number {
    return this.lines.length;
  }
  lineAt(line: number): { text: string } {
    return { text: this.lines[line] };
  }
  getText(): string {
    return this.lines.join('\n');
  }
  /** Replaces (startLine, startChar)..(endLine, endChar) with `text`; returns the change as reported. */
  replace(startLine: number, startChar: number, endLine: number, endChar: number, text: string): ContentChange {
    const offset = (l: number, c: number): number => this.lines.slice(0, l).reduce((n, s) => n + s.length + 1, 0) + c;
    const all = this.getText();
    const [from, to] = [offset(startLine, startChar), offset(endLine, endChar)];
    this.lines = (all.slice(0, from) + text + all.slice(to)).split('\n');
    return { range: { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } }, rangeLength: to - from, text };
  }
}

const source = ['package main', '', 'func hot() {', '\tx := make([]int, 10)', '\tsum(x)', '}', '', 'func sum(x []int) int {', '\treturn len(x)', '}'];
const lineAnn = (line: number): LineAnnotation => ({ line, recordedLine: line + 1, flat: 1, cum: 2, text: `cost ${line + 1}`, bucket: 1, rows: [] });
const annotations: FileAnnotations = {
  lines: [3, 4, 8].map(lineAnn),
  functions: [2, 7].map((line) => ({ line, name: `f${line}`, flat: 1, cum: 2, text: `fn ${line}` })),
};
/** The shown annotations as "line: annotated text" (the recorded line says which one it is). */
const shown = (t: TrackedDocument, doc: TextDoc): string[] => [
  ...t.shown(doc).lines.map((a) => `${a.line}: ${a.text}`),
  ...t.shown(doc).functions.map((f) => `${f.line}: ${f.text}`),
];
const all = ['3: cost 4', '4: cost 5', '8: cost 9', '2: fn 2', '7: fn 7'];

function tracked(): { t: TrackedDocument; doc: TextDoc; edit: (...args: Parameters<TextDoc['replace']>) => void } {
  const doc = new TextDoc([...source]);
  const t = new TrackedDocument(annotations, doc);
  return { t, doc, edit: (...args) => t.edit(doc, [doc.replace(...args)]) };
}

test('typing on an annotated line hides its annotation; undoing the typing shows it again', () => {
  const { t, doc, edit } = tracked();
  assert.deepEqual(shown(t, doc), all);
  edit(4, 7, 4, 7, ' // why');
  assert.deepEqual(shown(t, doc), ['3: cost 4', '8: cost 9', '2: fn 2', '7: fn 7']);
  edit(4, 7, 4, 14, '');
  assert.deepEqual(shown(t, doc), all);
});

test('lines inserted or deleted above move the annotations with their code', () => {
  const { t, doc, edit } = tracked();
  edit(1, 0, 1, 0, 'import "fmt"\n\n');
  assert.deepEqual(shown(t, doc), ['5: cost 4', '6: cost 5', '10: cost 9', '4: fn 2', '9: fn 7']);
  edit(0, 0, 3, 0, '');
  assert.deepEqual(shown(t, doc), ['2: cost 4', '3: cost 5', '7: cost 9', '1: fn 2', '6: fn 7']);
});

test('an annotated line deleted and restored by undo, or the whole file reverted, brings every annotation back in place', () => {
  const { t, doc, edit } = tracked();
  edit(3, 0, 4, 0, '');
  assert.deepEqual(shown(t, doc), ['3: cost 5', '7: cost 9', '2: fn 2', '6: fn 7'], 'the deleted line hides its annotation; the next line keeps its own');
  // Undo re-inserts the line: the document is the annotated one again.
  edit(3, 0, 3, 0, '\tx := make([]int, 10)\n');
  assert.deepEqual(shown(t, doc), all);

  edit(8, 1, 8, 7, 'panic');
  edit(2, 5, 2, 8, 'cold');
  assert.deepEqual(shown(t, doc), ['3: cost 4', '4: cost 5', '7: fn 7']);
  // A revert replaces the whole text with the file on disk.
  edit(0, 0, doc.lineCount - 1, doc.lines[doc.lineCount - 1].length, source.join('\n'));
  assert.deepEqual(shown(t, doc), all);
});

test('a document of the same length but other text does not bring hidden annotations back', () => {
  const { t, doc, edit } = tracked();
  edit(8, 1, 8, 7, 'panic');
  edit(6, 0, 6, 0, '// x');
  assert.deepEqual(shown(t, doc), ['3: cost 4', '4: cost 5', '2: fn 2', '7: fn 7']);
});

test('the sample type chosen for a profile is found again by name, for that profile only', () => {
  const types = [
    { type: 'alloc_objects', unit: 'count' },
    { type: 'alloc_space', unit: 'bytes' },
    { type: 'inuse_space', unit: 'bytes' },
  ];
  const uri = 'file:///w/heap.pb.gz';
  assert.equal(chosenSampleType({ uri, type: 'alloc_space' }, uri, types), 1);
  assert.equal(chosenSampleType({ uri, type: 'alloc_space' }, 'file:///w/other.pb.gz', types), undefined, 'chosen for another profile');
  assert.equal(chosenSampleType({ uri, type: 'cpu' }, uri, types), undefined, 'the file no longer has that type');
  assert.equal(chosenSampleType(undefined, uri, types), undefined);
  assert.equal(chosenSampleType('alloc_space', uri, types), undefined, 'state written by something else');
});
