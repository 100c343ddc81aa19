import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { BreakpointSync, BreakpointTarget } from './breakpointSync';
import type { BreakpointId, HitAction, ScopedCommand, ScriptCommand, ValueFormat } from './commands';
import { event, ScriptHost } from './host';
import { evaluate, formatVariables, frameAt, frameVariables, stackLines, threadNames } from './inspect';
import { formatLocation } from './location';
import { parseScript } from './parse';
import type { ProgramState } from './program';
import type { PlacedAction, ScriptBreakpoint, ScriptBreakpoints } from './scriptBreakpoints';
import type { Here, TargetResolver } from './targets';

/** One script file being run: its name for messages, and its breakpoint numbers -> runner keys. */
interface RunContext {
  file: string;
  ids: Map<BreakpointId, number>;
  depth: number;
}

interface Selection {
  threadId?: number;
  frame: number;
}

type Resume = 'continue' | 'next' | 'stepIn' | 'stepOut';

// Commands that only change breakpoints: dlv gets them in one request per file when the script
// next needs the program (or ends), not one request per line.
const EDITS = new Set<ScriptCommand['kind']>(['break', 'watch', 'condition', 'hitCondition', 'clearCondition', 'on', 'clear', 'clearAll', 'toggle']);
const MAX_SOURCE_DEPTH = 8;
const STEP: Record<string, Resume> = { over: 'next', in: 'stepIn', out: 'stepOut' };

export interface RunnerParts {
  host: ScriptHost;
  program: ProgramState;
  breakpoints: ScriptBreakpoints;
  sync: BreakpointSync;
  targets: TargetResolver;
}

/**
 * Runs a Delve script over DAP, one line after the other as Delve's `source` does: a line that
 * fails is reported as `FILE:LINE: message` and the next one runs. Stops the script moves on
 * from are not shown to the client; the one it ends at is.
 */
export class ScriptRunner {
  private selected: Selection = { frame: 0 };
  private readonly displays: { expression: string; format: ValueFormat }[] = [];
  private finished = false;
  private problems = 0;
  /** Lets a program that has not started run (the session forwards configurationDone). */
  private start: () => void = () => undefined;

  constructor(private readonly parts: RunnerParts) {}

  async run(text: string, file: string, start?: () => void): Promise<{ problems: number }> {
    this.start = start ?? (() => undefined);
    this.finished = false;
    this.problems = 0;
    this.selected = { threadId: this.parts.program.stop?.body.threadId, frame: 0 };
    await this.runFile(text, file, 0);
    await this.flush().catch((err: unknown) => this.report(file, 0, messageOf(err)));
    return { problems: this.problems };
  }

  /** Whether a stop outside a script has something to show first: `on` actions that stop, or displays. */
  wantsStop(stop: DebugProtocol.StoppedEvent): boolean {
    const { breakpoints } = this.parts;
    return this.displays.length > 0 || (stop.body.hitBreakpointIds ?? []).some((id) => {
      const bp = breakpoints.byDlvId(id);
      return bp !== undefined && breakpoints.stopActions(bp).length > 0;
    });
  }

  /** The `on` actions of the breakpoints a stop hit, then the displays, as Delve shows them. */
  async atStop(stop: DebugProtocol.StoppedEvent): Promise<void> {
    this.selected = { threadId: stop.body.threadId, frame: 0 };
    for (const id of stop.body.hitBreakpointIds ?? []) {
      const bp = this.parts.breakpoints.byDlvId(id);
      for (const placed of bp ? this.parts.breakpoints.stopActions(bp) : []) {
        await this.runAction(bp!, placed).catch((err: unknown) => this.report(placed.file, placed.line, messageOf(err)));
      }
    }
    for (const [i, d] of this.displays.entries()) {
      const value = await this.value(d.expression, d.format, this.selected).catch((err: unknown) => `error: ${messageOf(err)}`);
      this.print([`${i}: ${d.expression} = ${value}`]);
    }
  }

  private async runFile(text: string, file: string, depth: number): Promise<void> {
    const parsed = parseScript(text);
    for (const p of parsed.problems) {
      this.report(file, p.line, p.severity === 'unsupported' ? `${p.message} (not run: no DAP equivalent)` : p.message);
    }
    const context: RunContext = { file, ids: new Map(), depth };
    for (const command of parsed.commands) {
      if (this.finished) {
        return;
      }
      if (this.parts.program.status === 'ended') {
        this.report(file, command.line, 'the program has ended: this line and the ones after it were not run');
        this.finished = true;
        return;
      }
      try {
        if (!EDITS.has(command.kind)) {
          await this.flush();
        }
        await this.execute(command, context);
      } catch (err) {
        this.report(file, command.line, messageOf(err));
      }
    }
  }

  private async execute(command: ScriptCommand, context: RunContext): Promise<void> {
    const { breakpoints } = this.parts;
    const key = (id: BreakpointId): number => {
      const found = context.ids.get(id);
      if (found === undefined) {
        throw new Error(`breakpoint ${id} is not set`);
      }
      return found;
    };
    switch (command.kind) {
      case 'break': {
        const target = await this.parts.targets.resolve(command.location, () => this.here());
        const label = command.name ?? (formatLocation(command.location) || targetLabel(target));
        const bp = breakpoints.add({ file: context.file, line: command.line, label, target, condition: command.condition, tracepoint: command.tracepoint });
        context.ids.set(command.id, bp.key);
        return;
      }
      case 'watch':
        throw new Error('watch: a script cannot set data breakpoints yet; use Break on Value Change in the Variables view');
      case 'condition':
        return breakpoints.change(key(command.breakpoint), (bp) => (bp.condition = command.condition));
      case 'hitCondition':
        return breakpoints.change(key(command.breakpoint), (bp) => (bp.hitCondition = command.hitCondition));
      case 'clearCondition':
        return breakpoints.change(key(command.breakpoint), (bp) => (bp.condition = undefined));
      case 'on':
        return breakpoints.change(key(command.breakpoint), (bp) => bp.actions.push({ action: command.action, file: context.file, line: command.line }));
      case 'clear':
        return breakpoints.clear(key(command.breakpoint));
      case 'clearAll':
        return breakpoints.clearAll();
      case 'toggle':
        return breakpoints.change(key(command.breakpoint), (bp) => (bp.enabled = !bp.enabled));
      case 'continue':
        return this.resume('continue');
      case 'step':
        for (let i = 0; i < command.count && this.parts.program.status !== 'ended'; i++) {
          await this.resume(STEP[command.step], command.granularity);
        }
        return;
      case 'restart':
        throw new Error('restart: use Restart on the debug toolbar');
      case 'call': {
        const frame = await this.frame(this.selected);
        const result = await evaluate(this.parts.host, `call ${command.expression}`, frame.id, false);
        return this.print(result.result ? [result.result] : []);
      }
      case 'display':
        return this.display(command);
      case 'scope': {
        const selection = await this.moved(command);
        if (command.command) {
          return this.scoped(command.command, selection);
        }
        this.selected = selection;
        return;
      }
      case 'goroutine': {
        const threadId = (await this.frameThread(this.selected)).threadId;
        const thread = (await threadNames(this.parts.host)).find((t) => t.id === threadId);
        return this.print([thread ? thread.name : `goroutine ${threadId}`]);
      }
      case 'goroutines':
        return this.print((await threadNames(this.parts.host)).map((t) => t.name));
      case 'source':
        return this.source(command.path, context);
      case 'profile': {
        const { threadId } = await this.frameThread(this.selected);
        await this.parts.host.capture({ kind: command.profileKind, threadId, seconds: command.seconds });
        return;
      }
      case 'dlv': {
        const frameId = this.parts.program.status === 'stopped' ? (await this.frame(this.selected)).id : undefined;
        const result = (await this.parts.host.request('evaluate', { expression: `dlv ${command.command}`, frameId, context: 'repl' })) as { result?: string };
        return this.print((result.result ?? '').split('\n').filter((l) => l !== ''));
      }
      case 'exit':
        this.finished = true;
        this.parts.host.sendEvent(event('terminated', {}));
        return;
      default:
        return this.scoped(command, this.selected);
    }
  }

  private async scoped(command: ScopedCommand, selection: Selection): Promise<void> {
    switch (command.kind) {
      case 'print':
        return this.print([`${command.expression}: ${await this.value(command.expression, command.format, selection)}`]);
      case 'whatis': {
        const frame = await this.frame(selection);
        const result = await evaluate(this.parts.host, command.expression, frame.id, false);
        return this.print([result.type ?? 'unknown type']);
      }
      case 'set':
        return this.set(command.variable, command.value, selection);
      case 'locals':
        return this.print(formatVariables(await frameVariables(this.parts.host, (await this.frame(selection)).id), command.filter));
      case 'args':
        throw new Error('args: dlv dap lists the arguments together with the locals; use locals');
      case 'stack':
        return this.print(await stackLines(this.parts.host, (await this.frameThread(selection)).threadId, command.depth));
    }
  }

  private async runAction(bp: ScriptBreakpoint, placed: PlacedAction): Promise<void> {
    const action: HitAction = placed.action;
    switch (action.kind) {
      case 'print':
        return this.scoped({ kind: 'print', expression: action.expression, format: action.format === 'hex' ? 'hex' : undefined }, this.selected);
      case 'trace':
        return this.print([`> ${bp.label}`]);
      case 'locals':
      case 'args':
      case 'stack':
        return this.scoped(action.kind === 'stack' ? { kind: 'stack', depth: action.depth } : { kind: action.kind, verbose: false }, this.selected);
      case 'goroutine':
        return this.execute({ kind: 'goroutine', line: placed.line, text: '' }, { file: placed.file, ids: new Map(), depth: 0 });
      case 'profile': {
        const { threadId } = await this.frameThread(this.selected);
        await this.parts.host.capture({ kind: action.profileKind, threadId, seconds: action.seconds });
        return;
      }
    }
  }

  /** Runs the program until it stops again (or ends); a program the script is waiting on is just waited for. */
  private async resume(command: Resume, granularity?: 'line' | 'instruction'): Promise<void> {
    const { program, host } = this.parts;
    const next = program.next();
    if (program.status === 'notStarted') {
      program.resumed();
      this.start();
    } else if (program.status === 'stopped') {
      const stop = program.stop!;
      const shown = program.shown;
      const threadId = this.selected.threadId ?? stop.body.threadId;
      program.resumed();
      if (shown) {
        host.sendEvent(event('continued', { threadId, allThreadsContinued: true }));
      }
      try {
        await host.request(command, { threadId, ...(granularity === 'instruction' ? { granularity } : {}) });
      } catch (err) {
        program.stopped(stop, shown);
        throw err;
      }
    } else if (program.status === 'ended') {
      throw new Error('the program has ended');
    }
    await next;
    if (program.status === 'stopped') {
      await this.atStop(program.stop!);
    }
  }

  private async display(command: Extract<ScriptCommand, { kind: 'display' }>): Promise<void> {
    if (command.action === 'add') {
      this.displays.push({ expression: command.expression, format: command.format });
    } else if (command.action === 'remove') {
      if (command.index >= this.displays.length) {
        throw new Error(`no display number ${command.index}`);
      }
      this.displays.splice(command.index, 1);
    } else {
      for (const [i, d] of this.displays.entries()) {
        this.print([`${i}: ${d.expression} = ${await this.value(d.expression, d.format, this.selected)}`]);
      }
    }
  }

  private async set(variable: string, value: string, selection: Selection): Promise<void> {
    if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(variable)) {
      throw new Error(`set ${variable}: under DAP a script sets local variables and arguments by name; set fields from the Variables view`);
    }
    const frame = await this.frame(selection);
    const scopes = (await this.parts.host.request('scopes', { frameId: frame.id })) as DebugProtocol.ScopesResponse['body'];
    const scope = scopes.scopes.find((s) => s.name.startsWith('Locals')) ?? scopes.scopes[0];
    await this.parts.host.request('setVariable', { variablesReference: scope.variablesReference, name: variable, value });
  }

  private async source(path: string, context: RunContext): Promise<void> {
    if (context.depth >= MAX_SOURCE_DEPTH) {
      throw new Error(`source ${path}: scripts source each other more than ${MAX_SOURCE_DEPTH} deep`);
    }
    const full = isAbsolute(path) ? path : resolve(dirname(context.file), path);
    const text = await readFile(full, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new Error(`source ${path}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
    });
    await this.runFile(text, full, context.depth + 1);
  }

  private async value(expression: string, format: ValueFormat, selection: Selection): Promise<string> {
    const frame = await this.frame(selection);
    return (await evaluate(this.parts.host, expression, frame.id, format === 'hex')).result;
  }

  /** The selected goroutine, and frame 0 of it: commands that act on a goroutine need a stop too. */
  private async frameThread(selection: Selection): Promise<{ threadId: number; frame: DebugProtocol.StackFrame }> {
    const { program } = this.parts;
    if (program.status !== 'stopped') {
      throw new Error(this.notStoppedMessage());
    }
    let threadId = selection.threadId ?? program.stop!.body.threadId;
    if (threadId === undefined) {
      threadId = (await threadNames(this.parts.host))[0]?.id;
    }
    if (threadId === undefined) {
      throw new Error('the program has no goroutines');
    }
    return { threadId, frame: await frameAt(this.parts.host, threadId, selection.frame) };
  }

  private async frame(selection: Selection): Promise<DebugProtocol.StackFrame> {
    return (await this.frameThread(selection)).frame;
  }

  private async here(): Promise<Here> {
    const frame = await this.frame(this.selected);
    return { path: frame.source?.path, line: frame.line };
  }

  private async moved(scope: Extract<ScriptCommand, { kind: 'scope' }>): Promise<Selection> {
    const threadId = scope.goroutine ?? this.selected.threadId;
    let frame = scope.goroutine === undefined ? this.selected.frame : 0;
    if (scope.frame) {
      frame = scope.frame.move === 'set' ? scope.frame.n : scope.frame.move === 'up' ? frame + scope.frame.n : frame - scope.frame.n;
    }
    if (frame < 0) {
      throw new Error('down: already at the innermost frame');
    }
    const selection = { threadId, frame };
    await this.frame(selection);
    return selection;
  }

  private notStoppedMessage(): string {
    return this.parts.program.status === 'notStarted'
      ? 'the program has not started yet: this runs at a stop (after continue)'
      : this.parts.program.status === 'ended'
        ? 'the program has ended'
        : 'the program is running: this runs at a stop';
  }

  /** Sends the breakpoint changes to dlv; a breakpoint dlv could not set is reported at its line. */
  private async flush(): Promise<void> {
    const answers = await this.parts.sync.flush();
    for (const [key, answer] of answers) {
      const bp = this.parts.breakpoints.find(key);
      if (bp && !answer.verified) {
        this.report(bp.file, bp.line, `breakpoint ${bp.label} is not set: ${answer.message ?? 'dlv could not set it'}`);
      }
    }
  }

  private print(lines: string[]): void {
    if (lines.length) {
      this.parts.host.output(`${lines.join('\n')}\n`, 'console');
    }
  }

  private report(file: string, line: number, message: string): void {
    this.problems++;
    this.parts.host.output(`${line > 0 ? `${file}:${line}` : file}: ${message}\n`, 'stderr');
  }
}

function targetLabel(target: BreakpointTarget): string {
  return target.kind === 'function' ? target.name : `${basename(target.path)}:${target.line}`;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
