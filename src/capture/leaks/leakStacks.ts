/**
 * Reads Go tracebacks (runtime.Stack with all goroutines) of leaked goroutines into groups:
 * goroutines with the same stack and the same creating `go` statement are one leak.
 */

export interface LeakFrame {
  func: string;
  file: string;
  line: number;
}

export interface LeakGroup {
  /** How many goroutines are leaked here. */
  count: number;
  /** The wait as the runtime names it, e.g. "chan send". */
  waitReason: string;
  /** Innermost first, as in the traceback. */
  stack: LeakFrame[];
  /** The innermost frame outside the runtime: the line the goroutines are blocked on. */
  blockedAt?: LeakFrame;
  /** The `go` statement that created them (from "created by"), when the traceback has it. */
  createdAt?: LeakFrame;
}

const HEADER = /^goroutine \d+ .*?\[([^\]]*)\]:$/;
const POSITION = /^\t(.+):(\d+)(?: \+0x[0-9a-f]+)?$/;
const CREATED_BY = /^created by (\S+)(?: in goroutine \d+)?$/;

export function parseLeakedStacks(text: string): LeakGroup[] {
  const groups = new Map<string, LeakGroup>();
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((l) => l.length > 0);
    const header = HEADER.exec(lines[0] ?? '');
    if (!header) {
      continue;
    }
    const stack: LeakFrame[] = [];
    let createdAt: LeakFrame | undefined;
    for (let i = 1; i + 1 < lines.length; i++) {
      const pos = POSITION.exec(lines[i + 1]);
      if (!pos) {
        continue;
      }
      const created = CREATED_BY.exec(lines[i]);
      const frame = { func: created ? created[1] : funcName(lines[i]), file: pos[1], line: Number(pos[2]) };
      if (created) {
        createdAt = frame;
      } else {
        stack.push(frame);
      }
      i++;
    }
    const waitReason = header[1].replace(/ \(leaked\)/, '').replace(/, \d+ minutes?$/, '');
    const key = JSON.stringify([waitReason, stack, createdAt]);
    const group = groups.get(key);
    if (group) {
      group.count++;
    } else {
      groups.set(key, { count: 1, waitReason, stack, blockedAt: stack.find((f) => !isRuntime(f.func)), createdAt });
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

/** `main.(*T).run(0xc000010000, ...)` → `main.(*T).run`: the arguments are the last parentheses. */
function funcName(line: string): string {
  const open = line.endsWith(')') ? line.lastIndexOf('(') : -1;
  return open > 0 ? line.slice(0, open) : line;
}

function isRuntime(func: string): boolean {
  return /^(runtime|internal\/[^.]*|sync|time)\./.test(func);
}
