/**
 * One webview showing one profile, whether it lives in a panel or a custom editor: sets
 * the CSP page, sends the model when the page is ready (again after a reload), and serves
 * the page's requests (open source, open in speedscope).
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { decodeProfileBytes } from '../capture/profileBytes';
import { ProfileError, type Profile } from '../profile';
import { renderPage } from '../shared/html';
import type { HostMessage, ViewFilter, ViewMessage } from '../shared/messages';
import { filteredModel } from './filter';
import type { LoadedProfile } from './model';
import type { SourceOpener } from './source';
import { openInSpeedscope } from './speedscope';
import { demangleNamesSetting, shownNames } from '../shared/profileNames';
import { namedProfile, type NamedProfile } from './names';

export interface ProfileInput {
  readonly title: string;
  /** The profile to show: a custom editor's document decodes it once for all its editors; a comparison is computed. */
  readonly profile: () => Promise<Profile>;
  /** A comparison's base, named in the view. */
  readonly baseTitle?: string;
  /**
   * Told the samples the user's filters keep, each time they change, and whether any filter
   * narrowed them (diff and editor annotations follow).
   */
  readonly onFilter?: (filtered: Profile, narrowed: boolean) => void;
}

export class ProfileSession implements vscode.Disposable {
  private raw: Promise<Profile> | undefined;
  private loaded: Promise<LoadedProfile> | undefined;
  /** The Names toggle's state, first the setting's; and the filter last applied, which a toggle keeps. */
  private demangle = demangleNamesSetting();
  private filter: ViewFilter = {};
  private names: NamedProfile['names'];
  private readonly disposables: vscode.Disposable[] = [];
  /** Local source file -> functions (index, start line) defined in it, built on demand. */
  private readonly functionsByFile = new Map<string, { func: number; startLine: number }[]>();
  private lastHighlight: number | null = null;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly webview: vscode.Webview,
    private readonly input: ProfileInput,
    private readonly opener: SourceOpener,
  ) {
    const media = vscode.Uri.joinPath(context.extensionUri, 'media');
    const out = vscode.Uri.joinPath(context.extensionUri, 'out', 'media');
    webview.options = { enableScripts: true, localResourceRoots: [media, out] };
    webview.html = renderPage({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(out, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'webview.css')).toString(),
      title: input.title,
    });
    this.disposables.push(webview.onDidReceiveMessage((m: ViewMessage) => this.onMessage(m)));
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
  }

  private post(message: HostMessage): void {
    void this.webview.postMessage(message);
  }

  private load(): Promise<LoadedProfile> {
    const { profile, title, baseTitle } = this.input;
    this.raw ??= profile();
    this.loaded ??= this.raw.then((p) => {
      // Names as pprof shows them (demangled) unless the setting or the view's toggle says raw.
      const named = namedProfile(p, this.demangle);
      this.names = named.names;
      return { profile: named.profile, model: { ...filteredModel(named.profile, title, this.filter, baseTitle).model, names: named.names } };
    });
    return this.loaded;
  }

  /** Recomputes the model under new filters; a filter the engine refuses leaves the view as it was. */
  private async setFilter(filter: ViewFilter): Promise<void> {
    const { profile } = await this.load();
    let next: ReturnType<typeof filteredModel>;
    try {
      next = filteredModel(profile, this.input.title, filter, this.input.baseTitle);
    } catch (e) {
      if (e instanceof ProfileError) {
        this.post({ type: 'filterError', message: e.message });
        return;
      }
      throw e;
    }
    this.filter = filter;
    const model = { ...next.model, names: this.names };
    this.loaded = Promise.resolve({ profile, model });
    this.functionsByFile.clear();
    this.lastHighlight = null;
    this.post({ type: 'model', model });
    this.input.onFilter?.(next.filtered, next.narrowed);
  }

  private async onMessage(m: ViewMessage): Promise<void> {
    try {
      switch (m.type) {
        case 'ready':
          this.post({ type: 'model', model: (await this.load()).model });
          this.lastHighlight = null;
          break;
        case 'openSource':
          await this.opener.open(m.func, m.file, m.line);
          break;
        case 'openInSpeedscope':
          await this.openInSpeedscope(m.sampleType);
          break;
        case 'setFilter':
          await this.setFilter(m.filter);
          break;
        case 'setDemangle':
          this.demangle = m.demangle;
          this.loaded = undefined;
          this.functionsByFile.clear();
          this.lastHighlight = null;
          this.post({ type: 'model', model: (await this.load()).model });
          break;
      }
    } catch (e) {
      const message = e instanceof ProfileError ? `Cannot show ${this.input.title}: ${e.message}` : `Profile view: ${e instanceof Error ? e.message : String(e)}`;
      this.post({ type: 'error', message });
      void vscode.window.showErrorMessage(message);
    }
  }

  async openInSpeedscope(sampleType?: number): Promise<void> {
    const { profile } = await this.load();
    await openInSpeedscope(this.context, profile, sampleType ?? profile.defaultSampleType, this.input.title);
  }

  static async openFileInSpeedscope(context: vscode.ExtensionContext, uri: vscode.Uri, read: (uri: vscode.Uri) => Promise<Uint8Array>): Promise<void> {
    const title = basename(uri.path);
    try {
      const profile = shownNames(decodeProfileBytes(await read(uri)));
      await openInSpeedscope(context, profile, profile.defaultSampleType, title);
    } catch (e) {
      void vscode.window.showErrorMessage(`Cannot open ${title} in speedscope: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Highlights the function that contains `line` of `file` (a local path), if the profile has it. */
  async highlightAt(file: string, line: number): Promise<void> {
    if (!this.loaded) {
      return;
    }
    let loaded: LoadedProfile;
    try {
      loaded = await this.loaded;
    } catch {
      return;
    }
    const funcs = await this.functionsIn(loaded, file);
    let best: { func: number; startLine: number } | undefined;
    for (const f of funcs) {
      if (f.startLine <= line && (!best || f.startLine > best.startLine)) {
        best = f;
      }
    }
    const func = best?.func ?? null;
    if (func !== this.lastHighlight) {
      this.lastHighlight = func;
      this.post({ type: 'highlightFunction', func });
    }
  }

  private async functionsIn(loaded: LoadedProfile, file: string): Promise<{ func: number; startLine: number }[]> {
    const cached = this.functionsByFile.get(file);
    if (cached) {
      return cached;
    }
    const { funcFiles, funcStartLines } = loaded.model;
    const name = basename(file);
    const found: { func: number; startLine: number }[] = [];
    for (let f = 0; f < funcFiles.length; f++) {
      if (funcFiles[f] && basename(funcFiles[f]) === name && (await this.opener.resolve(funcFiles[f])) === file) {
        found.push({ func: f, startLine: funcStartLines[f] });
      }
    }
    this.functionsByFile.set(file, found);
    return found;
  }
}
