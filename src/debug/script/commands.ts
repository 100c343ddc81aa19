/**
 * A Delve script (`dlv --init FILE`, `source FILE`) as typed commands the adapter can run over
 * DAP. Line numbers are 1-based, as Delve prints them in `FILE:LINE: error`.
 */

/** Where a breakpoint goes, as Delve's location specs say it (Documentation/cli/locspec.md). */
export type Location =
  /** `main.go:12`, `internal/api/orders.go:87`, an absolute path. */
  | { kind: 'file'; file: string; line: number }
  /** `main.main`, `pkg.(*T).Method:3`, `encoding/json.Marshal`. */
  | { kind: 'function'; name: string; line?: number }
  /** `42`: a line of the file the program is stopped in. */
  | { kind: 'line'; line: number }
  /** `+3` / `-3`: lines after or before the line the program is stopped at. */
  | { kind: 'offset'; offset: number }
  /** `*0x4a5b10`: an instruction address, as written. */
  | { kind: 'address'; address: string }
  /** `/regex/`: every function whose name matches. */
  | { kind: 'regex'; pattern: string }
  /** No location: the line the program is stopped at. */
  | { kind: 'current' };

/** Breakpoints are numbered as Delve numbers them in a fresh session: 1, 2, ... in creation order. */
export type BreakpointId = number;

/** What `on BP ...` does each time the breakpoint is hit. */
export type HitAction =
  | { kind: 'print'; expression: string; format?: string }
  | { kind: 'trace' }
  | { kind: 'locals' }
  | { kind: 'args' }
  | { kind: 'stack'; depth?: number }
  | { kind: 'goroutine' }
  | { kind: 'profile'; profileKind: ProfileKind; seconds?: number };

/** The profiles `profile KIND` can capture (our extension to Delve's language). */
export const PROFILE_KINDS = ['heap', 'allocs', 'cpu', 'block', 'mutex', 'goroutine'] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

/** DAP `evaluate` formats: Delve's `%x` is DAP's `hex`; `%v`/`%d` are the default rendering. */
export type ValueFormat = 'hex' | undefined;

/** Commands that run in a goroutine or frame other than the current one (`goroutine 3 frame 1 print x`). */
export type ScopedCommand =
  | { kind: 'print'; expression: string; format: ValueFormat }
  | { kind: 'whatis'; expression: string }
  | { kind: 'set'; variable: string; value: string }
  | { kind: 'locals'; verbose: boolean; filter?: string }
  | { kind: 'args'; verbose: boolean; filter?: string }
  | { kind: 'stack'; depth?: number };

export type CommandBody =
  | { kind: 'break'; id: BreakpointId; name?: string; location: Location; condition?: string; tracepoint: boolean }
  | { kind: 'watch'; id: BreakpointId; access: 'read' | 'write' | 'readWrite'; expression: string }
  | { kind: 'condition'; breakpoint: BreakpointId; condition: string }
  /** DAP hitCondition text, which dlv parses as Delve does: `>= 10`, `% 5`, `== 3`. */
  | { kind: 'hitCondition'; breakpoint: BreakpointId; hitCondition: string }
  | { kind: 'clearCondition'; breakpoint: BreakpointId }
  | { kind: 'on'; breakpoint: BreakpointId; action: HitAction }
  | { kind: 'clear'; breakpoint: BreakpointId }
  | { kind: 'clearAll' }
  | { kind: 'toggle'; breakpoint: BreakpointId }
  | { kind: 'continue' }
  | { kind: 'step'; step: 'over' | 'in' | 'out'; granularity: 'line' | 'instruction'; count: number }
  | { kind: 'restart' }
  | { kind: 'call'; expression: string }
  | { kind: 'display'; action: 'add'; expression: string; format: ValueFormat }
  | { kind: 'display'; action: 'remove'; index: number }
  | { kind: 'display'; action: 'show' }
  | ScopedCommand
  /** `goroutine N [command]`, `frame N [command]`, `up`/`down [N] [command]`: with a command, only for that command. */
  | { kind: 'scope'; goroutine?: number; frame?: { move: 'set' | 'up' | 'down'; n: number }; command?: ScopedCommand }
  | { kind: 'goroutine' }
  | { kind: 'goroutines' }
  | { kind: 'source'; path: string }
  | { kind: 'profile'; profileKind: ProfileKind; seconds?: number }
  /** Commands dlv dap runs itself when evaluated as `dlv <text>` in the REPL. */
  | { kind: 'dlv'; command: string }
  | { kind: 'exit' };

/** `line` is where the command is in the script, `text` the command as written there. */
export type ScriptCommand = CommandBody & { line: number; text: string };

/**
 * A line the runner must not run: `error` when it is wrong in Delve too, `unsupported` when
 * Delve would run it but it has no meaning or no equivalent under DAP.
 */
export interface ScriptProblem {
  line: number;
  text: string;
  severity: 'error' | 'unsupported';
  message: string;
}

export interface ParsedScript {
  commands: ScriptCommand[];
  problems: ScriptProblem[];
}

/** Delve's own form for an error in a sourced script: `FILE:LINE: message`. */
export function formatProblem(file: string, problem: ScriptProblem): string {
  return `${file}:${problem.line}: ${problem.message}`;
}
