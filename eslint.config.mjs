// The layering rules live here so they hold by tooling (ARCHITECTURE.md draws the layers;
// test/unit/layering.test.ts plants one violation per rule and expects the error):
// - only the extension layer (src/extension.ts, the feature folders, src/shared) imports `vscode`;
// - src/profile, the engine, imports no Node built-in and nothing else from src;
// - src/capture imports only src/profile; src/debug only src/capture and src/profile;
// - a feature imports src/shared, src/profile, src/capture and src/debug, never another feature;
// - src/shared imports no feature;
// - the webview (media/src) imports only types from src.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/** The feature folders of the extension layer: one per user-visible feature. */
export const FEATURES = ['annotations', 'buildErrors', 'captures', 'debugType', 'delveScript', 'flameGraph', 'goSessions', 'goroutineLeaks', 'profilepointSeries', 'testProfile', 'traces'];
const EXTENSION_LAYER = [...FEATURES, 'shared'];

const vscodePath = { name: 'vscode', message: 'Only the extension layer (src/extension.ts, the feature folders and src/shared) imports vscode.' };
const nodeBuiltins = [...new Set(builtinModules.flatMap((m) => (m.startsWith('node:') ? [m, m.slice(5)] : [m, `node:${m}`])))];

/** Import patterns that reach the src folder (or top-level file) `name` from anywhere. */
const folder = (...names) => names.flatMap((n) => [`**/${n}`, `**/${n}/**`]);

/** The rule for files that must not import `forbidden` folders; `extra` adds paths (e.g. Node built-ins). */
function restrict(forbidden, message, extra = { paths: [vscodePath] }) {
  return {
    '@typescript-eslint/no-restricted-imports': ['error', {
      paths: extra.paths,
      patterns: [...(forbidden.length ? [{ group: folder(...forbidden), message }] : []), ...(extra.patterns ?? [])],
    }],
  };
}

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'src/profile/proto/**', 'test/fixtures/**', '.cache/**', 'test-artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [vscodePath] }],
    },
  },
  {
    files: ['src/extension.ts', 'test/editor/**/*.ts', 'test/electron/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['src/profile/**/*.ts'],
    rules: restrict(
      [...EXTENSION_LAYER, 'debug', 'capture', 'extension', 'cli'],
      'src/profile is the engine: it depends on nothing else in src.',
      {
        paths: [vscodePath, ...nodeBuiltins.map((name) => ({ name, message: 'src/profile is pure: take bytes in, give a model out (no Node built-ins).' }))],
        // Some built-ins exist only with the prefix (node:test, node:sqlite) and are missing from builtinModules.
        patterns: [{ group: ['node:*'], message: 'src/profile is pure: take bytes in, give a model out (no Node built-ins).' }],
      },
    ),
  },
  {
    files: ['src/capture/**/*.ts'],
    rules: restrict([...EXTENSION_LAYER, 'debug', 'extension', 'cli'], 'src/capture depends only on src/profile.'),
  },
  {
    files: ['src/debug/**/*.ts'],
    rules: restrict([...EXTENSION_LAYER, 'extension', 'cli'], 'src/debug depends only on src/capture and src/profile.'),
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict([...FEATURES, 'extension'], 'src/shared serves the features: it imports none of them.', { paths: [] }),
  },
  ...FEATURES.map((feature) => ({
    files: [`src/${feature}/**/*.ts`],
    rules: restrict(
      [...FEATURES.filter((f) => f !== feature), 'extension'],
      `A feature does not import another feature: move what both need to src/shared (${feature}).`,
      { paths: [] },
    ),
  })),
  {
    files: ['media/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [vscodePath, ...nodeBuiltins.map((name) => ({ name, message: 'The webview runs in a browser: no Node built-ins.' }))],
        patterns: [{ group: ['node:*'], message: 'The webview runs in a browser: no Node built-ins.' }, { group: ['**/src/**', '!./**'], allowTypeImports: true, message: 'The webview imports only types from the extension side (src/); values would bundle host code into the page.' }],
      }],
    },
  },
);
