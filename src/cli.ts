// Command-line entry point of the pprof engine, for tests, benchmarks and CI pipelines:
//   node out/cli.js top FILE [--json] [--sample TYPE] [--lines] [--n N] [FILTERS]
//   node out/cli.js speedscope FILE -o OUT.json [--sample TYPE] [FILTERS]
//   node out/cli.js merge FILE... -o OUT.pprof   (as go tool pprof -proto FILE... > OUT.pprof)
// FILTERS, as pprof's options of the same names: --diff-base FILE [--normalize], --tagroot
// KEYS, --focus/--ignore/--hide/--show REGEXP, --tagfocus/--tagignore SPEC.
// Failures print one line on stderr and exit non-zero; no stack traces.
import { basename } from 'node:path';
import { demangleProfile, diffProfiles, encodeBytes, mergeProfiles, filterProfile, formatPercent, formatValue, hasEscapedBytes, printableName, ProfileError, tagRoot, topTable } from './profile';
import type { FilterOptions, Profile, TopTable } from './profile';
import { readProfileFile, readTopTable, writeProfileFile } from './shared/profileFile';
import { writeSpeedscopeFile } from './shared/speedscopeFile';

const USAGE = `usage: cli top FILE [--json] [--sample TYPE] [--lines] [--n N] [--symbolize=none] [filters]
       cli speedscope FILE -o OUT.json [--sample TYPE] [filters]
       cli merge FILE... -o OUT.pprof
names:   C++ and Rust names demangled as go tool pprof shows them; --symbolize=none keeps them raw
filters: --diff-base FILE [--normalize] --tagroot KEYS --focus RE --ignore RE --hide RE --show RE
         --tagfocus SPEC --tagignore SPEC (as go tool pprof's options)`;

const FILTERS = ['focus', 'ignore', 'hide', 'show', 'tagfocus', 'tagignore'] as const;

class UsageError extends Error {}

interface Args {
  command: string;
  file: string;
  /** Every profile named, for merge. */
  files: string[];
  json: boolean;
  lines: boolean;
  sample?: string;
  n?: number;
  out?: string;
  diffBase?: string;
  normalize: boolean;
  /** Names as pprof shows them by default (C++ and Rust demangled); --symbolize=none keeps them raw. */
  demangle: boolean;
  tagroot?: string;
  filters: { -readonly [K in keyof FilterOptions]: FilterOptions[K] };
}

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command !== 'top' && command !== 'speedscope' && command !== 'merge') throw new UsageError(command ? `unknown command "${command}"` : 'no command');
  const args: Partial<Args> & { command: string; filters: Args['filters'] } = { command, json: false, lines: false, normalize: false, demangle: true, filters: {} };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = (): string => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--json') args.json = true;
    else if (a === '--symbolize' || a.startsWith('--symbolize=')) {
      // pprof's -symbolize: "none" (or "demangle=none") shows names as the profile has them.
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : value();
      if (!['none', 'demangle=none', 'default', 'demangle=default'].includes(v)) throw new UsageError(`--symbolize takes none, demangle=none or default, not "${v}"`);
      args.demangle = !v.endsWith('none');
    }
    else if (a === '--lines') args.lines = true;
    else if (a === '--sample') args.sample = value();
    else if (a === '--n') {
      const v = value();
      if (!/^\d+$/.test(v)) throw new UsageError(`--n takes a non-negative integer, not "${v}"`);
      args.n = Number(v);
    } else if (a === '-o' || a === '--out') args.out = value();
    else if (a === '--diff-base') args.diffBase = value();
    else if (a === '--normalize') args.normalize = true;
    else if (a === '--tagroot') args.tagroot = value();
    else if (FILTERS.some((f) => a === `--${f}`)) args.filters[a.slice(2) as (typeof FILTERS)[number]] = value();
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else if (command === 'merge') (args.files ??= []).push(a);
    else if (args.file === undefined) args.file = a;
    else throw new UsageError(`unexpected argument "${a}"`);
  }
  if (command === 'merge') {
    if (!args.files?.length) throw new UsageError('merge needs one or more profile files');
    if (args.out === undefined) throw new UsageError('merge needs -o OUT.pprof');
    args.file = args.files[0];
  }
  if (args.file === undefined) throw new UsageError('no profile file given');
  if (command === 'speedscope' && args.out === undefined) throw new UsageError('speedscope needs -o OUT.json');
  if (args.normalize && args.diffBase === undefined) throw new UsageError('--normalize needs --diff-base');
  return args as Args;
}

async function printTable(top: TopTable): Promise<void> {
  const fmt = (v: number): string => formatValue(v, top.unit);
  const out = new Output();
  await out.write(`Type: ${top.sampleType} (${top.unit})   Total: ${fmt(top.total)}\n${'flat'.padStart(10)} ${'flat%'.padStart(7)} ${'sum%'.padStart(7)} ${'cum'.padStart(10)} ${'cum%'.padStart(7)}  name\n`);
  let sum = 0;
  for (const r of top.rows) {
    sum += r.flat;
    await out.write(`${fmt(r.flat).padStart(10)} ${formatPercent(r.flat, top.total).padStart(7)} ${formatPercent(sum, top.total).padStart(7)} ${fmt(r.cum).padStart(10)} ${formatPercent(r.cum, top.total).padStart(7)}  `);
    await out.write(printableName(r.name, r.file, r.line));
    await out.write('\n');
  }
  await out.flush();
}

/**
 * stdout in pieces of about 64 KB, so a table of huge names is never one huge string; names
 * that were not UTF-8 in the profile go out as their original bytes, as pprof prints them.
 */
class Output {
  private pending = '';

  async write(text: string): Promise<void> {
    if (this.pending.length + text.length > PIECE) {
      await this.flush();
      if (text.length > PIECE) {
        await send(text);
        return;
      }
    }
    this.pending += text;
  }

  async flush(): Promise<void> {
    if (this.pending) await send(this.pending);
    this.pending = '';
  }
}

const PIECE = 1 << 16;

/**
 * Writes text in 64 KB slices (views of the one string), each encoded on its own and each
 * waiting for the pipe to drain: a 100 MB name never sits in memory a second time as bytes.
 */
async function send(text: string): Promise<void> {
  for (let i = 0; i < text.length; ) {
    let end = Math.min(text.length, i + PIECE);
    // Never split a surrogate pair between two slices.
    if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
    const piece = i === 0 && end === text.length ? text : text.slice(i, end);
    i = end;
    if (!process.stdout.write(hasEscapedBytes(piece) ? encodeBytes(piece) : piece)) {
      await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
    }
  }
}

async function writeSpeedscope(out: string, profile: Profile, args: Args): Promise<void> {
  try {
    await writeSpeedscopeFile(out, profile, args.sample, basename(args.file));
  } catch (e) {
    if (e instanceof ProfileError) throw e;
    throw new ProfileError(`${out}: cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/** The profile as pprof would see it with the same options: diff base merged, label roots added, filtered. */
function prepare(args: Args): Profile {
  // As pprof: names are demangled as the profile is read, before any option matches them.
  const read = (file: string): Profile => (args.demangle ? demangleProfile(readProfileFile(file)) : readProfileFile(file));
  let profile = read(args.file);
  if (args.diffBase !== undefined) profile = diffProfiles(read(args.diffBase), profile, { normalize: args.normalize });
  if (args.tagroot !== undefined) profile = tagRoot(profile, args.tagroot.split(','));
  return Object.keys(args.filters).length > 0 ? filterProfile(profile, args.filters) : profile;
}

async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === 'merge') {
      writeProfileFile(args.out as string, mergeProfiles(args.files.map(readProfileFile)));
    } else if (args.command === 'top') {
      const options = { sampleType: args.sample, lines: args.lines, n: args.n, demangle: args.demangle };
      // Without pprof's transforming options the table is aggregated as the file is read.
      const plain = args.diffBase === undefined && args.tagroot === undefined && Object.keys(args.filters).length === 0;
      const top = plain ? readTopTable(args.file, options) : topTable(prepare(args), options);
      if (args.json) await send(`${JSON.stringify(top)}\n`);
      else await printTable(top);
    } else {
      await writeSpeedscope(args.out as string, prepare(args), args);
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    const message = e instanceof Error ? e.message.split('\n', 1)[0] : String(e);
    process.stderr.write(`error: ${message}\n`);
    return 1;
  }
}

// A reader that stops early (`| head`) closes the pipe: that ends the output, not in an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') process.stderr.write(`error: cannot write output (${e.code ?? e.message})\n`);
  process.exit(e.code === 'EPIPE' ? 0 : 1);
});

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
