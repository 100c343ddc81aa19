// The one place that talks to VS Code's webview host API.
import type { ViewMessage } from '../../src/shared/messages';

interface VsCodeApi {
  postMessage(message: ViewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(message: ViewMessage): void {
  api.postMessage(message);
}

/** View preferences that survive the webview being hidden and restored. */
export interface SavedState {
  rootAtTop?: boolean;
  sampleType?: number;
  /** How a comparison is coloured and its table computed. */
  diffMode?: 'absolute' | 'normalised';
}

export function loadState(): SavedState {
  const s = api.getState();
  return typeof s === 'object' && s !== null ? (s as SavedState) : {};
}

export function saveState(patch: SavedState): void {
  api.setState({ ...loadState(), ...patch });
}
