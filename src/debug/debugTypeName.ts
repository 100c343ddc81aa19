/** The debug type this extension contributes (package.json `debuggers[0].type`); the one spelling of it in src. */
export const DEBUG_TYPE = 'go-dlv';
