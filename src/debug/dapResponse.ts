import type { DebugProtocol } from '@vscode/debugprotocol';

/**
 * The adapter's own answer to a client request: a body, or a failure whose message VS Code
 * shows the user (from body.error, where `{name}` would be read as a placeholder).
 */
export function dapResponse(request: { seq: number; command: string }, outcome: { body?: unknown; message?: string }): DebugProtocol.Response {
  const response: DebugProtocol.Response = { seq: 0, type: 'response', request_seq: request.seq, command: request.command, success: outcome.message === undefined };
  if (outcome.message !== undefined) {
    response.message = outcome.message;
    response.body = { error: { id: 3000, format: outcome.message.replace(/[{}]/g, ''), showUser: true } };
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
