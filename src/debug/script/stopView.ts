import type { DebugProtocol } from '@vscode/debugprotocol';
import type { BreakpointTarget } from './breakpointSync';
import type { ScopedCommand, ScriptCommand, ValueFormat } from './commands';
import type { ScriptHost } from './host';
import { evaluate, formatVariables, frameAt, frameVariables, stackLines, threadNames } from './inspect';
import type { ProgramState } from './program';
import type { Here } from './targets';

export interface Selection {
  threadId?: number;
  frame: number;
}

type Scope = Extract<ScriptCommand, { kind: 'scope' }>;
type Display = Extract<ScriptCommand, { kind: 'display' }>;

/**
 * What a script reads at a stop: the goroutine and frame it selected (`goroutine N`, `frame N`,
 * `up`, `down`), its displays, and the commands that print values, as lines for the console.
 */
export class StopView {
  selected: Selection = { frame: 0 };
  private readonly displays: { expression: string; format: ValueFormat }[] = [];

  constructor(
    private readonly host: ScriptHost,
    private readonly program: ProgramState,
  ) {}

  /** Delve selects the goroutine that stopped, frame 0, at every stop. */
  reset(threadId: number | undefined): void {
    this.selected = { threadId, frame: 0 };
  }

  hasDisplays(): boolean {
    return this.displays.length > 0;
  }

  async scoped(command: ScopedCommand, selection: Selection = this.selected): Promise<string[]> {
    switch (command.kind) {
      case 'print':
        return [`${command.expression}: ${await this.value(command.expression, command.format, selection)}`];
      case 'whatis': {
        const result = await evaluate(this.host, command.expression, (await this.frame(selection)).id, false);
        return [result.type ?? 'unknown type'];
      }
      case 'set':
        await this.set(command.variable, command.value, selection);
        return [];
      case 'locals':
        return formatVariables(await frameVariables(this.host, (await this.frame(selection)).id), command.filter);
      case 'args':
        throw new Error('args: dlv dap lists the arguments together with the locals; use locals');
      case 'stack':
        return stackLines(this.host, (await this.frameThread(selection)).threadId, command.depth);
    }
  }

  /** `goroutine N` / `frame N` / `up` / `down`: with a command only for it, else from now on. */
  async scope(scope: Scope): Promise<string[]> {
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
    if (scope.command) {
      return this.scoped(scope.command, selection);
    }
    this.selected = selection;
    return [];
  }

  async goroutine(): Promise<string[]> {
    const { threadId } = await this.frameThread(this.selected);
    const thread = (await threadNames(this.host)).find((t) => t.id === threadId);
    return [thread ? thread.name : `goroutine ${threadId}`];
  }

  async goroutines(): Promise<string[]> {
    return (await threadNames(this.host)).map((t) => t.name);
  }

  async call(expression: string): Promise<string[]> {
    const result = await evaluate(this.host, `call ${expression}`, (await this.frame(this.selected)).id, false);
    return result.result ? [result.result] : [];
  }

  /** dlv dap's own commands (`dlv config ...`, `dlv sources`), in the selected frame when stopped. */
  async dlv(command: string): Promise<string[]> {
    const frameId = this.program.status === 'stopped' ? (await this.frame(this.selected)).id : undefined;
    const result = (await this.host.request('evaluate', { expression: `dlv ${command}`, frameId, context: 'repl' })) as { result?: string };
    return (result.result ?? '').split('\n').filter((l) => l !== '');
  }

  async display(command: Display): Promise<string[]> {
    if (command.action === 'add') {
      this.displays.push({ expression: command.expression, format: command.format });
      return [];
    }
    if (command.action === 'remove') {
      if (command.index >= this.displays.length) {
        throw new Error(`no display number ${command.index}`);
      }
      this.displays.splice(command.index, 1);
      return [];
    }
    return this.showDisplays();
  }

  /** Every display as Delve prints them at a stop; one that fails says why in its place. */
  async showDisplays(): Promise<string[]> {
    const lines: string[] = [];
    for (const [i, d] of this.displays.entries()) {
      const value = await this.value(d.expression, d.format, this.selected).catch((err: unknown) => `error: ${err instanceof Error ? err.message : String(err)}`);
      lines.push(`${i}: ${d.expression} = ${value}`);
    }
    return lines;
  }

  /** The selected goroutine and frame, which commands that act on a goroutine need a stop for. */
  async frameThread(selection: Selection = this.selected): Promise<{ threadId: number; frame: DebugProtocol.StackFrame }> {
    if (this.program.status !== 'stopped') {
      throw new Error(this.notStopped());
    }
    let threadId = selection.threadId ?? this.program.stop!.body.threadId;
    if (threadId === undefined) {
      threadId = (await threadNames(this.host))[0]?.id;
    }
    if (threadId === undefined) {
      throw new Error('the program has no goroutines');
    }
    return { threadId, frame: await frameAt(this.host, threadId, selection.frame) };
  }

  /** What dlv needs for a data breakpoint on `expression`, as the selected frame sees it. */
  async dataTarget(expression: string, accessType: DebugProtocol.DataBreakpointAccessType): Promise<BreakpointTarget> {
    const frame = await this.frame(this.selected);
    const info = (await this.host.request('dataBreakpointInfo', { name: expression, frameId: frame.id })) as DebugProtocol.DataBreakpointInfoResponse['body'];
    if (info.dataId === null) {
      throw new Error(`watch ${expression}: ${info.description}`);
    }
    return { kind: 'data', dataId: info.dataId, accessType };
  }

  async here(): Promise<Here> {
    const frame = await this.frame(this.selected);
    return { path: frame.source?.path, line: frame.line };
  }

  private async frame(selection: Selection): Promise<DebugProtocol.StackFrame> {
    return (await this.frameThread(selection)).frame;
  }

  private async value(expression: string, format: ValueFormat, selection: Selection): Promise<string> {
    const frame = await this.frame(selection);
    return (await evaluate(this.host, expression, frame.id, format === 'hex')).result;
  }

  private async set(variable: string, value: string, selection: Selection): Promise<void> {
    if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(variable)) {
      throw new Error(`set ${variable}: under DAP a script sets local variables and arguments by name; set fields from the Variables view`);
    }
    const frame = await this.frame(selection);
    const scopes = (await this.host.request('scopes', { frameId: frame.id })) as DebugProtocol.ScopesResponse['body'];
    const scope = scopes.scopes.find((s) => s.name.startsWith('Locals')) ?? scopes.scopes[0];
    await this.host.request('setVariable', { variablesReference: scope.variablesReference, name: variable, value });
  }

  private notStopped(): string {
    switch (this.program.status) {
      case 'notStarted':
        return 'the program has not started yet: this runs at a stop (after continue)';
      case 'ended':
        return 'the program has ended';
      default:
        return 'the program is running: this runs at a stop';
    }
  }
}
