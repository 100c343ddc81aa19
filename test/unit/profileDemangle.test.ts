import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProfileFile } from '../../src/shared/profileFile';
import { demangle, demangleProfile, topTable } from '../../src/profile';
import { perftools } from '../../src/profile/proto/profile';
import { pprofTop, repoRoot, topAsPprof } from './profileFixtures';

// C++ and Rust names as go tool pprof shows them by default (demangled, simplified), names
// that look demangled already stripped of parameters and template arguments as pprof strips
// them, and the raw names kept for --symbolize=none. pprof itself is the oracle.

const dir = mkdtempSync(join(tmpdir(), 'demangle-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const NAMES = [
  '_ZN3foo3BarC2Ev',
  '_ZN3foo3BarD1Ev',
  '_ZNK3foo3Bar3getEv',
  '_ZNSt6vectorIiSaIiEE9push_backERKi',
  '_Z3maxIiET_S0_S0_',
  '_ZN12_GLOBAL__N_14workEv',
  '_ZN3fooplERKS_',
  '_ZZ4mainE5local',
  '_ZN3foo3barB5cxx11Ev',
  '_ZN3foo3bazEv.cold',
  '_ZNSt3mapIiiSt4lessIiESaISt4pairIKiiEEE4findERS3_',
  '_ZN4core3ptr13drop_in_place17h1234567890abcdefE',
  '_ZN5alloc3vec12Vec$LT$T$GT$4push17h0123456789abcdefE',
  '__ZN3foo3quxEv',
  'std::map<int, int>::find(int const&)',
  '<module>',
  'java.lang.Thread.<init>',
  'main.Map[go.shape.int]',
  'main.(*List[...]).Push',
  'plain_c_function',
];

function demangleProfileFile(): string {
  const strings = ['', 'samples', 'count', ...NAMES, 'x.cc'];
  const file = strings.length - 1;
  const p: perftools.profiles.IProfile = {
    sampleType: [{ type: 1, unit: 2 }],
    function: NAMES.map((_, i) => ({ id: i + 1, name: i + 3, systemName: i + 3, filename: file })),
    location: NAMES.map((_, i) => ({ id: i + 1, line: [{ functionId: i + 1, line: 10 + i }] })),
    sample: NAMES.map((_, i) => ({ locationId: [i + 1, ((i + 1) % NAMES.length) + 1], value: [i + 1] })),
    stringTable: strings,
  };
  const path = join(dir, 'mangled.pb');
  writeFileSync(path, perftools.profiles.Profile.encode(p).finish());
  return path;
}

const file = demangleProfileFile();
const cli = (...args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'out', 'cli.js'), ...args], { encoding: 'utf8', timeout: 20_000 });

test('names are demangled as go tool pprof demangles them by default, by function and by line', async () => {
  const profile = demangleProfile(readProfileFile(file));
  for (const lines of [false, true]) {
    // -symbolize=local: pprof's default demangling, without its remote symbolization.
    const expected = await pprofTop(file, 'samples', 'count', { lines, extra: ['-symbolize=local'] });
    assert.deepEqual(topAsPprof(topTable(profile, { lines })), expected, lines ? 'by line' : 'by function');
    const out = JSON.parse(cli('top', file, '--json', ...(lines ? ['--lines'] : [])).stdout) as { rows: { name: string }[] };
    assert.deepEqual(out.rows.map((r) => r.name), topTable(profile, { lines }).rows.map((r) => r.name), 'the CLI shows the same names');
  }
  const names = topTable(profile).rows.map((r) => r.name);
  for (const shown of ['foo::Bar::Bar', 'foo::Bar::~Bar', 'std::vector::push_back', 'core::ptr::drop_in_place', 'alloc::vec::Vec<T>::push', 'std::map::find', 'java.lang.Thread.<init>']) {
    assert.ok(names.includes(shown), `${shown} in ${names.join(' | ')}`);
  }
});

test('--symbolize=none keeps the names raw, as pprof -symbolize=none', async () => {
  const expected = await pprofTop(file, 'samples', 'count');
  const out = JSON.parse(cli('top', file, '--json', '--symbolize=none').stdout) as { rows: { name: string; flat: number; cum: number }[] };
  assert.deepEqual(out.rows.map((r) => ({ key: r.name, flat: r.flat, cum: r.cum })), expected.rows);
  assert.ok(out.rows.some((r) => r.name === '_ZNSt6vectorIiSaIiEE9push_backERKi'));
  const profile = demangleProfile(readProfileFile(file));
  const raw = profile.functions.systemName;
  assert.ok(raw && [...raw].some((i) => profile.strings[i] === '_ZN3foo3BarC2Ev'), 'the raw name stays in the demangled profile');
});

test('what the simplified demangler does not know stays raw (lambdas, expressions)', () => {
  assert.equal(demangle('_ZZ4mainENKUlvE_clEv'), undefined);
  assert.equal(demangle('not mangled'), undefined);
  assert.equal(demangle('_ZN3foo3barEv'), 'foo::bar');
});
