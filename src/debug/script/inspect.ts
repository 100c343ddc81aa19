import type { DebugProtocol } from '@vscode/debugprotocol';
import type { ScriptHost } from './host';

/** Reading the program's state at a stop, written as the dlv terminal would show it. */

export async function frameAt(host: ScriptHost, threadId: number, index: number): Promise<DebugProtocol.StackFrame> {
  const body = (await host.request('stackTrace', { threadId, startFrame: index, levels: 1 })) as DebugProtocol.StackTraceResponse['body'];
  const frame = body.stackFrames[0];
  if (!frame) {
    throw new Error(`goroutine ${threadId} has no frame ${index}`);
  }
  return frame;
}

export async function evaluate(host: ScriptHost, expression: string, frameId: number, hex: boolean): Promise<DebugProtocol.EvaluateResponse['body']> {
  const args: DebugProtocol.EvaluateArguments = { expression, frameId, context: 'repl', ...(hex ? { format: { hex: true } } : {}) };
  return (await host.request('evaluate', args)) as DebugProtocol.EvaluateResponse['body'];
}

/** Every variable dlv dap lists for the frame: its one scope holds the arguments and the locals. */
export async function frameVariables(host: ScriptHost, frameId: number): Promise<DebugProtocol.Variable[]> {
  const scopes = (await host.request('scopes', { frameId })) as DebugProtocol.ScopesResponse['body'];
  const scope = scopes.scopes.find((s) => s.name.startsWith('Locals')) ?? scopes.scopes[0];
  if (!scope) {
    return [];
  }
  const vars = (await host.request('variables', { variablesReference: scope.variablesReference })) as DebugProtocol.VariablesResponse['body'];
  return vars.variables;
}

export function formatVariables(variables: DebugProtocol.Variable[], filter?: string): string[] {
  const match = filter === undefined ? undefined : new RegExp(filter);
  const shown = variables.filter((v) => !match || match.test(v.name));
  return shown.length ? shown.map((v) => `${v.name} = ${v.value}`) : ['(no variables)'];
}

export async function stackLines(host: ScriptHost, threadId: number, depth: number | undefined): Promise<string[]> {
  // Delve's stack shows frames 0..depth, 50 by default.
  const body = (await host.request('stackTrace', { threadId, startFrame: 0, levels: (depth ?? 50) + 1 })) as DebugProtocol.StackTraceResponse['body'];
  return body.stackFrames.flatMap((f, i) => [`${i}  ${f.name}`, `   at ${f.source?.path ?? '?'}:${f.line}`]);
}

export async function threadNames(host: ScriptHost): Promise<DebugProtocol.Thread[]> {
  const body = (await host.request('threads', {})) as DebugProtocol.ThreadsResponse['body'];
  return body.threads;
}
