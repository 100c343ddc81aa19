// Webview client entry point.
export {};
