import { before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readProfileFile, readTopTable } from '../../src/shared/profileFile';
import { topTable } from '../../src/profile';
import { corpusFiles, manifest } from './corpusFiles';
import type { CorpusFile } from './corpusFiles';
import { inBatches, pprofTop, topAsPprof } from './profileFixtures';

// Profiles we did not write (pprof's and Go's test data, Datadog's profiler, C++ profilers,
// the Go compiler's default.pgo of six Go releases), each compared with go tool pprof for every
// sample type, by function and by line.

let corpus: { profiles: CorpusFile[]; refusals: CorpusFile[] } | string;

before(async () => {
  corpus = await corpusFiles();
});

test('the corpus holds at least 40 distinct foreign profiles, each with its source named', () => {
  const distinct = new Set(manifest.profiles.map((p) => p.sha256));
  assert.equal(distinct.size, manifest.profiles.length, 'no profile is counted twice');
  assert.ok(distinct.size >= 40, `${distinct.size} profiles`);
  for (const p of manifest.profiles) assert.ok(p.source === 'GOROOT' || manifest.modules.includes(p.source), `${p.path}: ${p.source} is a pinned module`);
});

for (const entry of manifest.profiles) {
  test(`${entry.source.split('@')[0]} ${entry.path} (${entry.producer}): top equals pprof's`, async (t) => {
    if (typeof corpus === 'string') return t.skip(corpus);
    const file = corpus.profiles.find((p) => p.path === entry.path && p.source === entry.source)?.file as string;
    const profile = readProfileFile(file);
    const cases = profile.sampleTypes.flatMap((s) => [false, true].map((lines) => ({ ...s, lines })));
    await inBatches(cases, 2, async (c) => {
      const expected = await pprofTop(file, c.type, c.unit, { lines: c.lines });
      const table = topTable(profile, { sampleType: c.type, lines: c.lines });
      assert.deepEqual(topAsPprof(table), expected, `${entry.path} ${c.type}${c.lines ? ' -lines' : ''}`);
      assert.deepEqual(readTopTable(file, { sampleType: c.type, lines: c.lines }), table, `${entry.path} ${c.type}: the CLI's read-time aggregation`);
    });
  });
}

test('legacy Java formats are refused with one line naming the format', async (t) => {
  if (typeof corpus === 'string') return t.skip(corpus);
  for (const r of corpus.refusals) {
    assert.throws(() => readProfileFile(r.file), (e: Error) => /Java .*legacy/.test(e.message) && !e.message.includes('\n'), r.path);
  }
});
