/**
 * Writes a profile for the bundled speedscope app the way speedscope's own CLI hands it
 * one: a script calling speedscope.loadFileFromBase64, named by #localProfilePath in the
 * app's URL. Only the latest few exports are kept.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toSpeedscope, type Profile } from '../profile';

const keep = 5;

/** Writes the export and its loader; returns the page to open. */
export async function writeSpeedscopeExport(profile: Profile, sampleType: number, title: string, dir: string, appHtml: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const stamp = `${Date.now()}-${process.pid}`;
  const json = JSON.stringify(toSpeedscope(profile, sampleType, title));
  const script = join(dir, `profile-${stamp}.js`);
  await writeFile(script, `speedscope.loadFileFromBase64(${JSON.stringify(`${title}.speedscope.json`)}, ${JSON.stringify(Buffer.from(json).toString('base64'))})`);
  const target = `${pathToFileURL(appHtml).href}#localProfilePath=${encodeURIComponent(script)}`;
  // Some OS openers drop a URL's fragment; a local page that redirects keeps it.
  const page = join(dir, `profile-${stamp}.html`);
  await writeFile(page, `<!DOCTYPE html><meta charset="utf-8"><script>location.replace(${JSON.stringify(target)})</script>`);
  await prune(dir);
  return page;
}

async function prune(dir: string): Promise<void> {
  const stamps = [...new Set((await readdir(dir)).map((f) => /^profile-(.+)\.(js|html)$/.exec(f)?.[1]).filter((s): s is string => !!s))].sort();
  for (const stale of stamps.slice(0, Math.max(0, stamps.length - keep))) {
    await rm(join(dir, `profile-${stale}.js`), { force: true });
    await rm(join(dir, `profile-${stale}.html`), { force: true });
  }
}

