import { ProfileError } from './errors';

/**
 * Compiles a Go (RE2) regexp for pprof-style matching: unanchored, like Go's MatchString.
 * The common RE2-only spelling, a leading `(?i)`, becomes the `i` flag.
 */
export function compileRegexp(option: string, source: string): RegExp {
  let flags = '';
  let body = source;
  const m = /^\(\?([imsU]+)\)/.exec(body);
  if (m) {
    body = body.slice(m[0].length);
    if (m[1].includes('i')) flags += 'i';
    if (m[1].includes('s')) flags += 's';
    if (m[1].includes('m')) flags += 'm';
  }
  try {
    return new RegExp(body, flags);
  } catch (e) {
    throw new ProfileError(`invalid ${option} regexp "${source}": ${e instanceof Error ? e.message.replace(/^Invalid regular expression: /, '') : String(e)}`);
  }
}
