// Bundles every entry point with esbuild: the extension host bundle, the standalone
// debug adapter, the CLI, the webview client and the test files.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');

function findSources(dir, suffix) {
  const found = [];
  if (!existsSync(dir)) {
    return found;
  }
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'fixtures' || name === 'node_modules') {
      continue;
    }
    if (statSync(path).isDirectory()) {
      found.push(...findSources(path, suffix));
    } else if (name.endsWith(suffix)) {
      found.push(path);
    }
  }
  return found;
}

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  external: ['vscode'],
  logLevel: 'warning',
};

await Promise.all([
  esbuild.build({ ...node, entryPoints: { extension: 'src/extension.ts', 'debug/adapter': 'src/debug/adapter.ts', cli: 'src/cli.ts' }, outdir: 'out' }),
  esbuild.build({
    bundle: true,
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    sourcemap: !production,
    minify: production,
    entryPoints: { webview: 'media/src/main.ts', speedscopeLoader: 'media/src/speedscopeLoader.ts', ledHere: 'media/src/ledHere/main.ts' },
    outdir: 'out/media',
    logLevel: 'warning',
  }),
  esbuild.build({ ...node, sourcemap: true, packages: 'external', entryPoints: [...findSources('test', '.test.ts'), ...findSources('bench', '.bench.ts')], outbase: '.', outdir: 'out' }),
]);

// "Open in speedscope" opens the speedscope app that ships inside the extension.
cpSync('node_modules/speedscope/dist/release', 'out/speedscope', { recursive: true });
