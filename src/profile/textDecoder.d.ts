// The engine targets plain ES2022 (no DOM, no Node types), but both of its hosts, Node and the
// webview, have the WHATWG TextDecoder: declare the part of it the engine uses.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
