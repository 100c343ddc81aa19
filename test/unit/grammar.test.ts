// Tokenizes Delve scripts with vscode-textmate and vscode-oniguruma, the engine VS Code itself
// runs, and checks the scope of each construct. An expectation reads 'TEXT => SCOPE...': the next
// token whose text is exactly TEXT must carry each SCOPE (or a scope that starts with SCOPE + '.'),
// and none of those written !SCOPE. Tokens not named are not checked, but a token that a broken
// rule merges, splits or re-scopes fails the case, which prints the whole tokenized line.
import { before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type StateStack } from 'vscode-textmate';
import { DELVE_COMMANDS } from './delveCommands';

const root = join(__dirname, '..', '..', '..');
const grammarPath = join(root, 'syntaxes', 'delve.tmLanguage.json');
const corpusDir = join(root, 'test', 'fixtures', 'delve-scripts');

let grammar: IGrammar;

before(async () => {
  const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === 'source.delve' ? parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null,
  });
  const loaded = await registry.loadGrammar('source.delve');
  assert.ok(loaded, 'the grammar did not load');
  grammar = loaded;
});

interface Token {
  text: string;
  scopes: string[];
}

function tokenizeLine(line: string, state: StateStack = INITIAL): { tokens: Token[]; state: StateStack } {
  const result = grammar.tokenizeLine(line, state);
  const tokens = result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  return { tokens, state: result.ruleStack };
}

function hasScope(token: Token, scope: string): boolean {
  return token.scopes.some((s) => s === scope || s.startsWith(`${scope}.`));
}

function render(tokens: Token[]): string {
  return tokens
    .filter((t) => t.text.trim() !== '')
    .map((t) => `  ${JSON.stringify(t.text).padEnd(30)} ${t.scopes.slice(1).join(' ')}`)
    .join('\n');
}

function expectScopes(line: string, ...expectations: string[]): void {
  const { tokens } = tokenizeLine(line);
  let cursor = 0;
  for (const expectation of expectations) {
    const arrow = expectation.lastIndexOf(' => ');
    assert.ok(arrow > 0, `bad expectation ${JSON.stringify(expectation)}`);
    const text = expectation.slice(0, arrow);
    const index = tokens.findIndex((t, i) => i >= cursor && t.text.trim() === text);
    assert.ok(index >= 0, `no token ${JSON.stringify(text)} (after token ${cursor}) in ${JSON.stringify(line)}:\n${render(tokens)}`);
    const token = tokens[index];
    for (const wanted of expectation.slice(arrow + 4).split(' ')) {
      if (wanted.startsWith('!')) {
        assert.ok(!hasScope(token, wanted.slice(1)), `${JSON.stringify(text)} must not be ${wanted.slice(1)} in ${JSON.stringify(line)}:\n${render(tokens)}`);
      } else {
        assert.ok(hasScope(token, wanted), `${JSON.stringify(text)} should be ${wanted} in ${JSON.stringify(line)}:\n${render(tokens)}`);
      }
    }
    cursor = index + 1;
  }
}

describe('Delve commands', () => {
  for (const [group, aliases] of Object.entries(DELVE_COMMANDS)) {
    test(`${group} commands: ${aliases.join(', ')}`, () => {
      for (const alias of aliases) {
        expectScopes(alias, `${alias} => keyword.control.${group}.delve`);
        expectScopes(`  ${alias} `, `${alias} => keyword.control.${group}.delve`);
      }
    });
  }

  test('a word that only starts like a command is not one', () => {
    for (const word of ['breakpoint', 'prints', 'stepover', 'continues', 'bt2', 'profiles']) {
      expectScopes(`${word} main.go:3`, `${word} => variable.function.command !keyword`);
    }
  });

  test('a command word inside an argument is not a keyword', () => {
    expectScopes('print next', 'print => keyword.control.data', 'next => variable.other !keyword');
    expectScopes('cond 2 step > 1', 'step => variable.other');
  });
});

describe('comments', () => {
  test('a # at the start of a line comments the whole line', () => {
    expectScopes('# break main.go:12', '# => punctuation.definition.comment', 'break main.go:12 => comment.line.number-sign.delve');
    expectScopes('    # indented comment', '# => comment.line.number-sign', 'indented comment => comment.line.number-sign');
  });

  test('a # inside a string or after a command is not a comment (Delve only skips lines that start with #)', () => {
    expectScopes('print "a # b"', 'a # b => string.quoted.double.delve !comment');
    expectScopes('print `raw # str`', 'raw # str => string.quoted.other.raw !comment');
    expectScopes('cond 1 s == "#"', '# => string.quoted.double !comment');
  });
});

describe('breakpoints and location specs', () => {
  test('file:line with an if condition', () => {
    expectScopes('break main.go:55 if i == 5',
      'break => keyword.control.breakpoint', 'main.go => string.unquoted.file-path', ': => punctuation.separator.line',
      '55 => constant.numeric.integer.decimal', 'if => keyword.control.conditional.if', 'i => variable.other',
      '== => keyword.operator.comparison', '5 => constant.numeric.integer.decimal');
  });

  test('file paths with dashes, directories and absolute paths', () => {
    expectScopes('b cmd/my-tool/main-loop.go:42', 'cmd/my-tool/main-loop.go => string.unquoted.file-path', '42 => constant.numeric');
    expectScopes('break bp1 /home/dev/src/github.com/acme/orders-api/internal/api/orders.go:87',
      'bp1 => entity.name.label.breakpoint', '/home/dev/src/github.com/acme/orders-api/internal/api/orders.go => string.unquoted.file-path',
      '87 => constant.numeric');
    expectScopes('break C:\\src\\app\\main.go:7', 'C:\\src\\app\\main.go => string.unquoted.file-path', '7 => constant.numeric');
  });

  test('a breakpoint name before the location', () => {
    expectScopes('break mybp main.go:4', 'mybp => entity.name.label.breakpoint', 'main.go => string.unquoted.file-path');
    expectScopes('trace store github.com/acme/store.(*DB).Query', 'trace => keyword.control.breakpoint', 'store => entity.name.label.breakpoint');
    expectScopes('b 日志 main.go:4', '日志 => entity.name.label.breakpoint');
  });

  test('a lone word is a location, not a name, and if is never a name', () => {
    expectScopes('break handler', 'handler => entity.name.function !entity.name.label');
    expectScopes('break handler if x > 1', 'handler => entity.name.function', 'if => keyword.control.conditional');
    expectScopes('break 42 main.go:1', '42 => constant.numeric !entity.name.label');
  });

  test('function locations: package path, receiver, method, line inside the function', () => {
    expectScopes('b main.(*Server).handle:12',
      'main => entity.name.namespace', '. => punctuation.accessor', '( => punctuation.section.parens.begin', '* => keyword.operator.pointer',
      'Server => entity.name.type', ') => punctuation.section.parens.end', 'handle => entity.name.function', ': => punctuation.separator.line',
      '12 => constant.numeric');
    expectScopes('break github.com/acme/my-svc/internal/store.(*DB).Query',
      'github.com/acme/my-svc/internal/store => entity.name.namespace', 'DB => entity.name.type', 'Query => entity.name.function');
    expectScopes('continue encoding/json.Marshal', 'encoding/json => entity.name.namespace', 'Marshal => entity.name.function');
    expectScopes('list main.Server.Close', 'main => entity.name.namespace', 'Server => entity.name.type', 'Close => entity.name.function');
    expectScopes('b main', 'main => entity.name.function');
  });

  test('addresses, line offsets, bare lines and regular expressions', () => {
    expectScopes('break *0x4a5b10', '* => keyword.operator.address', '0x4a5b10 => constant.numeric.integer.hexadecimal');
    expectScopes('break *4873', '4873 => constant.numeric.integer.decimal');
    expectScopes('break -3', '- => keyword.operator.offset', '3 => constant.numeric');
    expectScopes('list +10', '+ => keyword.operator.offset', '10 => constant.numeric');
    expectScopes('list 40', '40 => constant.numeric.integer.decimal.line');
    expectScopes('break /^main\\.(handle|serve)$/', '/ => punctuation.definition.string.begin', '^main\\.(handle|serve)$ => string.regexp',
      '/ => punctuation.definition.string.end');
  });

  test('the if condition is a Go expression', () => {
    expectScopes('break cmd/my-tool/main.go:42 if name == "if # x" && n > -3 || !ok',
      'if => keyword.control.conditional', 'name => variable.other', 'if # x => string.quoted.double',
      '&& => keyword.operator.logical', '> => keyword.operator.comparison', '- => keyword.operator.arithmetic', '3 => constant.numeric',
      '|| => keyword.operator.logical', '! => keyword.operator.logical', 'ok => variable.other');
    expectScopes('break a.go:1 if diff=="x"', 'diff => variable.other', '== => keyword.operator.comparison');
  });

  test('watch, clear, toggle and clearall', () => {
    expectScopes('watch -rw buf[0]', '-rw => constant.other.option', 'buf => variable.other', '0 => constant.numeric');
    expectScopes('watch -w *(*uint32)(0xc000012345)', 'uint32 => support.type.builtin', '0xc000012345 => constant.numeric.integer.hexadecimal');
    expectScopes('clear 3', '3 => constant.numeric');
    expectScopes('toggle retry', 'retry => entity.name.label.breakpoint');
    expectScopes('clearall main.go:1', 'main.go => string.unquoted.file-path');
  });
});

describe('conditions and on', () => {
  test('cond with a breakpoint and an expression', () => {
    expectScopes('cond mybp req.Header.Get("X") != "" || len(items) > 0',
      'cond => keyword.control.breakpoint', 'mybp => entity.name.label.breakpoint', 'req => variable.other', 'Header => variable.other.property',
      'Get => entity.name.function', 'X => string.quoted.double', '!= => keyword.operator.comparison', 'len => support.function.builtin',
      'items => variable.other', '0 => constant.numeric');
    expectScopes('condition 2 runtime.curg.goid == 5', '2 => constant.numeric', 'runtime => variable.language', 'curg => variable.language',
      'goid => variable.other.property');
  });

  test('every hit-count operator, with and without a space, per goroutine too', () => {
    for (const op of ['>', '>=', '<', '<=', '==', '!=', '%']) {
      expectScopes(`cond -hitcount mybp ${op} 10`, '-hitcount => constant.other.option', 'mybp => entity.name.label.breakpoint',
        `${op} => keyword.operator.comparison`, '10 => constant.numeric');
      expectScopes(`condition -per-g-hitcount 2 ${op}7`, '-per-g-hitcount => constant.other.option', '2 => constant.numeric',
        `${op} => keyword.operator.comparison`, '7 => constant.numeric');
    }
    expectScopes('cond -hitcount 1 5', '1 => constant.numeric', '5 => constant.numeric');
    expectScopes('cond -clear retry', '-clear => constant.other.option', 'retry => entity.name.label.breakpoint');
  });

  test('on BP with a subcommand', () => {
    expectScopes('on mybp print x.Field[2]', 'on => keyword.control.breakpoint', 'mybp => entity.name.label.breakpoint',
      'print => keyword.control.data', 'x => variable.other', 'Field => variable.other.property', '2 => constant.numeric');
    expectScopes('on 1 trace', '1 => constant.numeric', 'trace => keyword.control.breakpoint');
    expectScopes('on errpath stack 8', 'stack => keyword.control.stack', '8 => constant.numeric');
    expectScopes('on 3 goroutine', 'goroutine => keyword.control.goroutine');
    expectScopes('on handler -edit', '-edit => constant.other.option');
  });

  test('on BP cond has no breakpoint argument of its own', () => {
    expectScopes('on 1 cond v == \'a\'', 'cond => keyword.control.breakpoint', 'v => variable.other !entity.name.label',
      'a => string.quoted.single.rune');
    expectScopes('on retry cond -hitcount >= 3', '-hitcount => constant.other.option', '>= => keyword.operator.comparison', '3 => constant.numeric');
    expectScopes('on retry cond -per-g-hitcount % 2', '% => keyword.operator.comparison', '2 => constant.numeric');
  });
});

describe('expressions', () => {
  test('numbers', () => {
    expectScopes('print 0o755 | 0b1010 &^ 0x0F + 017 + 0',
      '0o755 => constant.numeric.integer.octal', '| => keyword.operator.bitwise', '0b1010 => constant.numeric.integer.binary',
      '&^ => keyword.operator.bitwise', '0x0F => constant.numeric.integer.hexadecimal', '017 => constant.numeric.integer.octal',
      '0 => constant.numeric.integer.decimal');
    expectScopes('set ratio = 1.5e-3 * .5 + 2i + 1_000', '= => keyword.operator.assignment', '1.5e-3 => constant.numeric.float',
      '.5 => constant.numeric.float', '2i => constant.numeric', '1_000 => constant.numeric.integer.decimal');
  });

  test('strings, runes and escapes', () => {
    expectScopes('print "tab\\there" + string(buf[4:8])', 'tab => string.quoted.double', '\\t => constant.character.escape',
      'string => support.type.builtin', ': => punctuation.separator.colon');
    expectScopes('print \'\\n\' == \'x\'', '\\n => constant.character.escape', 'x => string.quoted.single.rune');
    expectScopes('print "some/package".A', 'some/package => string.quoted.double', 'A => variable.other.property');
  });

  test('print formats, special variables, type assertions and calls', () => {
    expectScopes('p %#v obj', '%#v => constant.other.placeholder', 'obj => variable.other');
    expectScopes('print %08.3f ratio', '%08.3f => constant.other.placeholder');
    expectScopes('print x % y', '% => keyword.operator.arithmetic', 'y => variable.other');
    expectScopes('print delve.bphitcount[1]', 'delve => variable.language', 'bphitcount => variable.language');
    expectScopes('print runtime.frame(1).n', 'frame => variable.language', 'n => variable.other.property');
    expectScopes('print iface.(*main.Header).Flags', 'iface => variable.other', 'Flags => variable.other.property');
    expectScopes('print nil == err && true', 'nil => constant.language', 'err => variable.other', 'true => constant.language');
    expectScopes('call -unsafe main.reset(hdr, 0)', 'call => keyword.control.run', '-unsafe => constant.other.option',
      'reset => entity.name.function', ', => punctuation.separator.comma');
    expectScopes('print *(*map[string]int)(0xc000010000)', 'map => storage.type', 'string => support.type.builtin', 'int => support.type.builtin');
    expectScopes('print a<<2 >= b>>1', '<< => keyword.operator.bitwise', '>= => keyword.operator.comparison', '>> => keyword.operator.bitwise');
  });

  test('set and display', () => {
    expectScopes('set hdr.Length = 0x40', 'set => keyword.control.data', 'Length => variable.other.property', '= => keyword.operator.assignment');
    expectScopes('display -a %d n', '-a => constant.other.option', '%d => constant.other.placeholder', 'n => variable.other');
    expectScopes('display -d 0', '-d => constant.other.option', '0 => constant.numeric');
  });
});

describe('prefixes and other commands', () => {
  test('goroutine, frame, up, down and deferred carry a command', () => {
    expectScopes('goroutine 5 frame 2 print %x val', 'goroutine => keyword.control.goroutine', '5 => constant.numeric',
      'frame => keyword.control.stack', '2 => constant.numeric', 'print => keyword.control.data', '%x => constant.other.placeholder',
      'val => variable.other');
    expectScopes('gr 18 stack 20 -offsets -defer', 'stack => keyword.control.stack', '20 => constant.numeric', '-defer => constant.other.option');
    expectScopes('up 2 locals -v', 'up => keyword.control.stack', 'locals => keyword.control.data', '-v => constant.other.option');
    expectScopes('deferred 1 args', 'deferred => keyword.control.stack', 'args => keyword.control.data');
    expectScopes('rev next', 'rev => keyword.control.run', 'next => keyword.control.run');
    expectScopes('goroutines -exec stack 5 -full', '-exec => constant.other.option', 'stack => keyword.control.stack', '-full => constant.other.option');
  });

  test('flags and their values', () => {
    expectScopes('goroutines -with userloc main.worker -group startloc', '-with => constant.other.option', 'userloc => constant.language.filter',
      '-group => constant.other.option', 'startloc => constant.language.filter');
    expectScopes('x -fmt hex -count 32 -size 1 -x &hdr', 'x => keyword.control.data', '-fmt => constant.other.option', 'hex => constant.language.format',
      '32 => constant.numeric', '-x => constant.other.option', 'hdr => variable.other');
    expectScopes('stack -mode fromg', '-mode => constant.other.option', 'fromg => constant.language.mode');
    expectScopes('disassemble -l main.parseHeader', '-l => constant.other.option', 'parseHeader => entity.name.function');
    expectScopes('r --config=prod.yaml <input.txt 2>err.log', '--config => constant.other.option', '< => keyword.operator.redirect',
      '2> => keyword.operator.redirect');
  });

  test('files, regexes, configuration and help topics', () => {
    expectScopes('source ~/scripts/set-up.dlv', 'source => keyword.control.session', '~/scripts/set-up.dlv => string.unquoted.file-path');
    expectScopes('breakpoints -save /tmp/bps.dlv', '-save => constant.other.option', '/tmp/bps.dlv => string.unquoted.file-path');
    expectScopes('transcript -t /tmp/session.log', '-t => constant.other.option', '/tmp/session.log => string.unquoted.file-path');
    expectScopes('funcs ^main\\.', '^main\\. => string.regexp');
    expectScopes('locals -v ^err', '-v => constant.other.option', '^err => string.regexp');
    expectScopes('config max-string-len 1000', 'max-string-len => variable.other.config', '1000 => constant.numeric');
    expectScopes('config show-location-expr true', 'true => constant.language');
    expectScopes('config -list', '-list => constant.other.option');
    expectScopes('help cond', 'cond => support.function.command !keyword');
    expectScopes('target follow-exec -on worker', 'follow-exec => support.function.subcommand', '-on => constant.other.option');
    expectScopes('check before-crash', 'before-crash => string.unquoted.note');
    expectScopes('next 3', '3 => constant.numeric');
  });

  test('profile KIND, our extension', () => {
    for (const kind of ['heap', 'allocs', 'cpu', 'block', 'mutex', 'goroutine']) {
      expectScopes(`profile ${kind}`, 'profile => keyword.control.profile', `${kind} => constant.language.profile-kind`);
    }
    expectScopes('profile threadcreate', 'threadcreate => invalid.illegal.profile-kind');
    expectScopes('on 2 profile heap', 'profile => keyword.control.profile', 'heap => constant.language.profile-kind');
  });
});

describe('the corpus of Delve scripts', () => {
  const files = readdirSync(corpusDir).filter((f) => f.endsWith('.dlv') || f === '.dlvinit');

  test('has scripts, and a .dlvinit', () => {
    assert.ok(files.length >= 6, `only ${files.length} scripts in ${corpusDir}`);
    assert.ok(files.includes('.dlvinit'));
  });

  for (const file of files) {
    test(file, () => {
      const lines = readFileSync(join(corpusDir, file), 'utf8').split('\n');
      let state = INITIAL;
      let commands = 0;
      lines.forEach((line, i) => {
        const where = `${file}:${i + 1} ${JSON.stringify(line)}`;
        const result = tokenizeLine(line, state);
        state = result.state;
        // Each Delve command is one line: no rule may stay open into the next one.
        assert.equal(state.depth, 1, `${where} leaves a rule open`);
        const words = result.tokens.filter((t) => t.text.trim() !== '');
        for (const t of words) {
          assert.ok(!hasScope(t, 'invalid'), `${where}: ${JSON.stringify(t.text)} is marked invalid:\n${render(result.tokens)}`);
        }
        if (words.length === 0) {
          return;
        }
        if (line.trim().startsWith('#')) {
          assert.ok(words.every((t) => hasScope(t, 'comment.line.number-sign.delve')), `${where} is not all comment`);
          return;
        }
        commands++;
        assert.ok(hasScope(words[0], 'keyword.control'), `${where}: the command is not recognised:\n${render(result.tokens)}`);
        assert.ok(words.every((t) => !hasScope(t, 'comment')), `${where} has a comment inside a command`);
      });
      assert.ok(commands > 0, `${file} has no commands`);
    });
  }
});

describe('the manifest contributes the language', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

  test('delve: *.dlv and .dlvinit, with its grammar and configuration', () => {
    const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'delve');
    assert.ok(language, 'no delve language in package.json');
    assert.deepEqual(language.extensions, ['.dlv']);
    assert.deepEqual(language.filenames, ['.dlvinit']);
    const config = JSON.parse(readFileSync(join(root, language.configuration), 'utf8'));
    assert.equal(config.comments.lineComment, '#');
    assert.ok(config.brackets.length >= 3);
    const grammarEntry = manifest.contributes.grammars.find((g: { language: string }) => g.language === 'delve');
    assert.ok(grammarEntry, 'no grammar for delve in package.json');
    const raw = JSON.parse(readFileSync(join(root, grammarEntry.path), 'utf8'));
    assert.equal(raw.scopeName, grammarEntry.scopeName);
  });
});
