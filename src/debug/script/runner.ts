import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { BreakpointSync, BreakpointTarget } from './breakpointSync';
import type { BreakpointId, ScriptCommand } from './commands';
import { event, ScriptHost } from './host';
import { formatLocation } from './location';
import { ScriptReader, scriptLines } from './parse';
import type { ProgramState } from './program';
import type { PlacedAction, ScriptBreakpoint, ScriptBreakpoints } from './scriptBreakpoints';
import { StopView } from './stopView';
import type { TargetResolver } from './targets';

/** One script file being run: its name for messages and `source` paths, and how deep it is sourced. */
interface RunContext {
  file: string;
  depth: number;
}

type Resume = 'continue' | 'next' | 'stepIn' | 'stepOut';

// Commands that only change breakpoints: dlv gets them in one request per file when the script
// next needs the program (or ends), not one request per line.
const EDITS = new Set<ScriptCommand['kind']>(['break', 'watch', 'condition', 'hitCondition', 'clearCondition', 'on', 'clear', 'clearAll', 'toggle']);
const MAX_SOURCE_DEPTH = 8;
// The whole of one run (sourced files included) is bounded: a script whose lines each
// `source` it again would otherwise run its lines 20^8 times before the depth limit ends it.
const MAX_LINES_RUN = 10_000;
const MAX_FILES_SOURCED = 200;

/** Ends the whole run at the line where a bound was reached; reported once, there. */
class ScriptCut extends Error {}

/** A sourced file had errors: the file that sourced it stops at that `source` line. */
class SourceFailed extends Error {}
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
 * fails is reported as `FILE:LINE: message` and the next one runs. The program moves only when
 * the script says so (continue, next, step, stepout); what it reads at a stop is the StopView's.
 */
export class ScriptRunner {
  private readonly view: StopView;
  /** Breakpoint numbers and names are the session's, as in Delve: later scripts and sourced files refer to them. */
  private readonly reader = new ScriptReader();
  private readonly ids = new Map<BreakpointId, number>();
  private finished = false;
  private problems = 0;
  /** Problems that are errors: one in a sourced file stops the file that sourced it. */
  private errors = 0;
  private linesRun = 0;
  private filesSourced = 0;
  /** Lets a program that has not started run (the session forwards configurationDone). */
  private start: () => void = () => undefined;

  constructor(private readonly parts: RunnerParts) {
    this.view = new StopView(parts.host, parts.program);
  }

  async run(text: string, file: string, start?: () => void): Promise<{ problems: number }> {
    this.start = start ?? (() => undefined);
    this.finished = false;
    this.problems = 0;
    this.linesRun = 0;
    this.filesSourced = 0;
    this.view.reset(this.parts.program.stop?.body.threadId);
    await this.runFile(text, file, 0).catch((err: unknown) => {
      if (!(err instanceof ScriptCut || err instanceof SourceFailed)) {
        throw err;
      }
    });
    await this.flush().catch((err: unknown) => this.report(file, 0, messageOf(err)));
    return { problems: this.problems };
  }

  /**
   * Whether a stop is only tracepoints with `on` actions (e.g. `trace grow count` then `on grow
   * profile heap`): a profilepoint, whose actions run and the program goes on unseen.
   */
  tracesOnly(stop: DebugProtocol.StoppedEvent): boolean {
    const hit = this.hitActions(stop);
    return hit.length > 0 && hit.every(({ bp }) => bp.tracepoint);
  }

  /** Whether a stop outside a script has something to show first: `on` actions that stop, or displays. */
  wantsStop(stop: DebugProtocol.StoppedEvent): boolean {
    return this.view.hasDisplays() || this.hitActions(stop).length > 0;
  }

  /** The `on` actions of the breakpoints a stop hit, then the displays, as Delve shows them. */
  async atStop(stop: DebugProtocol.StoppedEvent): Promise<void> {
    this.view.reset(stop.body.threadId);
    for (const { bp, placed } of this.hitActions(stop)) {
      await this.runAction(bp, placed).catch((err: unknown) => this.report(placed.file, placed.line, messageOf(err)));
    }
    this.print(await this.view.showDisplays());
  }

  private hitActions(stop: DebugProtocol.StoppedEvent): { bp: ScriptBreakpoint; placed: PlacedAction }[] {
    const { breakpoints } = this.parts;
    const hit = (stop.body.hitBreakpointIds ?? []).map((id) => breakpoints.byDlvId(id));
    // dlv does not say which data breakpoint stopped the program: with one watch, it was that one.
    if (!hit.length && stop.body.reason === 'data breakpoint') {
      hit.push(breakpoints.soleWatch());
    }
    return hit.flatMap((bp) => (bp ? breakpoints.stopActions(bp).map((placed) => ({ bp, placed })) : []));
  }

  /** Each line is read when the one before it has run, so `source`d files number breakpoints in order. */
  private async runFile(text: string, file: string, depth: number): Promise<void> {
    const context: RunContext = { file, depth };
    const errorsBefore = this.errors;
    for (const [index, raw] of scriptLines(text).entries()) {
      if (this.finished) {
        return;
      }
      const read = this.reader.read(raw, index + 1);
      if (!read) {
        continue;
      }
      this.countLine(file, index + 1);
      if ('problem' in read) {
        const p = read.problem;
        this.report(file, p.line, p.severity === 'unsupported' ? `${p.message} (not run: no DAP equivalent)` : p.message, p.severity !== 'unsupported');
        continue;
      }
      const { command } = read;
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
        if (err instanceof ScriptCut) {
          throw err;
        }
        if (err instanceof SourceFailed) {
          // Reported once, by the outermost file; the files in between stop silently.
          if (depth === 0) {
            const what = command.kind === 'source' ? `source ${command.path}` : 'a sourced file';
            this.report(file, command.line, `${what} had errors (above): the lines after this one were not run`);
          }
          throw err;
        }
        this.report(file, command.line, messageOf(err));
      }
    }
    if (depth > 0 && this.errors > errorsBefore) {
      throw new SourceFailed();
    }
  }

  /** Counts a line about to run; past the bound the whole run stops here, saying so. */
  private countLine(file: string, line: number): void {
    if (++this.linesRun > MAX_LINES_RUN) {
      this.report(file, line, `the script was stopped here: it ran ${MAX_LINES_RUN} lines (sourced files included), the most one run may`);
      throw new ScriptCut();
    }
  }

  private async execute(command: ScriptCommand, context: RunContext): Promise<void> {
    const { breakpoints, host } = this.parts;
    const key = (id: BreakpointId): number => {
      const found = this.ids.get(id);
      if (found === undefined) {
        throw new Error(`breakpoint ${id} is not set`);
      }
      return found;
    };
    switch (command.kind) {
      case 'break': {
        const target = await this.parts.targets.resolve(command.location, () => this.view.here());
        const label = command.name ?? (formatLocation(command.location) || targetLabel(target));
        const bp = breakpoints.add({ file: context.file, line: command.line, label, target, condition: command.condition, tracepoint: command.tracepoint });
        this.ids.set(command.id, bp.key);
        return;
      }
      case 'watch': {
        const target = await this.view.dataTarget(command.expression, command.access);
        const bp = breakpoints.add({ file: context.file, line: command.line, label: command.expression, target, tracepoint: false });
        this.ids.set(command.id, bp.key);
        return;
      }
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
      case 'call':
        return this.print(await this.view.call(command.expression));
      case 'display':
        return this.print(await this.view.display(command));
      case 'scope':
        return this.print(await this.view.scope(command));
      case 'goroutine':
        return this.print(await this.view.goroutine());
      case 'goroutines':
        return this.print(await this.view.goroutines());
      case 'source':
        return this.source(command.path, context, command.line);
      case 'profile':
        return this.profile(command.profileKind, command.seconds);
      case 'dlv':
        return this.print(await this.view.dlv(command.command));
      case 'exit':
        this.finished = true;
        host.sendEvent(event('terminated', {}));
        return;
      default:
        return this.print(await this.view.scoped(command));
    }
  }

  private async runAction(bp: ScriptBreakpoint, placed: PlacedAction): Promise<void> {
    const action = placed.action;
    switch (action.kind) {
      case 'print':
        return this.print(await this.view.scoped({ kind: 'print', expression: action.expression, format: action.format === 'hex' ? 'hex' : undefined }));
      case 'trace':
        return this.print([`> ${bp.label}`]);
      case 'locals':
      case 'args':
        return this.print(await this.view.scoped({ kind: action.kind, verbose: false }));
      case 'stack':
        return this.print(await this.view.scoped({ kind: 'stack', depth: action.depth }));
      case 'goroutine':
        return this.print(await this.view.goroutine());
      case 'profile':
        return this.profile(action.profileKind, action.seconds, bp.label);
    }
  }

  /** A capture at this stop, through the same path as the goProfile.capture request (it reports itself). */
  private async profile(kind: string, seconds: number | undefined, series?: string): Promise<void> {
    const { threadId } = await this.view.frameThread();
    await this.parts.host.capture({ kind, threadId, seconds, series });
  }

  /** Runs the program until it stops again (or ends); a program already running is just waited for. */
  private async resume(command: Resume, granularity?: 'line' | 'instruction'): Promise<void> {
    const { program, host } = this.parts;
    const next = program.next();
    if (program.status === 'notStarted') {
      program.resumed();
      this.start();
    } else if (program.status === 'stopped') {
      const stop = program.stop!;
      const shown = program.shown;
      const threadId = this.view.selected.threadId ?? stop.body.threadId;
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
    // Profilepoints (tracepoints with actions) the script's resume runs into are not its stop.
    while (program.status === 'stopped' && this.tracesOnly(program.stop!)) {
      const stop = program.stop!;
      await this.atStop(stop);
      const again = program.next();
      program.resumed();
      await host.request('continue', { threadId: stop.body.threadId });
      await again;
    }
    if (program.status === 'stopped') {
      await this.atStop(program.stop!);
    }
  }

  private async source(path: string, context: RunContext, line: number): Promise<void> {
    if (context.depth >= MAX_SOURCE_DEPTH) {
      throw new Error(`source ${path}: scripts source each other more than ${MAX_SOURCE_DEPTH} deep`);
    }
    if (++this.filesSourced > MAX_FILES_SOURCED) {
      this.report(context.file, line, `the script was stopped here: it sourced ${MAX_FILES_SOURCED} files, the most one run may`);
      throw new ScriptCut();
    }
    const full = isAbsolute(path) ? path : resolve(dirname(context.file), path);
    const text = await readFile(full, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new Error(`source ${path}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
    });
    await this.runFile(text, full, context.depth + 1);
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

  /** A line the script could not run; `isError` false for one it skips on purpose (no DAP equivalent). */
  private report(file: string, line: number, message: string, isError = true): void {
    this.problems++;
    if (isError) {
      this.errors++;
    }
    this.parts.host.output(`${line > 0 ? `${file}:${line}` : file}: ${message}\n`, 'stderr');
  }
}

function targetLabel(target: BreakpointTarget): string {
  switch (target.kind) {
    case 'function':
      return target.name;
    case 'source':
      return `${basename(target.path)}:${target.line}`;
    case 'data':
      return target.dataId;
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
