// The house rule "no hand-written source file over 400 lines", checked: a file that grows
// past it is split by purpose. The generated protobuf code is not hand-written.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const LIMIT = 400;
const GENERATED = [join('src', 'profile', 'proto')];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'fixtures' || name === 'node_modules' || GENERATED.includes(relative(root, path))) return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|mts|mjs|css)$/.test(name) ? [path] : [];
  });
}

test(`no hand-written source file is over ${LIMIT} lines`, () => {
  const files = ['src', 'media', 'test', 'bench', 'scripts'].flatMap((d) => sources(join(root, d)));
  assert.ok(files.length > 150, 'the walk finds the sources');
  const long = files
    .map((f) => ({ file: relative(root, f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
    .filter((f) => f.lines > LIMIT);
  assert.deepEqual(long, []);
});
