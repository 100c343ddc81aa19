import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CAPTURE_KINDS } from '../../src/capture/api';
import { formatProblem, PROFILE_KINDS, type CommandBody, type ScriptCommand } from '../../src/debug/script/commands';
import { parseLocation } from '../../src/debug/script/location';
import { parseScript } from '../../src/debug/script/parse';
import { DELVE_COMMANDS } from './delveCommands';

const corpusDir = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'delve-scripts');

/** A parsed command without where it was written. */
function bodyOf(command: ScriptCommand): CommandBody {
  const copy: Partial<ScriptCommand> = { ...command };
  delete copy.line;
  delete copy.text;
  return copy as CommandBody;
}

/** The command a one-line script becomes, without its line and text. */
function command(line: string): CommandBody {
  const { commands, problems } = parseScript(line);
  assert.deepEqual(problems, [], `${line} has problems`);
  assert.equal(commands.length, 1);
  return bodyOf(commands[0]);
}

/** The problems of a script, as `LINE severity: message`. */
function problems(script: string): string[] {
  return parseScript(script).problems.map((p) => `${p.line} ${p.severity}: ${p.message}`);
}

describe('location specs', () => {
  test('each form Delve documents', () => {
    assert.deepEqual(parseLocation('main.go:55'), { kind: 'file', file: 'main.go', line: 55 });
    assert.deepEqual(parseLocation('/home/dev/my-app/internal/api/orders.go:87'),
      { kind: 'file', file: '/home/dev/my-app/internal/api/orders.go', line: 87 });
    assert.deepEqual(parseLocation('C:\\src\\app\\main.go:7'), { kind: 'file', file: 'C:\\src\\app\\main.go', line: 7 });
    assert.deepEqual(parseLocation('main.(*Server).handle:12'), { kind: 'function', name: 'main.(*Server).handle', line: 12 });
    assert.deepEqual(parseLocation('encoding/json.Marshal'), { kind: 'function', name: 'encoding/json.Marshal' });
    assert.deepEqual(parseLocation('42'), { kind: 'line', line: 42 });
    assert.deepEqual(parseLocation('+3'), { kind: 'offset', offset: 3 });
    assert.deepEqual(parseLocation('-3'), { kind: 'offset', offset: -3 });
    assert.deepEqual(parseLocation('*0x4a5b10'), { kind: 'address', address: '0x4a5b10' });
    assert.deepEqual(parseLocation('/^main\\.handle/'), { kind: 'regex', pattern: '^main\\.handle' });
    assert.deepEqual(parseLocation(''), { kind: 'current' });
  });

  test('malformed specs say what is wrong', () => {
    assert.match(String(parseLocation('*main')), /bad address/);
    assert.match(String(parseLocation('main.go')), /needs a line/);
    assert.match(String(parseLocation('main.go:0')), /start at 1/);
    assert.match(String(parseLocation('main.go:abc')), /bad line number/);
  });
});

describe('breakpoints', () => {
  test('break and trace: name, location, condition, numbered in order', () => {
    const { commands } = parseScript([
      'break main.go:55 if i == 5',
      'b mybp main.(*Server).handle:12',
      'trace store github.com/acme/store.(*DB).Query',
      'break handler if x > 1 && name == "if it"',
      'break',
    ].join('\n'));
    assert.deepEqual(commands.map(bodyOf), [
      { kind: 'break', id: 1, name: undefined, location: { kind: 'file', file: 'main.go', line: 55 }, condition: 'i == 5', tracepoint: false },
      { kind: 'break', id: 2, name: 'mybp', location: { kind: 'function', name: 'main.(*Server).handle', line: 12 }, condition: undefined, tracepoint: false },
      { kind: 'break', id: 3, name: 'store', location: { kind: 'function', name: 'github.com/acme/store.(*DB).Query' }, condition: undefined, tracepoint: true },
      { kind: 'break', id: 4, name: undefined, location: { kind: 'function', name: 'handler' }, condition: 'x > 1 && name == "if it"', tracepoint: false },
      { kind: 'break', id: 5, name: undefined, location: { kind: 'current' }, condition: undefined, tracepoint: false },
    ]);
  });

  test('watchpoints share the numbering', () => {
    const { commands } = parseScript('break a.go:1\nwatch -rw buf[0]\ncond 2 buf[0] > 1');
    assert.deepEqual(commands[1], { kind: 'watch', id: 2, access: 'readWrite', expression: 'buf[0]', line: 2, text: 'watch -rw buf[0]' });
    assert.deepEqual(problems('watch buf[0]'), ['1 error: wrong arguments: watch -r|-w|-rw <expression>']);
  });

  test('conditions, hit counts and their operators', () => {
    const script = (line: string) => `break retry retry.go:112\n${line}`;
    const last = (line: string) => {
      const { commands, problems: found } = parseScript(script(line));
      assert.deepEqual(found, []);
      return bodyOf(commands[1]);
    };
    assert.deepEqual(last('cond retry err != nil'), { kind: 'condition', breakpoint: 1, condition: 'err != nil' });
    assert.deepEqual(last('condition 1 attempts > 2'), { kind: 'condition', breakpoint: 1, condition: 'attempts > 2' });
    assert.deepEqual(last('cond -clear retry'), { kind: 'clearCondition', breakpoint: 1 });
    for (const [written, dap] of [['>= 10', '>= 10'], ['>10', '> 10'], ['% 5', '% 5'], ['!= 3', '!= 3'], ['<= 1_000', '<= 1000'], ['7', '== 7']]) {
      assert.deepEqual(last(`cond -hitcount retry ${written}`), { kind: 'hitCondition', breakpoint: 1, hitCondition: dap });
    }
    assert.deepEqual(problems(script('cond -hitcount retry => 3')), ['2 error: bad hit condition "=> 3": use an operator (==, !=, >, >=, <, <=, %) and a number']);
    assert.deepEqual(problems(script('cond -per-g-hitcount retry % 10')),
      ['2 unsupported: per-goroutine hit counts have no DAP equivalent; -hitcount counts hits in all goroutines']);
    assert.deepEqual(problems(script('cond retry')), ['2 error: not enough arguments: the condition is missing']);
  });

  test('references to breakpoints that do not exist are errors on their line', () => {
    assert.deepEqual(problems('break a a.go:1\n\n# note\ncond b x > 1\non 7 print x\nclear a\ntoggle a\nbreak a a.go:2\nbreak a a.go:3'), [
      '4 error: no breakpoint named "b"',
      '5 error: no breakpoint with id 7',
      '7 error: breakpoint a was cleared on line 6',
      '9 error: breakpoint name "a" is already used on line 8',
    ]);
    assert.deepEqual(problems('break a.go:1\nclearall\non 1 trace'), ['3 error: breakpoint 1 was cleared on line 2']);
  });

  test('a /regex/ breakpoint cannot be set, and neither can what refers to it', () => {
    assert.deepEqual(problems('break handlers /^main\\.handle/\non handlers print r.URL\nbreak a.go:3\ncond 2 x'), [
      '1 unsupported: /^main\\.handle/: a regular expression location can be many breakpoints; DAP sets one per location',
      '2 unsupported: breakpoint handlers (line 1) is not set: /^main\\.handle/ matches any number of functions',
    ]);
  });

  test('on BP: what runs at each hit', () => {
    const on = (line: string) => {
      const { commands, problems: found } = parseScript(`break h h.go:1\n${line}`);
      assert.deepEqual(found, [], line);
      return bodyOf(commands[1]);
    };
    assert.deepEqual(on('on h print req.Header.Get("X-Id")'), { kind: 'on', breakpoint: 1, action: { kind: 'print', expression: 'req.Header.Get("X-Id")', format: undefined } });
    assert.deepEqual(on('on 1 p %x flags'), { kind: 'on', breakpoint: 1, action: { kind: 'print', expression: 'flags', format: 'hex' } });
    assert.deepEqual(on('on h trace'), { kind: 'on', breakpoint: 1, action: { kind: 'trace' } });
    assert.deepEqual(on('on h stack 8'), { kind: 'on', breakpoint: 1, action: { kind: 'stack', depth: 8 } });
    assert.deepEqual(on('on h locals'), { kind: 'on', breakpoint: 1, action: { kind: 'locals' } });
    assert.deepEqual(on('on h args -v'), { kind: 'on', breakpoint: 1, action: { kind: 'args' } });
    assert.deepEqual(on('on h goroutine'), { kind: 'on', breakpoint: 1, action: { kind: 'goroutine' } });
    assert.deepEqual(on('on h profile heap'), { kind: 'on', breakpoint: 1, action: { kind: 'profile', profileKind: 'heap' } });
    // `on BP cond ...` is `cond BP ...`.
    assert.deepEqual(on('on h cond n % 100 == 0'), { kind: 'condition', breakpoint: 1, condition: 'n % 100 == 0' });
    assert.deepEqual(on('on h cond -hitcount > 3'), { kind: 'hitCondition', breakpoint: 1, hitCondition: '> 3' });
    assert.deepEqual(problems('break h h.go:1\non h continue\non h\non h -edit\non h trace x'), [
      '2 error: continue cannot run on a breakpoint hit: use print, trace, cond, locals, args, stack, goroutine or profile',
      '3 error: not enough arguments: on <breakpoint> <command>',
      '4 unsupported: on -edit opens an editor',
      '5 error: too many arguments to trace',
    ]);
  });
});

describe('running and looking', () => {
  test('continue and the steps', () => {
    assert.deepEqual(command('continue'), { kind: 'continue' });
    assert.deepEqual(command('c'), { kind: 'continue' });
    assert.deepEqual(command('next'), { kind: 'step', step: 'over', granularity: 'line', count: 1 });
    assert.deepEqual(command('n 5'), { kind: 'step', step: 'over', granularity: 'line', count: 5 });
    assert.deepEqual(command('s'), { kind: 'step', step: 'in', granularity: 'line', count: 1 });
    assert.deepEqual(command('so'), { kind: 'step', step: 'out', granularity: 'line', count: 1 });
    assert.deepEqual(command('si'), { kind: 'step', step: 'in', granularity: 'instruction', count: 1 });
    assert.deepEqual(command('nexti'), { kind: 'step', step: 'over', granularity: 'instruction', count: 1 });
    assert.deepEqual(command('restart'), { kind: 'restart' });
    assert.deepEqual(command('exit'), { kind: 'exit' });
    assert.deepEqual(problems('continue main.main\nnext two\nstep 2'), [
      '1 unsupported: continue main.main: set a breakpoint there, then continue',
      '2 error: next count must be a positive whole number, not "two"',
      '3 error: step takes no arguments',
    ]);
  });

  test('print, set, display, whatis, call, locals and args', () => {
    assert.deepEqual(command('print resp.StatusCode != 200'), { kind: 'print', expression: 'resp.StatusCode != 200', format: undefined });
    assert.deepEqual(command('p %x flags'), { kind: 'print', expression: 'flags', format: 'hex' });
    assert.deepEqual(command('print %v err'), { kind: 'print', expression: 'err', format: undefined });
    assert.deepEqual(command('set hdr.Length = 0x40'), { kind: 'set', variable: 'hdr.Length', value: '0x40' });
    assert.deepEqual(command('set ok = a == b'), { kind: 'set', variable: 'ok', value: 'a == b' });
    assert.deepEqual(command('set m["a=b"] = 1'), { kind: 'set', variable: 'm["a=b"]', value: '1' });
    assert.deepEqual(command('display -a %x n'), { kind: 'display', action: 'add', expression: 'n', format: 'hex' });
    assert.deepEqual(command('display -d 0'), { kind: 'display', action: 'remove', index: 0 });
    assert.deepEqual(command('display'), { kind: 'display', action: 'show' });
    assert.deepEqual(command('whatis hdr'), { kind: 'whatis', expression: 'hdr' });
    assert.deepEqual(command('call main.reset(hdr, 0)'), { kind: 'call', expression: 'main.reset(hdr, 0)' });
    assert.deepEqual(command('locals -v ^err'), { kind: 'locals', verbose: true, filter: '^err' });
    assert.deepEqual(command('args'), { kind: 'args', verbose: false, filter: undefined });
    assert.deepEqual(problems('print\nprint %08.3f ratio\nset x\nset x == 1\ndisplay -x y\ncall -unsafe f()'), [
      '1 error: not enough arguments: an expression is missing',
      '2 unsupported: %08.3f: DAP prints values in hex (%x) or as they are (%v), no other format',
      '3 error: expected set <variable> = <value>',
      '4 error: expected set <variable> = <value>',
      '5 error: use display -a [%format] <expression> or display -d <number>',
      '6 unsupported: call -unsafe: dlv dap only makes safe calls',
    ]);
  });

  test('goroutine and frame prefixes, alone or chained', () => {
    assert.deepEqual(command('goroutine'), { kind: 'goroutine' });
    assert.deepEqual(command('goroutine 18'), { kind: 'scope', goroutine: 18 });
    assert.deepEqual(command('gr 18 frame 3 print len(results)'),
      { kind: 'scope', goroutine: 18, frame: { move: 'set', n: 3 }, command: { kind: 'print', expression: 'len(results)', format: undefined } });
    assert.deepEqual(command('frame 2 locals -v'), { kind: 'scope', frame: { move: 'set', n: 2 }, command: { kind: 'locals', verbose: true, filter: undefined } });
    assert.deepEqual(command('up'), { kind: 'scope', frame: { move: 'up', n: 1 } });
    assert.deepEqual(command('down 2 stack 5'), { kind: 'scope', frame: { move: 'down', n: 2 }, command: { kind: 'stack', depth: 5 } });
    assert.deepEqual(problems('frame\nup locals\ngoroutine 3 continue\nframe 1 bogus\ngoroutine x'), [
      '1 error: not enough arguments: frame <n>',
      '2 error: a frame number is a whole number, not "locals"',
      '3 unsupported: continue cannot run in another goroutine or frame under DAP: use print, whatis, set, locals, args or stack',
      '4 error: unknown command "bogus"',
      '5 error: a goroutine id must be a positive whole number, not "x"',
    ]);
  });

  test('profile KIND, our extension', () => {
    for (const kind of PROFILE_KINDS) {
      assert.deepEqual(command(`profile ${kind}`), { kind: 'profile', profileKind: kind });
    }
    assert.deepEqual(command('profile cpu 2.5'), { kind: 'profile', profileKind: 'cpu', seconds: 2.5 });
    assert.deepEqual(problems('profile\nprofile threadcreate\nprofile heap 5\nprofile cpu -1'), [
      '1 error: profile needs a kind: heap, allocs, cpu, block, mutex, goroutine',
      '2 error: unknown profile kind "threadcreate": use heap, allocs, cpu, block, mutex, goroutine',
      '3 error: profile heap takes no arguments',
      '4 error: profile cpu takes a number of seconds, not "-1"',
    ]);
  });

  test('every profile kind is one the capture side can take', () => {
    for (const kind of PROFILE_KINDS) {
      assert.ok(CAPTURE_KINDS.includes(kind), `${kind} is not a CaptureKind`);
    }
  });
});

describe('configuration, sourcing and dlv REPL commands', () => {
  test('config: terminal names become dlv dap names; terminal-only settings are reported', () => {
    assert.deepEqual(command('config substitute-path /go/src/app /home/dev/app'), { kind: 'dlv', command: 'config substitutePath /go/src/app /home/dev/app' });
    assert.deepEqual(command('config max-string-len 256'), { kind: 'dlv', command: 'config maxStringLen 256' });
    assert.deepEqual(command('config showGlobalVariables true'), { kind: 'dlv', command: 'config showGlobalVariables true' });
    assert.deepEqual(command('config -list'), { kind: 'dlv', command: 'config -list' });
    assert.deepEqual(problems('config source-list-line-count 10\nconfig -save\nconfig'), [
      '1 unsupported: config source-list-line-count only changes the dlv terminal',
      '2 unsupported: config -save writes the dlv terminal configuration file',
      '3 error: not enough arguments: config -list | config <parameter> <value>',
    ]);
  });

  test('config alias names a command for the rest of the script', () => {
    const { commands, problems: found } = parseScript('pp x\nconfig alias print pp\npp x\nconfig alias nosuch zz');
    assert.deepEqual(commands.map((c) => `${c.line} ${c.kind}`), ['3 print']);
    assert.deepEqual(found.map((p) => `${p.line} ${p.message}`), ['1 unknown command "pp"', '4 config alias: unknown command "nosuch"']);
  });

  test('source, and the commands dlv dap runs itself', () => {
    assert.deepEqual(command('source ../common/setup.dlv'), { kind: 'source', path: '../common/setup.dlv' });
    assert.deepEqual(command('x -fmt hex -count 8 -x &hdr'), { kind: 'dlv', command: 'x -fmt hex -count 8 -x &hdr' });
    assert.deepEqual(command('sources internal/api'), { kind: 'dlv', command: 'sources internal/api' });
    assert.deepEqual(problems('source\nsource helpers.star\nsource -'), [
      '1 error: not enough arguments: source <path>',
      '2 unsupported: Starlark scripts run only in the dlv terminal',
      '3 unsupported: Starlark scripts run only in the dlv terminal',
    ]);
  });
});

describe('scripts', () => {
  test('every Delve command and alias is known: it runs or is reported as unsupported, never as unknown', () => {
    for (const alias of Object.values(DELVE_COMMANDS).flat()) {
      for (const p of parseScript(alias).problems) {
        assert.doesNotMatch(p.message, /unknown command/, alias);
      }
    }
  });

  test('line numbers count blank lines, comments and CRLF endings; text is the trimmed line', () => {
    const { commands } = parseScript('# setup\r\n\r\n   break main.go:3   \r\n\tcontinue\r\nprint x');
    assert.deepEqual(commands.map((c) => [c.line, c.text]), [[3, 'break main.go:3'], [4, 'continue'], [5, 'print x']]);
  });

  test('an unknown command is an error on its line, and the lines around it still parse', () => {
    const parsed = parseScript('break a.go:1\nbreakpoint a.go:2\ncontinue');
    assert.deepEqual(parsed.commands.map((c) => c.kind), ['break', 'continue']);
    assert.deepEqual(parsed.problems, [{ line: 2, text: 'breakpoint a.go:2', severity: 'error', message: 'unknown command "breakpoint"' }]);
    assert.equal(formatProblem('debug.dlv', parsed.problems[0]), 'debug.dlv:2: unknown command "breakpoint"');
  });

  test('the breakpoints -save format reads back', () => {
    const parsed = parseScript(readFileSync(join(corpusDir, 'saved-breakpoints.dlv'), 'utf8'));
    assert.deepEqual(parsed.commands.map((c) => c.text.split(' ')[0]), ['break', 'condition', 'break', 'condition', 'trace', 'break', 'condition', 'toggle']);
    assert.deepEqual(parsed.problems.map((p) => [p.line, p.severity]), [[7, 'unsupported']]);
  });

  test('the corpus: what a DAP session runs and what it reports', () => {
    const summary = (file: string) => {
      const parsed = parseScript(readFileSync(join(corpusDir, file), 'utf8'));
      return {
        runs: parsed.commands.length,
        errors: parsed.problems.filter((p) => p.severity === 'error').map((p) => p.line),
        unsupported: parsed.problems.filter((p) => p.severity === 'unsupported').map((p) => p.line),
      };
    };
    assert.deepEqual(summary('http-handler.dlv'), { runs: 22, errors: [], unsupported: [] });
    assert.deepEqual(summary('profile-at-stops.dlv'), { runs: 16, errors: [], unsupported: [] });
    assert.deepEqual(summary('goroutine-leak.dlv'), { runs: 6, errors: [], unsupported: [4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16, 19, 20] });
    assert.deepEqual(summary('recorded-session.dlv'), { runs: 2, errors: [], unsupported: [2, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18] });
    assert.deepEqual(summary('.dlvinit'), { runs: 1, errors: [], unsupported: [3, 4, 6, 7, 8] });
  });
});
