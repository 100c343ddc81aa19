// Runs every benchmark in out/bench one after another; each prints its own numbers.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';

const only = process.argv.slice(2);
const dir = 'out/bench';
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.bench.js')) : [];
let failed = false;
for (const file of files) {
  if (only.length && !only.some((o) => file.includes(o))) {
    continue;
  }
  console.log(`\n== ${file}`);
  const r = spawnSync(process.execPath, ['--enable-source-maps', '--expose-gc', `${dir}/${file}`], { stdio: 'inherit' });
  failed ||= r.status !== 0;
}
process.exit(failed ? 1 : 0);
