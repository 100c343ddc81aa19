import { readFileSync } from 'node:fs';
import { UserError } from './userError';

/**
 * Reads a dotenv-style file: KEY=VALUE lines, `#` comments, an optional `export ` prefix,
 * single or double quotes (double quotes understand \n), ${VAR} expanded from what came before.
 */
export function readEnvFile(path: string, base: Record<string, string | undefined>): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(`Cannot read envFile ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return parseEnv(text, base);
}

export function parseEnv(text: string, base: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  const lookup = (name: string): string => result[name] ?? base[name] ?? '';
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) {
      return;
    }
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(line);
    if (!match) {
      throw new UserError(`envFile line ${index + 1} is not KEY=VALUE: ${line}`);
    }
    result[match[1]] = parseValue(match[2], lookup);
  });
  return result;
}

function parseValue(value: string, lookup: (name: string) => string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.lastIndexOf(quote) > 0) {
    const inner = value.slice(1, value.lastIndexOf(quote));
    return quote === "'" ? inner : expand(inner.replace(/\\n/g, '\n').replace(/\\"/g, '"'), lookup);
  }
  const comment = value.search(/\s#/);
  return expand((comment >= 0 ? value.slice(0, comment) : value).trim(), lookup);
}

function expand(value: string, lookup: (name: string) => string): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => lookup(name));
}
