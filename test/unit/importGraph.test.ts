// The import graph of src, read with TypeScript's own import scanner: no file imports itself
// through a chain (no cycle), and every edge between folders points down the layers of
// ARCHITECTURE.md. ESLint enforces the same per file; this test sees the whole graph.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

const root = join(__dirname, '..', '..', '..');
const src = join(root, 'src');

const FEATURES = ['annotations', 'buildErrors', 'captures', 'debugType', 'delveScript', 'flameGraph', 'goSessions', 'goroutineLeaks', 'profilepointSeries', 'testProfile', 'traces'];
const BELOW_FEATURES = ['shared', 'debug', 'capture', 'profile'];
/** Which folders (or top-level files) each may import; its own folder always. */
const ALLOWED: Record<string, readonly string[]> = {
  'extension.ts': [...FEATURES, ...BELOW_FEATURES],
  'cli.ts': ['shared', 'profile'],
  ...Object.fromEntries(FEATURES.map((f) => [f, BELOW_FEATURES])),
  shared: ['debug', 'capture', 'profile'],
  debug: ['capture', 'profile'],
  capture: ['profile'],
  profile: [],
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|js)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, `${base}.js`, join(base, 'index.ts'), base].find((p) => existsSync(p) && statSync(p).isFile());
}

/** Every src file with the src files it imports (relative imports; packages are not ours). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(src)) {
    const imported = ts
      .preProcessFile(readFileSync(file, 'utf8'), true, true)
      .importedFiles.map((f) => f.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => {
        const target = resolveImport(file, spec);
        assert.ok(target, `${relative(root, file)} imports ${spec}, which exists`);
        return target;
      });
    graph.set(file, imported);
  }
  return graph;
}

const folderOf = (file: string): string => relative(src, file).split(/[\\/]/)[0];

test('every import between src folders points down the layers', () => {
  const graph = importGraph();
  assert.ok(graph.size > 100, 'the graph covers src');
  const upward: string[] = [];
  for (const [file, imports] of graph) {
    const from = folderOf(file);
    assert.ok(from in ALLOWED, `${from} has a place in the layers (ALLOWED here and ARCHITECTURE.md)`);
    for (const target of imports) {
      const to = folderOf(target);
      if (to !== from && !ALLOWED[from].includes(to)) upward.push(`${relative(src, file)} -> ${relative(src, target)}`);
    }
  }
  assert.deepEqual(upward, []);
});

test('the import graph of src has no cycle', () => {
  const graph = importGraph();
  // Depth-first search; a file met again while still on the stack closes a cycle.
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') {
        cycles.push(stack.slice(stack.indexOf(next)).concat(next).map((f) => relative(src, f)).join(' -> '));
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  assert.deepEqual(cycles, []);
});
