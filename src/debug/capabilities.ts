import type { DebugProtocol } from '@vscode/debugprotocol';

/**
 * What `dlv dap` (v1.27) answers to initialize. The client asks before any launch, when no
 * dlv runs yet (which dlv to start is in the launch arguments), so the adapter answers with
 * this copy; if the dlv it starts answers differently the client gets a `capabilities` event.
 */
export const DLV_CAPABILITIES: DebugProtocol.Capabilities = {
  supportsConfigurationDoneRequest: true,
  supportsConditionalBreakpoints: true,
  supportsHitConditionalBreakpoints: true,
  supportsDelayedStackTraceLoading: true,
  supportsFunctionBreakpoints: true,
  supportsInstructionBreakpoints: true,
  supportsExceptionInfoRequest: true,
  supportsSetVariable: true,
  supportsEvaluateForHovers: true,
  supportsClipboardContext: true,
  supportsSteppingGranularity: true,
  supportsLogPoints: true,
  supportsDisassembleRequest: true,
  supportsStepBack: false,
  supportTerminateDebuggee: false,
  supportsTerminateRequest: false,
  supportsRestartRequest: true,
  supportsSetExpression: false,
  supportsLoadedSourcesRequest: false,
  supportsReadMemoryRequest: true,
  supportsWriteMemoryRequest: true,
  supportsCancelRequest: false,
  exceptionBreakpointFilters: [
    { filter: 'unrecovered-panic', label: 'Unrecovered Panics', default: true },
    { filter: 'runtime-fatal-throw', label: 'Fatal Throws', default: true },
  ],
  supportsDataBreakpoints: (process.platform === 'linux' || process.platform === 'darwin') && (process.arch === 'x64' || process.arch === 'arm64'),
};

/** The capabilities dlv reported that differ from what the client was told. */
export function changedCapabilities(actual: DebugProtocol.Capabilities): DebugProtocol.Capabilities | undefined {
  const changed: Record<string, unknown> = {};
  const told = DLV_CAPABILITIES as Record<string, unknown>;
  for (const [key, value] of Object.entries(actual)) {
    if (JSON.stringify(value) !== JSON.stringify(told[key])) {
      changed[key] = value;
    }
  }
  return Object.keys(changed).length ? changed : undefined;
}
