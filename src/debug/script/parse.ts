import type { CommandBody, ParsedScript, ScopedCommand, ScriptCommand, ScriptProblem } from './commands';
import { parseCount, parseFormatted, parseProfile, parseStackDepth, splitWord } from './arguments';
import { parseConfig } from './config';
import { BreakpointTable, parseBreak, parseBreakpointRef, parseCondition, parseOn, parseWatch } from './breakpoints';
import { fail, LineError, unsupported } from './lineError';

interface Context {
  table: BreakpointTable;
  /** Aliases the script made with `config alias COMMAND ALIAS`. */
  aliases: Map<string, string>;
  line: number;
  /** The command word as written (an alias stays an alias). */
  word: string;
}

/** Returns what to run, or nothing for lines that only change how the script is read. */
type Handler = (args: string, context: Context) => CommandBody | undefined;

const handlers = new Map<string, Handler>();

function define(aliases: string[], handler: Handler): void {
  for (const alias of aliases) {
    handlers.set(alias, handler);
  }
}

function notUnderDap(aliases: string[], why: string): void {
  define(aliases, (_args, { word }) => unsupported(`${word}: ${why}`));
}

function noArguments(body: CommandBody): Handler {
  return (args, { word }) => (args === '' ? body : fail(`${word} takes no arguments`));
}

/** `[-v] [regex]`, for locals and args. */
function parseVariableFilter(args: string): { verbose: boolean; filter?: string } {
  const [first, rest] = splitWord(args);
  const verbose = first === '-v';
  const filter = verbose ? rest : args;
  return { verbose, filter: filter === '' ? undefined : filter };
}

/** `variable = value`: the first `=` that is not part of ==, !=, <=, >= or :=, outside quotes. */
function parseSet(args: string): ScopedCommand {
  let quote = '';
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (quote !== '') {
      if (c === '\\' && quote !== '`') {
        i++;
      } else if (c === quote) {
        quote = '';
      }
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if (c === '=' && !'=!<>:'.includes(args[i - 1] ?? '') && args[i + 1] !== '=') {
      const variable = args.slice(0, i).trim();
      const value = args.slice(i + 1).trim();
      if (variable === '' || value === '') {
        break;
      }
      return { kind: 'set', variable, value };
    }
  }
  return fail('expected set <variable> = <value>');
}

/** What may follow a goroutine or frame prefix: commands that read (or set) state in that scope. */
function parseScopedCommand(word: string, args: string): ScopedCommand {
  switch (word) {
    case 'print':
    case 'p':
      return { kind: 'print', ...parseFormatted(args) };
    case 'whatis':
      return args === '' ? fail('not enough arguments: whatis <expression>') : { kind: 'whatis', expression: args };
    case 'set':
      return parseSet(args);
    case 'locals':
    case 'args':
      return { kind: word, ...parseVariableFilter(args) };
    case 'stack':
    case 'bt':
      return { kind: 'stack', depth: parseStackDepth(args) };
    default:
      return handlers.has(word)
        ? unsupported(`${word} cannot run in another goroutine or frame under DAP: use print, whatis, set, locals, args or stack`)
        : fail(`unknown command ${JSON.stringify(word)}`);
  }
}

type Scope = Extract<CommandBody, { kind: 'scope' }>;

function withCommand(scope: Scope, rest: string): Scope {
  if (rest === '') {
    return scope;
  }
  const [word, args] = splitWord(rest);
  if (scope.frame === undefined && (word === 'frame' || word === 'up' || word === 'down')) {
    return { ...parseFrame(args, word === 'frame' ? 'set' : word), goroutine: scope.goroutine };
  }
  return { ...scope, command: parseScopedCommand(word, args) };
}

/** `frame N [command]`, `up [N] [command]`, `down [N] [command]`. */
function parseFrame(args: string, move: 'set' | 'up' | 'down'): Scope {
  if (args === '') {
    return move === 'set' ? fail('not enough arguments: frame <n>') : { kind: 'scope', frame: { move, n: 1 } };
  }
  const [n, rest] = splitWord(args);
  if (!/^\d+$/.test(n)) {
    fail(`a frame number is a whole number, not ${JSON.stringify(n)}`);
  }
  return withCommand({ kind: 'scope', frame: { move, n: Number(n) } }, rest);
}

function parseDisplay(args: string): CommandBody {
  if (args === '') {
    return { kind: 'display', action: 'show' };
  }
  const [flag, rest] = splitWord(args);
  if (flag === '-a') {
    return { kind: 'display', action: 'add', ...parseFormatted(rest) };
  }
  if (flag === '-d' && /^\d+$/.test(rest)) {
    return { kind: 'display', action: 'remove', index: Number(rest) };
  }
  return fail('use display -a [%format] <expression> or display -d <number>');
}

define(['break', 'b'], (args, { table, line }) => parseBreak(table, line, args, false));
define(['trace', 't'], (args, { table, line }) => parseBreak(table, line, args, true));
define(['watch'], (args, { table, line }) => parseWatch(table, line, args));
define(['condition', 'cond'], (args, { table }) => parseCondition(table, args));
define(['on'], (args, { table }) => parseOn(table, args));
define(['clear'], (args, { table, line }) => {
  const breakpoint = parseBreakpointRef(table, args);
  table.clear(breakpoint, line);
  return { kind: 'clear', breakpoint };
});
define(['clearall'], (args, { table, line }) => {
  if (args !== '') {
    unsupported('clearall with a location: clear those breakpoints by name or id');
  }
  table.clearAll(line);
  return { kind: 'clearAll' };
});
define(['toggle'], (args, { table }) => ({ kind: 'toggle', breakpoint: parseBreakpointRef(table, args) }));
notUnderDap(['breakpoints', 'bp'], 'the Breakpoints view lists the breakpoints');

define(['continue', 'c'], (args) =>
  args === '' ? { kind: 'continue' } : unsupported(`continue ${args}: set a breakpoint there, then continue`));
define(['next', 'n'], (args) => ({ kind: 'step', step: 'over', granularity: 'line', count: args === '' ? 1 : parseCount(args, 'next count') }));
define(['step', 's'], noArguments({ kind: 'step', step: 'in', granularity: 'line', count: 1 }));
define(['stepout', 'so'], noArguments({ kind: 'step', step: 'out', granularity: 'line', count: 1 }));
define(['step-instruction', 'si', 'stepi'], noArguments({ kind: 'step', step: 'in', granularity: 'instruction', count: 1 }));
define(['next-instruction', 'ni', 'nexti'], noArguments({ kind: 'step', step: 'over', granularity: 'instruction', count: 1 }));
define(['restart', 'r'], (args) =>
  args === '' ? { kind: 'restart' } : unsupported('restart with new arguments or redirects: change the launch configuration instead'));
notUnderDap(['rebuild'], 'restart the debug session to rebuild the program');
define(['call'], (args) => {
  if (args === '-unsafe' || args.startsWith('-unsafe ')) {
    unsupported('call -unsafe: dlv dap only makes safe calls');
  }
  return args === '' ? fail('not enough arguments: call <function call expression>') : { kind: 'call', expression: args };
});

for (const word of ['print', 'p', 'whatis', 'set', 'locals', 'args']) {
  define([word], (args) => parseScopedCommand(word, args));
}
define(['display'], parseDisplay);
notUnderDap(['vars'], 'package variables show in the Variables view when the launch sets showGlobalVariables');
notUnderDap(['regs'], 'DAP has no request for registers');
// dlv dap runs these itself when the REPL evaluates `dlv <command>`.
define(['sources', 'target', 'examinemem', 'x', 'help', 'h'], (args, { word }) => ({
  kind: 'dlv',
  command: args === '' ? word : `${word} ${args}`,
}));
notUnderDap(['funcs', 'types', 'packages', 'libraries'], 'DAP has no request that lists them');
notUnderDap(['list', 'ls', 'l', 'edit', 'ed'], 'the editor shows the source');
notUnderDap(['disassemble', 'disass'], 'use the Disassembly view');

define(['goroutine', 'gr'], (args) => {
  if (args === '') {
    return { kind: 'goroutine' };
  }
  const [id, rest] = splitWord(args);
  return withCommand({ kind: 'scope', goroutine: parseCount(id, 'a goroutine id') }, rest);
});
define(['goroutines', 'grs'], (args) =>
  args === '' ? { kind: 'goroutines' } : unsupported('goroutines filters, grouping and -exec: the Call Stack view lists goroutines'));
notUnderDap(['thread', 'tr', 'threads'], 'DAP threads are goroutines: use goroutine');
define(['stack', 'bt'], (args) => ({ kind: 'stack', depth: parseStackDepth(args) }));
define(['frame'], (args) => parseFrame(args, 'set'));
define(['up'], (args) => parseFrame(args, 'up'));
define(['down'], (args) => parseFrame(args, 'down'));
notUnderDap(['deferred'], 'DAP cannot evaluate in the scope of a deferred call');

define(['source'], (args) => {
  if (args === '') {
    fail('not enough arguments: source <path>');
  }
  if (args === '-' || args.endsWith('.star')) {
    unsupported('Starlark scripts run only in the dlv terminal');
  }
  return { kind: 'source', path: args };
});
notUnderDap(['dump'], 'a core dump needs the dlv terminal');
notUnderDap(['transcript'], 'the Debug Console keeps the output');
notUnderDap(['check', 'checkpoint', 'checkpoints', 'clear-checkpoint', 'clearcheck', 'rev', 'rewind', 'rw'],
  'checkpoints and reverse execution need a recorded (rr) target and the dlv terminal');
define(['exit', 'quit', 'q'], (args, { word }) =>
  args === '' ? { kind: 'exit' } : unsupported(`${word} ${args}: stop or detach from the debug toolbar`));
define(['profile'], (args) => ({ kind: 'profile', ...parseProfile(args) }));
define(['config'], (args, { aliases }) => {
  const parsed = parseConfig(args);
  if ('kind' in parsed) {
    return parsed;
  }
  if (!handlers.has(parsed.command)) {
    fail(`config alias: unknown command ${JSON.stringify(parsed.command)}`);
  }
  aliases.set(parsed.alias, parsed.command);
  return undefined;
});

/**
 * Reads a Delve script line by line as Delve's `source` does: blank lines and lines that start
 * with # are skipped. Breakpoint numbers and names, and `config alias`es, are the reader's, so
 * one reader serves a whole session: a line can refer to breakpoints made by earlier scripts and
 * by sourced files that ran before it, as in Delve.
 */
export class ScriptReader {
  private readonly aliases = new Map<string, string>();

  constructor(private readonly table = new BreakpointTable()) {}

  /** One line (1-based `line`): a command to run, a problem, or nothing for a comment or a `config alias`. */
  read(raw: string, line: number): { command: ScriptCommand } | { problem: ScriptProblem } | undefined {
    const written = raw.trim();
    if (written === '' || written.startsWith('#')) {
      return undefined;
    }
    const [word, args] = splitWord(written);
    try {
      const handler = handlers.get(this.aliases.get(word) ?? word) ?? fail(`unknown command ${JSON.stringify(word)}`);
      const body = handler(args, { table: this.table, aliases: this.aliases, line, word });
      return body ? { command: { ...body, line, text: written } } : undefined;
    } catch (error) {
      if (!(error instanceof LineError)) {
        throw error;
      }
      return { problem: { line, text: written, severity: error.severity, message: error.message } };
    }
  }
}

export function scriptLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/** A whole script at once, into the commands a DAP session can run and the lines it cannot. */
export function parseScript(text: string): ParsedScript {
  const reader = new ScriptReader();
  const commands: ScriptCommand[] = [];
  const problems: ScriptProblem[] = [];
  scriptLines(text).forEach((raw, index) => {
    const read = reader.read(raw, index + 1);
    if (read && 'command' in read) {
      commands.push(read.command);
    } else if (read) {
      problems.push(read.problem);
    }
  });
  return { commands, problems };
}
