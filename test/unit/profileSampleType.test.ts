import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readProfileFile } from '../../src/shared/profileFile';
import { ProfileError, sampleTypeIndex } from '../../src/profile';
import { realProfiles } from './profileFixtures';
import type { ProfileName } from './profileFixtures';

let files: Record<ProfileName, string>;

before(async () => {
  files = await realProfiles();
});

const typeName = (name: ProfileName, sample?: string): string => {
  const p = readProfileFile(files[name]);
  return p.sampleTypes[sampleTypeIndex(p, sample)].type;
};

test('names resolve to their sample types', () => {
  assert.equal(typeName('cpu', 'cpu'), 'cpu');
  assert.equal(typeName('cpu', 'samples'), 'samples');
  for (const t of ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']) assert.equal(typeName('heap', t), t);
  assert.equal(typeName('block', 'delay'), 'delay');
  assert.equal(typeName('mutex', 'contentions'), 'contentions');
  assert.equal(typeName('goroutine', 'goroutine'), 'goroutine');
  assert.equal(typeName('heap', '1'), 'alloc_space');
});

test('the default is pprof\'s: default_sample_type, else the last', () => {
  assert.equal(typeName('cpu'), 'cpu');
  assert.equal(typeName('heap'), 'inuse_space');
  assert.equal(typeName('allocs'), 'alloc_space');
  assert.equal(typeName('block'), 'delay');
  assert.equal(typeName('goroutine'), 'goroutine');
});

test('an unknown name is refused with the types the profile has', () => {
  const p = readProfileFile(files.block);
  assert.throws(() => sampleTypeIndex(p, 'inuse_space'), (e: unknown) => e instanceof ProfileError && /contentions, delay/.test(e.message));
  assert.throws(() => sampleTypeIndex(p, '7'), ProfileError);
});
