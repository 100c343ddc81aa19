import type { DebugProtocol } from '@vscode/debugprotocol';

type SourceBreakpoint = DebugProtocol.SourceBreakpoint;
type FunctionBreakpoint = DebugProtocol.FunctionBreakpoint;
type DataBreakpoint = DebugProtocol.DataBreakpoint;

/** A script breakpoint, keyed by the script runner's own number for it. */
export interface Keyed<T> {
  key: number;
  breakpoint: T;
}

/**
 * A line where a script function breakpoint was found. VS Code adds a plain breakpoint at the
 * line of every breakpoint it is told about; that one stands for the script's and is not sent
 * again (dlv refuses a second breakpoint at one address).
 */
export interface Anchor {
  key: number;
  line: number;
}

/** Where the answer to one client breakpoint comes from. */
export type ClientAnswer = { index: number } | { anchor: number };

export interface Merged<T> {
  /** What dlv gets: setBreakpoints replaces every breakpoint of the file (or every function breakpoint). */
  sent: T[];
  client: ClientAnswer[];
  /** Script key -> index in `sent`, and whether the client has the same breakpoint (no need to announce it). */
  script: Map<number, { index: number; shared: boolean }>;
}

function isPlain(bp: { condition?: string; hitCondition?: string; logMessage?: string }): boolean {
  return !bp.condition && !bp.hitCondition && !bp.logMessage;
}

/**
 * The union of the client's and the script's breakpoints. Where both have one (the same line,
 * or the same function: dlv sets one breakpoint per address), one is sent: with the script's condition, hit count and message unless
 * the user gave the client's its own.
 */
function merge<T extends SourceBreakpoint | FunctionBreakpoint | DataBreakpoint>(
  client: T[],
  script: Keyed<T>[],
  identity: (bp: T) => string,
  anchorFor: (bp: T) => number | undefined,
): Merged<T> {
  const sent: T[] = [];
  const answers: ClientAnswer[] = [];
  const fromClient = new Map<string, number>();
  for (const bp of client) {
    const anchor = isPlain(bp) ? anchorFor(bp) : undefined;
    if (anchor !== undefined) {
      answers.push({ anchor });
      continue;
    }
    answers.push({ index: sent.push(bp) - 1 });
    fromClient.set(identity(bp), sent.length - 1);
  }
  const placed = new Map<number, { index: number; shared: boolean }>();
  for (const { key, breakpoint } of script) {
    const index = fromClient.get(identity(breakpoint));
    if (index === undefined) {
      placed.set(key, { index: sent.push(breakpoint) - 1, shared: false });
      continue;
    }
    if (isPlain(sent[index])) {
      sent[index] = { ...breakpoint, ...('column' in sent[index] ? { column: (sent[index] as SourceBreakpoint).column } : {}) };
    }
    placed.set(key, { index, shared: true });
  }
  return { sent, client: answers, script: placed };
}

export function mergeSource(client: SourceBreakpoint[], script: Keyed<SourceBreakpoint>[], anchors: Anchor[]): Merged<SourceBreakpoint> {
  return merge(client, script, (bp) => String(bp.line), (bp) => anchors.find((a) => a.line === bp.line)?.key);
}

export function mergeFunctions(client: FunctionBreakpoint[], script: Keyed<FunctionBreakpoint>[]): Merged<FunctionBreakpoint> {
  return merge(client, script, (bp) => bp.name, () => undefined);
}

export function mergeData(client: DataBreakpoint[], script: Keyed<DataBreakpoint>[]): Merged<DataBreakpoint> {
  return merge(client, script, (bp) => bp.dataId, () => undefined);
}

/** The client's answer: one breakpoint per breakpoint it asked for, in its order. */
export function clientAnswer(
  merged: Merged<unknown>,
  response: DebugProtocol.Breakpoint[],
  anchored: (key: number) => DebugProtocol.Breakpoint | undefined,
): DebugProtocol.Breakpoint[] {
  return merged.client.map((answer) =>
    'index' in answer
      ? response[answer.index] ?? { verified: false, message: 'dlv did not answer for this breakpoint' }
      : anchored(answer.anchor) ?? { verified: false, message: 'the Delve script breakpoint here was cleared' });
}
