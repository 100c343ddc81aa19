// Each folder has its own tsconfig so its boundary holds by the compiler:
// src/profile sees neither DOM nor Node types, media/ sees DOM only.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const projects = ['tsconfig.json', 'src/profile/tsconfig.json', 'media/tsconfig.json', 'test/tsconfig.json'];
let failed = false;
for (const project of projects) {
  const result = spawnSync(process.execPath, [tsc, '-p', project, '--noEmit'], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
