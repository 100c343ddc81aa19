import { PROFILE_KINDS, type ProfileKind, type ValueFormat } from './commands';
import { fail, unsupported } from './lineError';

/** Splits off the first word, as Delve does before handing the rest to a command. */
export function splitWord(text: string): [string, string] {
  const match = /^(\S*)\s*([\s\S]*)$/.exec(text.trim());
  return match ? [match[1], match[2].trim()] : ['', ''];
}

export function parseCount(text: string, what: string): number {
  if (!/^\d+$/.test(text) || Number(text) === 0) {
    fail(`${what} must be a positive whole number, not ${JSON.stringify(text)}`);
  }
  return Number(text);
}

/** `[%format] expression`, for print and display. */
export function parseFormatted(args: string): { expression: string; format: ValueFormat } {
  let expression = args;
  let format: ValueFormat;
  const formatted = /^%(\S+)\s+([\s\S]*)$/.exec(args);
  if (formatted) {
    expression = formatted[2].trim();
    const verb = formatted[1];
    if (verb === 'x' || verb === 'X' || verb === '#x') {
      format = 'hex';
    } else if (verb !== 'v' && verb !== 'd') {
      unsupported(`%${verb}: DAP prints values in hex (%x) or as they are (%v), no other format`);
    }
  }
  if (expression === '') {
    fail('not enough arguments: an expression is missing');
  }
  return { expression, format };
}

/** `KIND [seconds]`, our `profile` command. */
export function parseProfile(args: string): { profileKind: ProfileKind; seconds?: number } {
  const [kind, rest] = splitWord(args);
  if (kind === '') {
    fail(`profile needs a kind: ${PROFILE_KINDS.join(', ')}`);
  }
  const profileKind = PROFILE_KINDS.find((k) => k === kind);
  if (!profileKind) {
    fail(`unknown profile kind ${JSON.stringify(kind)}: use ${PROFILE_KINDS.join(', ')}`);
  }
  if (rest === '') {
    return { profileKind };
  }
  if (profileKind !== 'cpu') {
    fail(`profile ${profileKind} takes no arguments`);
  }
  const seconds = Number(rest);
  if (!/^\d+(?:\.\d+)?$/.test(rest) || seconds <= 0) {
    fail(`profile cpu takes a number of seconds, not ${JSON.stringify(rest)}`);
  }
  return { profileKind, seconds };
}

/** `[depth]`, for stack; Delve's other stack flags have no DAP counterpart. */
export function parseStackDepth(args: string): number | undefined {
  if (args === '') {
    return undefined;
  }
  const [depth, rest] = splitWord(args);
  if (depth.startsWith('-') || rest.startsWith('-')) {
    unsupported(`stack ${args}: DAP stack frames take no flags (-full, -offsets, -defer, -a, -adepth, -mode)`);
  }
  if (rest !== '') {
    fail(`too many arguments to stack: ${args}`);
  }
  return parseCount(depth, 'stack depth');
}
