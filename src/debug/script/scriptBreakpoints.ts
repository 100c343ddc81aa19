import type { BreakpointSync, BreakpointTarget } from './breakpointSync';
import type { HitAction } from './commands';
import { isLogpoint, logMessage } from './logMessage';

/** An `on` action, with the script line that asked for it (for errors at a hit). */
export interface PlacedAction {
  action: HitAction;
  file: string;
  line: number;
}

export interface ScriptBreakpoint {
  key: number;
  /** The script line that created it. */
  file: string;
  line: number;
  /** The name, or the location as written: a trace shows it. */
  label: string;
  target: BreakpointTarget;
  condition?: string;
  hitCondition?: string;
  tracepoint: boolean;
  actions: PlacedAction[];
  enabled: boolean;
}

/** The breakpoints scripts made in this session; every change reaches dlv through the sync. */
export class ScriptBreakpoints {
  private readonly all = new Map<number, ScriptBreakpoint>();
  private nextKey = 1;

  constructor(private readonly sync: BreakpointSync) {}

  add(fields: Omit<ScriptBreakpoint, 'key' | 'actions' | 'enabled'>): ScriptBreakpoint {
    const bp: ScriptBreakpoint = { ...fields, key: this.nextKey++, actions: [], enabled: true };
    this.all.set(bp.key, bp);
    this.push(bp);
    return bp;
  }

  get(key: number): ScriptBreakpoint {
    const bp = this.all.get(key);
    if (!bp) {
      throw new Error('the breakpoint was cleared');
    }
    return bp;
  }

  find(key: number): ScriptBreakpoint | undefined {
    return this.all.get(key);
  }

  change(key: number, edit: (bp: ScriptBreakpoint) => void): void {
    const bp = this.get(key);
    edit(bp);
    this.push(bp);
  }

  clear(key: number): void {
    this.all.delete(key);
    this.sync.remove(key);
  }

  clearAll(): void {
    [...this.all.keys()].forEach((key) => this.clear(key));
  }

  /** The script breakpoint behind a dlv breakpoint id, if any. */
  byDlvId(id: number): ScriptBreakpoint | undefined {
    const key = this.sync.keyOf(id);
    return key === undefined ? undefined : this.all.get(key);
  }

  /** The script's data breakpoint, when it has exactly one set. */
  soleWatch(): ScriptBreakpoint | undefined {
    const watches = [...this.all.values()].filter((bp) => bp.enabled && bp.target.kind === 'data');
    return watches.length === 1 ? watches[0] : undefined;
  }

  /** What must happen at a stop on it: nothing for a logpoint, which dlv never stops at. */
  stopActions(bp: ScriptBreakpoint): PlacedAction[] {
    return logsOnly(bp) ? [] : bp.actions;
  }

  private push(bp: ScriptBreakpoint): void {
    if (!bp.enabled) {
      this.sync.remove(bp.key);
      return;
    }
    const actions = bp.actions.map((a) => a.action);
    this.sync.put({
      key: bp.key,
      target: bp.target,
      condition: bp.condition,
      hitCondition: bp.hitCondition,
      logMessage: logsOnly(bp) ? logMessage(bp.label, bp.tracepoint, actions) : undefined,
    });
  }
}

/** A logpoint: dlv prints for it and never stops. Data breakpoints have no log messages in DAP. */
function logsOnly(bp: ScriptBreakpoint): boolean {
  return bp.target.kind !== 'data' && isLogpoint(bp.tracepoint, bp.actions.map((a) => a.action));
}
