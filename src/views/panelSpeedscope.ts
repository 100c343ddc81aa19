/**
 * "Open in speedscope": the engine exports the profile in speedscope's format and the
 * speedscope app that ships with the extension opens it in the browser, the way
 * speedscope's own CLI does (a small script file named in the URL's #localProfilePath).
 * Only the latest few exports are kept in the extension's storage.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vscode from 'vscode';
import { toSpeedscope, type Profile } from '../profile';

const keep = 5;

function speedscopeApp(extensionPath: string): string | undefined {
  const candidates = [join(extensionPath, 'out', 'speedscope', 'index.html'), join(extensionPath, 'node_modules', 'speedscope', 'dist', 'release', 'index.html')];
  return candidates.find((p) => existsSync(p));
}

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

export async function openInSpeedscope(context: vscode.ExtensionContext, profile: Profile, sampleType: number, title: string): Promise<void> {
  const app = speedscopeApp(context.extensionPath);
  if (!app) {
    void vscode.window.showErrorMessage('The speedscope app is missing from this installation of the extension.');
    return;
  }
  const page = await writeSpeedscopeExport(profile, sampleType, title, join(context.globalStorageUri.fsPath, 'speedscope'), app);
  await vscode.env.openExternal(vscode.Uri.file(page));
}
