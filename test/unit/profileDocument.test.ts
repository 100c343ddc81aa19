// The custom editor's document: every editor of one profile file shares one read and one
// decode (VS Code gives the editors of a file one document; before, each editor decoded again).
import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ProfileError } from '../../src/profile';
import { ProfileDocument } from '../../src/flameGraph/profileDocument';
import { realProfiles } from './profileFixtures';

let cpu: Uint8Array;

before(async () => {
  cpu = readFileSync((await realProfiles()).cpu);
});

/** A document over `bytes` that counts how often the file is read. */
function documentOf(bytes: Uint8Array): { document: ProfileDocument; reads: () => number } {
  let reads = 0;
  const uri = { path: '/w/cpu.pprof', toString: () => 'file:///w/cpu.pprof' } as unknown as ConstructorParameters<typeof ProfileDocument>[0];
  const document = new ProfileDocument(uri, () => {
    reads++;
    return Promise.resolve(bytes);
  });
  return { document, reads: () => reads };
}

test('two editors of one profile file, opened together or one after the other, share one decode', async () => {
  const { document, reads } = documentOf(cpu);
  const [first, second] = await Promise.all([document.profile(), document.profile()]);
  const third = await document.profile();
  assert.equal(reads(), 1);
  assert.equal(first, second, 'the same decoded profile, not a second decode');
  assert.equal(first, third);
  assert.ok(first.samples.length > 0);
});

test('a bad file is read once and every editor gets its one-line error', async () => {
  const { document, reads } = documentOf(new TextEncoder().encode('not a profile at all'));
  for (let i = 0; i < 2; i++) await assert.rejects(document.profile(), ProfileError);
  assert.equal(reads(), 1);
});

test('a document closed and opened again reads the file again', async () => {
  const { document, reads } = documentOf(cpu);
  await document.profile();
  document.dispose();
  await document.profile();
  assert.equal(reads(), 2);
});
