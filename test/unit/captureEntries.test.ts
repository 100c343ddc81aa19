// The Profiles view's entries without VS Code: rows for profiles and traces, the list kept
// newest first, renames, and which of the view's menu entries package.json offers for each.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entryRow, renamedPath, withAdded, withRenamed, type StoredCapture, type StoredEntry, type StoredTrace } from '../../src/shared/captureEntries';
import { CAPTURE_COMMANDS, TRACE_COMMANDS } from '../../src/shared/captureKinds';

const root = join(__dirname, '..', '..', '..');
const time = Date.UTC(2026, 10, 23, 16, 40);
const heap: StoredCapture = { kind: 'heap', path: '/w/.vscode/go-profiles/heap_main.main-42_x.pb.gz', location: 'main.main:42', time, session: 'Launch' };
const trace: StoredTrace = {
  kind: 'trace',
  path: '/w/.vscode/go-profiles/trace_main.main-40_x.trace',
  location: 'main.main:40',
  time: time + 1000,
  session: 'Launch',
  summary: { millis: 1530, goroutinesAtStart: 3, goroutinesAtEnd: 9, gcCount: 2, gcPauseNanos: 412000 },
};

test('a trace row says it is a trace and where it started, with its summary; a profile row is unchanged', () => {
  const when = (t: number) => new Date(t).toLocaleTimeString();
  const t = entryRow(trace);
  assert.equal(t.label, 'Trace from main.main:40');
  assert.equal(t.description, when(trace.time));
  assert.equal(t.contextValue, 'goProfile.trace');
  assert.equal(t.icon, 'pulse');
  assert.match(t.tooltip, /^\*\*Execution trace\*\* from `main\.main:40`  \n1\.53 s, goroutines 3 → 9, 2 GCs pausing 412 µs in total  \n/);
  assert.match(t.tooltip, /trace_main\.main-40_x\.trace/);
  assert.doesNotMatch(entryRow({ ...trace, summary: undefined }).tooltip, /goroutines/);

  const named = entryRow({ ...trace, label: 'before checksum' });
  assert.equal(named.label, 'before checksum');
  assert.equal(named.description, `Trace · ${when(trace.time)}`);

  const h = entryRow(heap);
  assert.equal(h.label, 'Heap at main.main:42');
  assert.equal(h.contextValue, 'goProfile.capture');
  assert.equal(h.icon, 'database');
  assert.equal(entryRow({ ...heap, label: 'x' }).description, `Heap · ${when(heap.time)}`);
});

test('the list keeps the newest first, one entry per file, at most the limit; a rename keeps its place', () => {
  let list: StoredEntry[] = [];
  list = withAdded(list, heap, 3);
  list = withAdded(list, trace, 3);
  assert.deepEqual(list.map((e) => e.kind), ['trace', 'heap']);
  list = withAdded(list, { ...heap, time: time + 2000 }, 3);
  assert.deepEqual(list.map((e) => e.kind), ['heap', 'trace'], 'the same file again moves to the top, once');
  list = withAdded(withAdded(list, { ...heap, path: '/a.pb.gz' }, 3), { ...heap, path: '/b.pb.gz' }, 3);
  assert.deepEqual(list.map((e) => e.path), ['/b.pb.gz', '/a.pb.gz', heap.path]);

  const renamed = withRenamed([heap, trace], trace.path, '/w/.vscode/go-profiles/slow.trace', 'slow');
  assert.deepEqual(renamed[1], { ...trace, path: '/w/.vscode/go-profiles/slow.trace', label: 'slow' });
  assert.equal(renamed[0], heap);
});

test('a renamed trace stays a .trace and a profile a .pb.gz, beside the old file, with a safe name', () => {
  assert.equal(renamedPath(trace, ' GC storm '), '/w/.vscode/go-profiles/GC storm.trace');
  assert.equal(renamedPath(heap, 'a/b:c'), '/w/.vscode/go-profiles/a-b-c.pb.gz');
});

test('the capture quick pick runs each profile command, the trace commands and What Led Here, all contributed', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
  const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
  const picked = [...CAPTURE_COMMANDS, ...TRACE_COMMANDS].map((c) => c.command);
  assert.deepEqual(TRACE_COMMANDS.map((c) => c.command), ['goProfile.traceUntilNextStop', 'goProfile.traceForSeconds', 'goProfile.whatLedHere']);
  assert.equal(new Set(picked).size, picked.length);
  for (const command of picked) {
    assert.ok(contributed.has(command), `${command} is contributed`);
  }
});

/** Evaluates the `when` clauses the Profiles view's menus use: `a == b` and `a =~ /re/`, joined by &&. */
function holds(when: string, context: Record<string, string>): boolean {
  return when.split('&&').every((clause) => {
    const eq = /^\s*([\w.]+)\s*==\s*([\w.]+)\s*$/.exec(clause);
    if (eq) {
      return context[eq[1]] === eq[2];
    }
    const re = /^\s*([\w.]+)\s*=~\s*\/(.*)\/\s*$/.exec(clause);
    if (re) {
      return new RegExp(re[2]).test(context[re[1]] ?? '');
    }
    throw new Error(`unexpected when clause: ${clause}`);
  });
}

test('the Profiles view offers the trace commands on traces, the compare commands on profiles only', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { menus: Record<string, { command: string; when: string }[]> } };
  const items = manifest.contributes.menus['view/item/context'].filter((m) => m.when.includes('view == goProfile.profiles'));
  const offered = (e: StoredEntry) => new Set(items.filter((m) => holds(m.when, { view: 'goProfile.profiles', viewItem: entryRow(e).contextValue })).map((m) => m.command));
  assert.deepEqual([...offered(trace)].sort(), ['goProfile.openTraceViewer', 'goProfile.profiles.delete', 'goProfile.profiles.rename', 'goProfile.profiles.reveal', 'goProfile.showTraceWaits']);
  assert.deepEqual([...offered(heap)].sort(), ['goProfile.profiles.compareWith', 'goProfile.profiles.compareWithPrevious', 'goProfile.profiles.delete', 'goProfile.profiles.rename', 'goProfile.profiles.reveal', 'goProfile.saveAsDefaultPgo']);
});
