import type { DebugProtocol } from '@vscode/debugprotocol';
import { Anchor, clientAnswer, Keyed, Merged, mergeData, mergeFunctions, mergeSource } from './breakpointMerge';
import { event, ScriptHost } from './host';

type SourceBreakpoint = DebugProtocol.SourceBreakpoint;
type FunctionBreakpoint = DebugProtocol.FunctionBreakpoint;
type DataBreakpoint = DebugProtocol.DataBreakpoint;

export type BreakpointTarget =
  | { kind: 'source'; path: string; line: number }
  | { kind: 'function'; name: string }
  /** A `watch`: dlv's dataId for the expression, from dataBreakpointInfo at a stop. */
  | { kind: 'data'; dataId: string; accessType: DebugProtocol.DataBreakpointAccessType };

/** A breakpoint the script wants dlv to have, keyed by the runner. */
export interface ScriptBreakpointSpec {
  key: number;
  target: BreakpointTarget;
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
}

const FUNCTIONS = '\0functions';
const DATA = '\0data';
// A function logpoint takes two rounds: dlv finds the function, then a source logpoint goes on its line.
const MAX_ROUNDS = 3;

/**
 * Keeps the script's breakpoints next to the client's. setBreakpoints replaces every breakpoint
 * of a file (setFunctionBreakpoints every function breakpoint, setDataBreakpoints every data
 * breakpoint), so dlv always gets the union and each side is answered with its own; the
 * script's are announced to the client as new.
 */
export class BreakpointSync {
  private readonly clientSources = new Map<string, SourceBreakpoint[]>();
  private clientFunctions: FunctionBreakpoint[] = [];
  private clientData: DataBreakpoint[] = [];
  private readonly specs = new Map<number, ScriptBreakpointSpec>();
  /** dlv's breakpoint for each script key, as last set. */
  private readonly answers = new Map<number, DebugProtocol.Breakpoint>();
  private readonly announced = new Map<number, number>();
  /** Files (and FUNCTIONS, DATA) the script has had breakpoints in: the client's requests for them are merged. */
  private readonly touched = new Set<string>();
  private readonly dirty = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly host: ScriptHost) {}

  /** Whether a client setBreakpoints / setFunctionBreakpoints must be merged rather than passed on. */
  merges(request: DebugProtocol.Request): boolean {
    if (request.command === 'setFunctionBreakpoints') {
      this.clientFunctions = (request.arguments as DebugProtocol.SetFunctionBreakpointsArguments).breakpoints;
      return this.touched.has(FUNCTIONS);
    }
    if (request.command === 'setDataBreakpoints') {
      this.clientData = (request.arguments as DebugProtocol.SetDataBreakpointsArguments).breakpoints;
      return this.touched.has(DATA);
    }
    const args = request.arguments as DebugProtocol.SetBreakpointsArguments;
    const path = args.source.path;
    if (path === undefined) {
      return false;
    }
    this.clientSources.set(path, args.breakpoints ?? []);
    return this.touched.has(path) || this.anchors(path).length > 0;
  }

  /** Sends the client's request merged with the script's; resolves with the client's answer. */
  answerClient(request: DebugProtocol.Request): Promise<{ breakpoints: DebugProtocol.Breakpoint[] }> {
    const group =
      request.command === 'setFunctionBreakpoints' ? FUNCTIONS : request.command === 'setDataBreakpoints' ? DATA : (request.arguments as DebugProtocol.SetBreakpointsArguments).source.path!;
    return this.serial(async () => {
      const { merged, response } = await this.send(group);
      return { breakpoints: clientAnswer(merged, response, (key) => this.answers.get(key)) };
    });
  }

  put(spec: ScriptBreakpointSpec): void {
    const old = this.specs.get(spec.key);
    if (old) {
      this.dirty.add(groupOf(old.target));
    }
    this.specs.set(spec.key, spec);
    this.touched.add(groupOf(spec.target));
    this.dirty.add(groupOf(spec.target));
  }

  remove(key: number): void {
    const spec = this.specs.get(key);
    if (spec) {
      this.specs.delete(key);
      this.dirty.add(groupOf(spec.target));
    }
  }

  /** The script key of a dlv breakpoint id. */
  keyOf(dlvId: number): number | undefined {
    for (const [key, bp] of this.answers) {
      if (bp.id === dlvId && this.specs.has(key)) {
        return key;
      }
    }
    return undefined;
  }

  /**
   * Sends every changed file, and the function and data breakpoints if they changed, to dlv;
   * tells the client; resolves with dlv's answer for each script breakpoint that was (re)sent.
   */
  flush(): Promise<Map<number, DebugProtocol.Breakpoint>> {
    return this.serial(async () => {
      const results = new Map<number, DebugProtocol.Breakpoint>();
      for (let round = 0; round < MAX_ROUNDS && this.dirty.size; round++) {
        // Functions first: a function logpoint becomes a source logpoint once dlv has found it.
        const groups = [...this.dirty].sort((a, b) => Number(b === FUNCTIONS) - Number(a === FUNCTIONS));
        this.dirty.clear();
        for (const group of groups) {
          const { merged } = await this.send(group);
          for (const key of merged.script.keys()) {
            results.set(key, this.answers.get(key)!);
          }
        }
      }
      for (const key of results.keys()) {
        if (!this.specs.has(key)) {
          results.delete(key);
        }
      }
      this.announceRemoved();
      return results;
    });
  }

  private async send(group: string): Promise<{ merged: Merged<SourceBreakpoint | FunctionBreakpoint | DataBreakpoint>; response: DebugProtocol.Breakpoint[] }> {
    const mine = [...this.specs.values()].filter((s) => groupOf(s.target) === group);
    let merged: Merged<SourceBreakpoint | FunctionBreakpoint | DataBreakpoint>;
    let body: unknown;
    if (group === DATA) {
      const script = mine.map((s) => {
        const { dataId, accessType } = s.target as { dataId: string; accessType: DebugProtocol.DataBreakpointAccessType };
        return keyed(s, { dataId, accessType, condition: s.condition, hitCondition: s.hitCondition });
      });
      merged = mergeData(this.clientData, script);
      body = await this.host.request('setDataBreakpoints', { breakpoints: merged.sent });
    } else if (group === FUNCTIONS) {
      const script = mine.map((s) => keyed(s, { name: (s.target as { name: string }).name, condition: s.condition, hitCondition: s.hitCondition }));
      merged = mergeFunctions(this.clientFunctions, script);
      body = await this.host.request('setFunctionBreakpoints', { breakpoints: merged.sent });
    } else {
      const script = mine.map((s) =>
        keyed(s, { line: (s.target as { line: number }).line, condition: s.condition, hitCondition: s.hitCondition, logMessage: s.logMessage }));
      merged = mergeSource(this.clientSources.get(group) ?? [], script, this.anchors(group));
      body = await this.host.request('setBreakpoints', { source: { path: group }, breakpoints: merged.sent });
    }
    const response = (body as { breakpoints?: DebugProtocol.Breakpoint[] } | undefined)?.breakpoints ?? [];
    for (const [key, { index, shared }] of merged.script) {
      const answer = response[index] ?? { verified: false, message: 'dlv did not answer for this breakpoint' };
      this.answers.set(key, answer);
      if (!this.resolveFunctionLogpoint(key, answer)) {
        this.announce(key, answer, shared);
      }
    }
    return { merged, response };
  }

  /** A function breakpoint with a log message: dlv has none for functions, so it goes on the function's line. */
  private resolveFunctionLogpoint(key: number, answer: DebugProtocol.Breakpoint): boolean {
    const spec = this.specs.get(key)!;
    if (spec.target.kind !== 'function' || !spec.logMessage || !answer.verified || !answer.source?.path || !answer.line) {
      return false;
    }
    this.put({ ...spec, target: { kind: 'source', path: answer.source.path, line: answer.line } });
    return true;
  }

  private announce(key: number, answer: DebugProtocol.Breakpoint, shared: boolean): void {
    const before = this.announced.get(key);
    if (before !== undefined && before !== answer.id) {
      this.host.sendEvent(event('breakpoint', { reason: 'removed', breakpoint: { id: before, verified: false } }));
      this.announced.delete(key);
    }
    if (shared || answer.id === undefined || this.announced.has(key)) {
      return;
    }
    this.announced.set(key, answer.id);
    this.host.sendEvent(event('breakpoint', { reason: 'new', breakpoint: answer }));
  }

  private announceRemoved(): void {
    for (const [key, id] of this.announced) {
      if (!this.specs.has(key)) {
        this.announced.delete(key);
        this.answers.delete(key);
        this.host.sendEvent(event('breakpoint', { reason: 'removed', breakpoint: { id, verified: false } }));
      }
    }
  }

  /** Lines of this file where dlv put a script function breakpoint. */
  private anchors(path: string): Anchor[] {
    const anchors: Anchor[] = [];
    for (const [key, spec] of this.specs) {
      const answer = this.answers.get(key);
      if (spec.target.kind === 'function' && answer?.source?.path === path && answer.line) {
        anchors.push({ key, line: answer.line });
      }
    }
    return anchors;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function groupOf(target: BreakpointTarget): string {
  return target.kind === 'function' ? FUNCTIONS : target.kind === 'data' ? DATA : target.path;
}

function keyed<T>(spec: ScriptBreakpointSpec, breakpoint: T): Keyed<T> {
  return { key: spec.key, breakpoint: JSON.parse(JSON.stringify(breakpoint)) as T };
}
