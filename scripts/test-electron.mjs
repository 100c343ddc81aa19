// `npm run test:electron`: bundles test/electron (runner and in-editor suite) and runs it in a
// desktop VS Code that @vscode/test-electron downloads. Not part of `npm test`: it needs that
// download, which the CI machines cannot reach (the editor suite uses code-server instead).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';

await esbuild.build({
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['vscode'],
  packages: 'external',
  logLevel: 'warning',
  entryPoints: { runTest: 'test/electron/runTest.ts', suite: 'test/electron/suite.ts' },
  outdir: 'out/test/electron',
});
const r = spawnSync(process.execPath, ['--enable-source-maps', 'out/test/electron/runTest.js'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
