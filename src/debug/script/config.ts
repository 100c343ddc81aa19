import type { CommandBody } from './commands';
import { splitWord } from './arguments';
import { fail, unsupported } from './lineError';

// The terminal's config names (pkg/config, kebab-case) that dlv dap also has, under its own
// camelCase names (the cfgName tags of its launch arguments).
const DAP_NAMES: Record<string, string> = {
  'substitute-path': 'substitutePath',
  'max-string-len': 'maxStringLen',
  'max-array-values': 'maxArrayValues',
  'show-raw-strings': 'showRawStrings',
};
const DAP_ONLY = new Set([
  'stackTraceDepth', 'maxStringLen', 'maxArrayValues', 'showGlobalVariables', 'showRegisters', 'goroutineFilters',
  'showPprofLabels', 'hideSystemGoroutines', 'substitutePath', 'followExec', 'followExecRegex', 'showRawStrings',
]);

/**
 * `config NAME VALUE` becomes dlv dap's `dlv config` with the DAP name; `config alias CMD ALIAS`
 * returns the alias for the parser to learn, since the REPL has no aliases.
 */
export function parseConfig(args: string): CommandBody | { alias: string; command: string } {
  const [name, value] = splitWord(args);
  if (name === '') {
    fail('not enough arguments: config -list | config <parameter> <value>');
  }
  if (name === '-list') {
    return { kind: 'dlv', command: args === '-list' ? 'config -list' : `config -list ${DAP_NAMES[value] ?? value}` };
  }
  if (name === '-save') {
    unsupported('config -save writes the dlv terminal configuration file');
  }
  if (name === 'alias') {
    const [command, alias] = splitWord(value);
    if (command === '' || alias === '' || /\s/.test(alias)) {
      fail('use config alias <command> <alias>');
    }
    return { alias, command };
  }
  const dapName = DAP_NAMES[name] ?? (DAP_ONLY.has(name) ? name : undefined);
  if (dapName === undefined) {
    unsupported(`config ${name} only changes the dlv terminal`);
  }
  return { kind: 'dlv', command: value === '' ? `config ${dapName}` : `config ${dapName} ${value}` };
}
