// Cost of a Delve script in the editor and in the adapter: tokenizing with the Delve grammar on
// vscode-textmate (what VS Code does for every visible line after an edit) and parsing into
// commands (what a script run does once). The script is the test corpus repeated to 10,000 lines.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry } from 'vscode-textmate';
import { parseScript } from '../src/debug/script/parse';

const LINES = 10_000;
const ROUNDS = 7;
const root = join(__dirname, '..', '..');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timed(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
  const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const grammarPath = join(root, 'syntaxes', 'delve.tmLanguage.json');
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async () => parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath),
  });
  const grammar = await registry.loadGrammar('source.delve');
  if (!grammar) {
    throw new Error('the Delve grammar did not load');
  }

  const corpusDir = join(root, 'test', 'fixtures', 'delve-scripts');
  const corpus = readdirSync(corpusDir).flatMap((f) => readFileSync(join(corpusDir, f), 'utf8').split('\n'));
  const lines = Array.from({ length: LINES }, (_, i) => corpus[i % corpus.length]);
  const text = lines.join('\n');

  const tokenizeMs: number[] = [];
  const parseMs: number[] = [];
  let tokens = 0;
  let commands = 0;
  for (let round = 0; round < ROUNDS; round++) {
    tokenizeMs.push(timed(() => {
      let state = INITIAL;
      tokens = 0;
      for (const line of lines) {
        const result = grammar.tokenizeLine(line, state);
        state = result.ruleStack;
        tokens += result.tokens.length;
      }
    }));
    parseMs.push(timed(() => {
      commands = parseScript(text).commands.length;
    }));
  }
  const tokenize = median(tokenizeMs);
  const parse = median(parseMs);
  console.log(`script: ${LINES} lines, ${tokens} tokens, ${commands} runnable commands; median of ${ROUNDS} rounds`);
  console.log(`tokenize (vscode-textmate): ${tokenize.toFixed(1)} ms, ${((tokenize * 1000) / LINES).toFixed(1)} µs/line`);
  console.log(`parse (parseScript):        ${parse.toFixed(1)} ms, ${((parse * 1000) / LINES).toFixed(1)} µs/line`);
  console.log(`tokenize/parse ratio:       ${(tokenize / parse).toFixed(1)}x`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
