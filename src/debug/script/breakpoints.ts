import type { BreakpointId, CommandBody, HitAction } from './commands';
import { parseFormatted, parseProfile, parseStackDepth, splitWord } from './arguments';
import { fail, unsupported } from './lineError';
import { formatLocation, parseLocation } from './location';

interface Entry {
  line: number;
  name?: string;
  /** Set when the breakpoint could not be set under DAP: later commands on it cannot run either. */
  unavailable?: string;
  clearedAt?: number;
}

/**
 * The breakpoints a script creates, numbered as Delve numbers them in a fresh session (1, 2, ...
 * for break, trace and watch alike), so `cond 2 ...` and `on name ...` find the right one.
 */
export class BreakpointTable {
  private readonly entries: Entry[] = [];

  create(line: number, name?: string, unavailable?: string): BreakpointId {
    if (name !== undefined) {
      const other = this.entries.find((e) => e.name === name && e.clearedAt === undefined);
      if (other) {
        fail(`breakpoint name ${JSON.stringify(name)} is already used on line ${other.line}`);
      }
    }
    this.entries.push({ line, name, unavailable });
    return this.entries.length;
  }

  /** Finds a breakpoint by id or name, as Delve's getBreakpointByIDOrName does. */
  resolve(ref: string): BreakpointId {
    if (ref === '') {
      fail('not enough arguments: a breakpoint name or id is missing');
    }
    const id = /^\d+$/.test(ref) ? Number(ref) : this.byName(ref);
    const entry = this.entries[id - 1];
    if (!entry) {
      fail(/^\d+$/.test(ref) ? `no breakpoint with id ${ref}` : `no breakpoint named ${JSON.stringify(ref)}`);
    }
    if (entry.clearedAt !== undefined) {
      fail(`breakpoint ${ref} was cleared on line ${entry.clearedAt}`);
    }
    if (entry.unavailable) {
      unsupported(`breakpoint ${ref} (line ${entry.line}) is not set: ${entry.unavailable}`);
    }
    return id;
  }

  /** The live breakpoint with this name, else the last one cleared (for a clear message), else 0. */
  private byName(name: string): BreakpointId {
    const live = this.entries.findIndex((e) => e.name === name && e.clearedAt === undefined);
    return live >= 0 ? live + 1 : this.entries.map((e) => e.name).lastIndexOf(name) + 1;
  }

  clear(id: BreakpointId, line: number): void {
    this.entries[id - 1].clearedAt = line;
  }

  clearAll(line: number): void {
    for (const entry of this.entries) {
      entry.clearedAt ??= line;
    }
  }
}

/** Delve's rule: a name is letters and digits and is not a number. */
function isBreakpointName(word: string): boolean {
  return /^[\p{L}\p{N}]+$/u.test(word) && !/^\d+$/.test(word);
}

/** `break [name] [locspec] [if condition]`, and `trace` with the same arguments. */
export function parseBreak(table: BreakpointTable, line: number, args: string, tracepoint: boolean): CommandBody {
  let spec = args;
  let condition: string | undefined;
  const ifAt = /^if\s|\sif\s/.exec(args);
  if (ifAt) {
    condition = args.slice(ifAt.index + ifAt[0].length).trim();
    spec = args.slice(0, ifAt.index).trim();
  } else if (/(?:^|\s)if$/.test(args)) {
    fail('a condition is missing after if');
  }
  if (condition === '') {
    fail('a condition is missing after if');
  }
  let name: string | undefined;
  const [first, rest] = splitWord(spec);
  if (rest !== '' && isBreakpointName(first)) {
    name = first;
    spec = rest;
  }
  const location = parseLocation(spec);
  if (typeof location === 'string') {
    fail(location);
  }
  if (location.kind === 'regex') {
    table.create(line, name, `${formatLocation(location)} matches any number of functions`);
    unsupported(`${formatLocation(location)}: a regular expression location can be many breakpoints; DAP sets one per location`);
  }
  const id = table.create(line, name);
  return { kind: 'break', id, name, location, condition, tracepoint };
}

/** `watch -r|-w|-rw expression`: DAP data breakpoints. */
export function parseWatch(table: BreakpointTable, line: number, args: string): CommandBody {
  const [flag, expression] = splitWord(args);
  const access = ({ '-r': 'read', '-w': 'write', '-rw': 'readWrite' } as const)[flag];
  if (!access || expression === '') {
    fail('wrong arguments: watch -r|-w|-rw <expression>');
  }
  return { kind: 'watch', id: table.create(line), access, expression };
}

// What Delve accepts as a hit condition (pkg/proc: an operator, an optional space, a number).
const HIT_CONDITION = /^(==|!=|>=|<=|>|<|%)?\s?(\d[\d_]*)$/;

/**
 * `condition BP expr`, `condition -hitcount BP OP N`, `condition -per-g-hitcount BP OP N`,
 * `condition -clear BP`. After `on BP` the breakpoint is given and the arguments lack it.
 */
export function parseCondition(table: BreakpointTable, args: string, onBreakpoint?: BreakpointId): CommandBody {
  const [first, rest] = splitWord(args);
  if (first === '-hitcount' || first === '-per-g-hitcount') {
    const [ref, hit] = onBreakpoint === undefined ? splitWord(rest) : ['', rest];
    const breakpoint = onBreakpoint ?? table.resolve(ref);
    const match = HIT_CONDITION.exec(hit);
    if (!match) {
      fail(`bad hit condition ${JSON.stringify(hit)}: use an operator (==, !=, >, >=, <, <=, %) and a number`);
    }
    if (first === '-per-g-hitcount') {
      unsupported('per-goroutine hit counts have no DAP equivalent; -hitcount counts hits in all goroutines');
    }
    return { kind: 'hitCondition', breakpoint, hitCondition: `${match[1] ?? '=='} ${match[2].replace(/_/g, '')}` };
  }
  if (first === '-clear') {
    return { kind: 'clearCondition', breakpoint: onBreakpoint ?? table.resolve(rest) };
  }
  if (onBreakpoint !== undefined) {
    if (args === '') {
      fail('not enough arguments: the condition is missing');
    }
    return { kind: 'condition', breakpoint: onBreakpoint, condition: args };
  }
  const breakpoint = table.resolve(first);
  if (rest === '') {
    fail('not enough arguments: the condition is missing');
  }
  return { kind: 'condition', breakpoint, condition: rest };
}

/** `on BP command`: print, trace, cond, locals, args, stack, goroutine, and our profile. */
export function parseOn(table: BreakpointTable, args: string): CommandBody {
  const [ref, command] = splitWord(args);
  const breakpoint = table.resolve(ref);
  if (command === '') {
    fail('not enough arguments: on <breakpoint> <command>');
  }
  if (command === '-edit') {
    unsupported('on -edit opens an editor');
  }
  const [word, rest] = splitWord(command);
  const action = (a: HitAction): CommandBody => ({ kind: 'on', breakpoint, action: a });
  const noArguments = (): void => {
    if (rest !== '') {
      fail(`too many arguments to ${word}`);
    }
  };
  switch (word) {
    case 'print':
    case 'p':
      return action({ kind: 'print', ...parseFormatted(rest) });
    case 'trace':
    case 't':
      noArguments();
      return action({ kind: 'trace' });
    case 'condition':
    case 'cond':
      return parseCondition(table, rest, breakpoint);
    case 'locals':
    case 'args':
      if (rest !== '' && rest !== '-v') {
        fail(`too many arguments to ${word}`);
      }
      return action({ kind: word });
    case 'stack':
    case 'bt':
      return action({ kind: 'stack', depth: parseStackDepth(rest) });
    case 'goroutine':
    case 'gr':
      noArguments();
      return action({ kind: 'goroutine' });
    case 'profile':
      return action({ kind: 'profile', ...parseProfile(rest) });
    default:
      return fail(`${word} cannot run on a breakpoint hit: use print, trace, cond, locals, args, stack, goroutine or profile`);
  }
}

/** `clear BP`, `toggle BP`. */
export function parseBreakpointRef(table: BreakpointTable, args: string): BreakpointId {
  const [ref, rest] = splitWord(args);
  if (rest !== '') {
    fail(`too many arguments: ${args}`);
  }
  return table.resolve(ref);
}
