// The What Led Here page's one line to VS Code's webview host API.
import type { LedViewMessage } from '../../../src/traces/ledHereMessages';

interface VsCodeApi {
  postMessage(message: LedViewMessage): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(message: LedViewMessage): void {
  api.postMessage(message);
}
