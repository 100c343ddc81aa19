import { isAbsolute, resolve, sep } from 'node:path';
import type { BreakpointTarget } from './breakpointSync';
import type { Location } from './commands';
import type { ScriptHost } from './host';
import { formatLocation } from './location';

/** Where the program is stopped, for locations relative to it (`42`, `+3`, none). */
export interface Here {
  path?: string;
  line: number;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Turns a location spec into what DAP can set: a source line, or a function breakpoint (dlv
 * finds functions as Delve's terminal does). A file written as Delve takes it — any path suffix
 * of a file in the program — is looked up among the program's sources with `dlv sources`.
 */
export class TargetResolver {
  private readonly files = new Map<string, Promise<string>>();

  constructor(
    private readonly host: ScriptHost,
    private readonly baseDir: () => string,
  ) {}

  async resolve(location: Location, here: () => Promise<Here>): Promise<BreakpointTarget> {
    switch (location.kind) {
      case 'function':
        return { kind: 'function', name: formatLocation(location) };
      case 'file':
        return { kind: 'source', path: await this.file(location.file), line: location.line };
      case 'address':
        throw new Error(`break ${formatLocation(location)}: an address breakpoint is an instruction breakpoint; set it from the Disassembly view`);
      case 'regex':
        throw new Error(`${formatLocation(location)}: a regular expression location can be many breakpoints; DAP sets one per location`);
      default: {
        const at = await here();
        if (!at.path) {
          throw new Error('the frame the program is stopped in has no source file');
        }
        const line = location.kind === 'line' ? location.line : location.kind === 'offset' ? at.line + location.offset : at.line;
        return { kind: 'source', path: at.path, line };
      }
    }
  }

  private file(spec: string): Promise<string> {
    let found = this.files.get(spec);
    if (!found) {
      found = this.lookUp(spec);
      this.files.set(spec, found);
      found.catch(() => this.files.delete(spec));
    }
    return found;
  }

  private async lookUp(spec: string): Promise<string> {
    const normalized = spec.replace(/\\/g, '/');
    const filter = isAbsolute(spec) ? `^${escapeRegex(normalized)}$` : `(^|/)${escapeRegex(normalized.replace(/^\.\//, ''))}$`;
    const body = (await this.host.request('evaluate', { expression: `dlv sources ${filter}`, context: 'repl' })) as { result?: string };
    const matches = (body.result ?? '').split('\n').filter((l) => l !== '');
    if (matches.length === 1) {
      return matches[0];
    }
    if (matches.length === 0) {
      if (isAbsolute(spec)) {
        return spec;
      }
      throw new Error(`no source file of the program matches ${spec}`);
    }
    // Delve takes the file under the working directory when a relative name is ambiguous.
    const local = resolve(this.baseDir(), spec);
    const under = matches.filter((m) => m === local || m.startsWith(this.baseDir() + sep));
    if (under.length === 1) {
      return under[0];
    }
    throw new Error(`${spec} is ambiguous: ${matches.slice(0, 5).join(', ')}${matches.length > 5 ? ', ...' : ''}`);
  }
}
