// The layering rules live here so they hold by tooling: only the extension layer
// (src/extension.ts, src/ext, src/views) may import `vscode`; src/profile imports
// nothing from the debugger, the capture code or Node.
import tseslint from 'typescript-eslint';

const noVscode = {
  paths: [{ name: 'vscode', message: 'Only src/extension.ts, src/ext and src/views may import vscode.' }],
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'src/profile/proto/**', 'test/fixtures/**', '.cache/**', 'test-artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', noVscode],
    },
  },
  {
    files: ['src/extension.ts', 'src/ext/**/*.ts', 'src/views/**/*.ts', 'src/traces/**/*.ts', 'test/editor/**/*.ts', 'test/electron/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/profile/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: noVscode.paths,
        patterns: [
          { group: ['node:*', 'fs', 'zlib', 'path', 'child_process', 'os'], message: 'src/profile is pure: take bytes in, give a model out.' },
          { group: ['**/debug/**', '**/capture/**', '**/views/**', '**/ext/**'], message: 'src/profile depends on nothing else in src.' },
        ],
      }],
    },
  },
  {
    files: ['src/capture/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: noVscode.paths,
        patterns: [{ group: ['**/debug/**', '**/views/**', '**/ext/**'], message: 'capture depends only on profile.' }],
      }],
    },
  },
  {
    files: ['src/debug/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: noVscode.paths,
        patterns: [{ group: ['**/views/**', '**/ext/**'], message: 'debug depends on capture and profile only.' }],
      }],
    },
  },
  {
    files: ['media/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: noVscode.paths,
        patterns: [{ group: ['**/debug/**', '**/capture/**', '**/ext/**', 'node:*'], message: 'the webview sees only profile and the message types.' }],
      }],
    },
  },
);
