import type { DebugProtocol } from '@vscode/debugprotocol';
import { CAPTURE_REQUEST, TRACE_REQUEST } from '../capture/api';
import { RUN_SCRIPT_REQUEST } from './script/api';

const SHOWN_BY_THE_EXTENSION = new Set([CAPTURE_REQUEST, TRACE_REQUEST, RUN_SCRIPT_REQUEST]);

/**
 * The adapter's own answer to a client request: a body, or a failure whose message VS Code
 * shows the user (from body.error, where `{name}` would be read as a placeholder). Requests
 * whose command in the extension shows the failure itself are excepted: VS Code showing it
 * too made every such toast appear twice.
 */
export function dapResponse(request: { seq: number; command: string }, outcome: { body?: unknown; message?: string }): DebugProtocol.Response {
  const response: DebugProtocol.Response = { seq: 0, type: 'response', request_seq: request.seq, command: request.command, success: outcome.message === undefined };
  if (outcome.message !== undefined) {
    response.message = outcome.message;
    const showUser = !SHOWN_BY_THE_EXTENSION.has(request.command);
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
