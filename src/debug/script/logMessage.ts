import type { HitAction } from './commands';

/**
 * dlv formats a log message with Go's Sprintf after cutting out the {expressions}: a literal %
 * must be doubled and a literal brace would open an expression, so labels show braces as parens.
 */
function literal(text: string): string {
  return text.replace(/%/g, '%%').replace(/\{/g, '(').replace(/\}/g, ')');
}

/** A print that a logpoint can do: dlv's log messages have no hex format. */
export function isLogPrint(action: HitAction): action is Extract<HitAction, { kind: 'print' }> {
  return action.kind === 'print' && action.format === undefined;
}

/**
 * Whether the breakpoint can be a logpoint (it never stops): a tracepoint, or a breakpoint whose
 * hit actions are all prints dlv can do itself.
 */
export function isLogpoint(tracepoint: boolean, actions: HitAction[]): boolean {
  const prints = actions.every((a) => a.kind === 'trace' || isLogPrint(a));
  return prints && (tracepoint || actions.length > 0);
}

/**
 * The message of a logpoint: the breakpoint's name or location when it traces, then
 * `expr: {expr}` for each print. dlv writes it as `> [Go N]: message`.
 */
export function logMessage(label: string, tracepoint: boolean, actions: HitAction[]): string {
  const traces = tracepoint || actions.some((a) => a.kind === 'trace');
  const prints = actions.filter(isLogPrint).map((a) => `${literal(a.expression)}: {${a.expression}}`);
  const head = traces ? literal(label) : '';
  return [head, prints.join(', ')].filter((part) => part !== '').join(' ');
}
