import type { DebugProtocol } from '@vscode/debugprotocol';
import { CAPTURE_REQUEST, TRACE_REQUEST } from '../capture/api';
import { RUN_SCRIPT_REQUEST } from './script/api';

const SHOWN_BY_THE_EXTENSION = new Set([CAPTURE_REQUEST, TRACE_REQUEST, RUN_SCRIPT_REQUEST]);

/** The adapter's answer to a client request: a body, or a failure's message. */
export interface Outcome {
  body?: unknown;
  message?: string;
  /** The failure is not the user's news: VS Code must not show it. */
  quiet?: boolean;
}

/**
 * The answer to a request that arrives once the session has ended. VS Code still asks for the
 * rest of the stack and the scopes of the stop the user has just left with Shift+F5; telling
 * the user those failed would be noise.
 */
export const SESSION_ENDED: Outcome = { message: 'The debug session has ended.', quiet: true };

/**
 * The adapter's own answer to a client request: a body, or a failure whose message VS Code
 * shows the user (from body.error, where `{name}` would be read as a placeholder). Quiet
 * failures, and requests whose command in the extension shows the failure itself, are
 * excepted: VS Code showing those too made every such toast appear twice.
 */
export function dapResponse(request: { seq: number; command: string }, outcome: Outcome): DebugProtocol.Response {
  const response: DebugProtocol.Response = { seq: 0, type: 'response', request_seq: request.seq, command: request.command, success: outcome.message === undefined };
  if (outcome.message !== undefined) {
    response.message = outcome.message;
    const showUser = !outcome.quiet && !SHOWN_BY_THE_EXTENSION.has(request.command);
    response.body = { error: { id: 3000, format: outcome.message.replace(/[{}]/g, ''), showUser } };
  }
  if (outcome.body !== undefined) {
    response.body = outcome.body;
  }
  return response;
}

/** What the user is told when dlv died on its own: one line, and the same with dlv's last output. */
export function dlvGoneReport(how: string | undefined, hadDlv: boolean, endedPids: readonly number[], lastOutput: readonly string[]): { reason: string; line: string; detail: string } {
  const reason = hadDlv ? `Delve exited unexpectedly (${how ?? 'its connection closed'}).` : 'The connection to dlv closed.';
  const program = endedPids.length ? ` The program it was debugging (pid ${endedPids.join(', ')}) was ended.` : '';
  const output = lastOutput.length ? `Delve's last output:\n${lastOutput.map((l) => `  ${l}`).join('\n')}\n` : 'Delve printed nothing before it exited.\n';
  return { reason, line: `${reason}${program}\n`, detail: `${reason}${program}\n${output}` };
}
