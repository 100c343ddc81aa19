import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readProfileFile } from '../../src/shared/profileFile';
import { buildCallTree, topTable } from '../../src/profile';
import type { CallTree, Profile } from '../../src/profile';
import { realProfiles } from './profileFixtures';
import type { ProfileName } from './profileFixtures';

let files: Record<ProfileName, string>;

before(async () => {
  files = await realProfiles();
});

function children(tree: CallTree, node: number): number[] {
  const out: number[] = [];
  for (let c = tree.firstChild[node]; c !== -1; c = tree.nextSibling[c]) out.push(c);
  return out;
}

/** Per function: the sum of self over its nodes (flat) and of total over its outermost nodes (cum). */
function perFunction(profile: Profile, tree: CallTree, t: number): Map<string, { flat: number; cum: number }> {
  const out = new Map<string, { flat: number; cum: number }>();
  const T = tree.sampleTypes;
  const walk = (node: number, onStack: Set<string>): void => {
    for (const c of children(tree, node)) {
      const name = profile.strings[profile.functions.name[tree.func[c]]];
      const row = out.get(name) ?? { flat: 0, cum: 0 };
      row.flat += tree.self[c * T + t];
      if (!onStack.has(name)) row.cum += tree.total[c * T + t];
      out.set(name, row);
      const inner = new Set(onStack).add(name);
      walk(c, inner);
    }
  };
  walk(0, new Set());
  return out;
}

for (const name of ['cpu', 'heap', 'mutex', 'goroutine', 'test-cpu'] as const) {
  test(`${name}: the call tree adds up and agrees with the top table (itself equal to pprof)`, () => {
    const profile = readProfileFile(files[name]);
    const tree = buildCallTree(profile);
    const T = tree.sampleTypes;
    assert.equal(tree.parent[0], -1);
    assert.equal(tree.func[0], -1);
    for (let n = 0; n < tree.length; n++) {
      const kids = children(tree, n);
      for (let t = 0; t < T; t++) {
        const sum = kids.reduce((s, c) => s + tree.total[c * T + t], tree.self[n * T + t]);
        assert.equal(tree.total[n * T + t], sum, `node ${n} type ${t}: total = self + children`);
      }
      const d = profile.defaultSampleType;
      for (let k = 1; k < kids.length; k++) assert.ok(tree.total[kids[k - 1] * T + d] >= tree.total[kids[k] * T + d], 'children by descending total');
      for (const c of kids) assert.equal(tree.parent[c], n);
    }
    for (let t = 0; t < T; t++) {
      const top = topTable(profile, { sampleType: t });
      assert.equal(tree.total[t], profile.samples.values.filter((_, i) => i % T === t).reduce((a, b) => a + b, 0));
      const fromTree = perFunction(profile, tree, t);
      for (const row of top.rows) {
        assert.deepEqual(fromTree.get(row.name), { flat: row.flat, cum: row.cum }, `${name} ${profile.sampleTypes[t].type} ${row.name}`);
      }
    }
  });
}

test('recursion nests nodes, inlined calls are flagged, clicks go to a sampled line', () => {
  const profile = readProfileFile(files.cpu);
  const tree = buildCallTree(profile);
  const nameOf = (n: number): string => profile.strings[profile.functions.name[tree.func[n]]];
  const fib = [...Array(tree.length).keys()].filter((n) => n > 0 && nameOf(n) === 'main.fib');
  assert.ok(fib.some((n) => nameOf(tree.parent[n]) === 'main.fib'), 'fib under fib');
  const mix = [...Array(tree.length).keys()].filter((n) => n > 0 && nameOf(n) === 'main.mix');
  assert.ok(mix.length > 0 && mix.every((n) => tree.inlined[n] === 1), 'mix is inlined into spin');
  assert.ok(fib.every((n) => tree.inlined[n] === 0));
  const mixLines = new Set(topTable(profile, { lines: true }).rows.filter((r) => r.name === 'main.mix').map((r) => r.line));
  assert.ok(mix.every((n) => mixLines.has(tree.line[n])));
});
