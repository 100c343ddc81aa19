import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

test('the README reference lists exactly the commands, launch attributes and settings of package.json', () => {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'readme-reference.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('the README starts with the two commands, and every image it shows exists', () => {
  const commands = /## Two commands\s+```sh\n(.*)\n(.*)\n```/.exec(readme);
  assert.ok(commands, 'a "Two commands" block');
  assert.match(commands[1], /^npm run demo\b/);
  assert.match(commands[2], /^npm test\b/);
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
  assert.ok(images.length > 0);
  for (const image of images) {
    assert.ok(existsSync(join(root, image)), `${image} is missing`);
  }
});
