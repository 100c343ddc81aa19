import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { buildCallTree, decodeProfile, diffProfiles, filterProfile, ProfileError, speedscopeChunks, topTable } from '../../src/profile';
import type { Profile } from '../../src/profile';
import { gunzipGuarded } from '../../src/capture/profileBytes';
import { realProfiles } from './profileFixtures';
import { seededRandom } from './seededRandom';

let seeds: Uint8Array[];

before(async () => {
  const files = await realProfiles();
  seeds = [files.cpu, files.heap, files.mutex, files.goroutine, files['test-cpu']].map((f) => gunzipSync(readFileSync(f)));
});

function mutate(src: Uint8Array, rnd: () => number): Uint8Array {
  const at = (n: number): number => Math.floor(rnd() * n);
  let b = Uint8Array.from(src);
  const kind = at(6);
  if (kind === 0) {
    for (let k = 1 + at(8); k > 0; k--) b[at(b.length)] = at(256);
  } else if (kind === 1) {
    b = b.subarray(0, at(b.length));
  } else if (kind === 2) {
    const i = at(b.length);
    b = Uint8Array.from([...b.subarray(0, i), ...b.subarray(i + 1 + at(64))]);
  } else if (kind === 3) {
    const i = at(b.length);
    const span = b.subarray(i, i + 1 + at(256));
    b = Uint8Array.from([...b.subarray(0, i), ...span, ...b.subarray(i)]);
  } else if (kind === 4) {
    const i = at(b.length);
    for (let k = 0; k < 1 + at(9) && i + k < b.length; k++) b[i + k] = 0xff;
  } else {
    b[at(b.length)] ^= 1 << at(8);
  }
  return b;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The invariants every consumer of a model relies on. */
function checkModel(p: Profile): void {
  const T = p.sampleTypes.length;
  assert.ok(T > 0 && p.defaultSampleType >= 0 && p.defaultSampleType < T);
  assert.equal(p.strings[0], '');
  const s = p.samples;
  assert.equal(s.values.length, s.length * T);
  assert.equal(s.stackStart[0], 0);
  assert.equal(s.stackStart[s.length], s.stackFrames.length);
  for (let i = 0; i < s.length; i++) assert.ok(s.stackStart[i] <= s.stackStart[i + 1]);
  for (const f of s.stackFrames) assert.ok(f >= 0 && f < p.frames.length);
  for (const f of p.frames.func) assert.ok(f >= 0 && f < p.functions.length);
  for (const x of [...p.functions.name, ...p.functions.file]) assert.ok(x >= 0 && x < p.strings.length);
  for (const l of s.labelSet) assert.ok(l >= -1 && l < p.labelSets.length);
}

test('thousands of mutated real profiles give a clean ProfileError or a valid model', () => {
  // A fixed number of seeds, not a time budget: the same cases run on a busy machine as on an idle one.
  let cases = 0;
  let refused = 0;
  for (let seed = 1; seed <= 2000; seed++) {
    const rnd = seededRandom(seed);
    const src = seeds[seed % seeds.length];
    // One case in eight goes through gzip: corrupt compressed data must be refused too.
    const zipped = seed % 8 === 0;
    const input = zipped ? mutate(gzipSync(src), rnd) : mutate(src, rnd);
    cases++;
    try {
      const p = decodeProfile(input, (b) => gunzipGuarded(b, 64 << 20));
      checkModel(p);
      buildCallTree(p);
      topTable(p);
      topTable(p, { lines: true });
      // The speedscope export, in chunks of a size the seed picks, must still be one JSON document.
      const size = 2 + (seed % 500);
      const chunks = [...speedscopeChunks(p, undefined, 'fuzz', size)];
      assert.ok(chunks.every((c) => c.length > 0 && c.length <= size), `seed ${seed}: a chunk out of bounds`);
      assert.equal(typeof JSON.parse(chunks.join('')).shared, 'object');
      if (seed % 4 === 0) {
        // Filters and diffs see the same corrupt-but-valid models the views would.
        const fn = p.functions.length > 0 ? p.strings[p.functions.name[seed % p.functions.length]] : '';
        const filtered = filterProfile(p, { focus: escapeRegExp(fn), hide: 'runtime', tagignore: 'x=y' });
        checkModel(filtered);
        topTable(diffProfiles(p, filtered), { lines: true });
      }
    } catch (e) {
      if (!(e instanceof ProfileError)) assert.fail(`seed ${seed}: ${e instanceof Error ? e.stack : String(e)}`);
      assert.ok(e.message.length < 300 && !e.message.includes('\n'), `seed ${seed}: message not short: ${e.message}`);
      refused++;
    }
  }
  console.log(`fuzz: ${cases} cases, ${refused} refused`);
  assert.ok(refused > 0 && refused < cases, `${refused} of ${cases} refused: the mutations should produce both`);
});
