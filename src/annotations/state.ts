/**
 * What the editor annotations show right now: the active profile's cost index for the
 * chosen sample type (under the filters of its flame graph, as the graph and table are), which local files its recorded paths map to, and per open document
 * the annotations, kept in step with the user's edits. Decorations, lenses and hovers all
 * read from here, so they always agree.
 */
import { sep } from 'node:path';
import * as vscode from 'vscode';
import type { ActiveProfile } from '../shared/activeProfile';
import type { Profile } from '../profile';
import { buildCostIndex } from '../profile/lineCosts';
import type { CostIndex } from '../profile/lineCosts';
import { annotateFile } from './fileAnnotations';
import type { FileAnnotations, HeatBy } from './fileAnnotations';
import { chosenSampleType } from './sampleTypeChoice';
import type { SampleTypeChoice } from './sampleTypeChoice';
import { TrackedDocument } from './trackedDocument';
import { filteredProfile } from '../shared/filteredProfiles';
import { cachedExists, mapRecordedFiles } from '../shared/sourcePaths';
import { isFile, mappingRoots } from '../shared/sourceRoots';

const ENABLED_KEY = 'goProfile.annotations.enabled';
const SAMPLE_TYPE_KEY = 'goProfile.annotations.sampleType';

export class AnnotationState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when what is shown changes as a whole (profile, filter, sample type, on/off), not on edits. */
  readonly onDidChange = this.changed.event;
  private profile: ActiveProfile | undefined;
  private index: CostIndex | undefined;
  /** Local file path -> recorded paths of the profile that map to it. */
  private localFiles = new Map<string, string[]>();
  private readonly documents = new Map<string, TrackedDocument>();
  private generation = 0;

  constructor(private readonly memento: vscode.Memento) {}

  dispose(): void {
    this.changed.dispose();
  }

  get enabled(): boolean {
    return this.memento.get<boolean>(ENABLED_KEY, true);
  }

  /** Toggling also recomputes the annotations from the document as it is now. */
  async setEnabled(on: boolean): Promise<void> {
    await this.memento.update(ENABLED_KEY, on);
    this.documents.clear();
    this.changed.fire();
  }

  get active(): ActiveProfile | undefined {
    return this.profile;
  }

  get costIndex(): CostIndex | undefined {
    return this.index;
  }

  /** Whether the flame graph's filters narrow what the annotations count. */
  get filtered(): boolean {
    return !!this.profile && filteredProfile(this.profile.uri) !== undefined;
  }

  /** The samples counted: the active profile's, as its flame graph's filters leave them. */
  private counted(profile: ActiveProfile): Profile {
    return filteredProfile(profile.uri) ?? profile.profile;
  }

  /** Takes a new active profile: the sample type last chosen for it (else its default), its files mapped to local ones. */
  async setProfile(profile: ActiveProfile | undefined): Promise<void> {
    const mine = ++this.generation;
    this.profile = profile;
    this.index = profile
      ? buildCostIndex(this.counted(profile), chosenSampleType(this.memento.get(SAMPLE_TYPE_KEY), profile.uri.toString(), profile.profile.sampleTypes))
      : undefined;
    this.localFiles = new Map();
    this.documents.clear();
    this.changed.fire();
    if (!profile) return;
    // Every file of the profile, not only those the current sample type has values in:
    // switching the sample type must not need another mapping.
    const { functions, strings } = profile.profile;
    const recorded = new Set<string>();
    for (let f = 0; f < functions.length; f++) if (strings[functions.file[f]]) recorded.add(strings[functions.file[f]]);
    const roots = await mappingRoots();
    const mapped = await mapRecordedFiles(recorded, roots, cachedExists(isFile));
    if (mine !== this.generation) return;
    this.localFiles = mapped;
    this.documents.clear();
    this.changed.fire();
    warnWhenNothingMaps(profile.title, recorded, mapped, roots.workspaceFolders);
  }

  setSampleType(sampleType: number): void {
    if (!this.profile || this.index?.sampleType === sampleType) return;
    this.index = buildCostIndex(this.counted(this.profile), sampleType);
    this.documents.clear();
    this.changed.fire();
    const choice: SampleTypeChoice = { uri: this.profile.uri.toString(), type: this.profile.profile.sampleTypes[sampleType].type };
    void this.memento.update(SAMPLE_TYPE_KEY, choice);
  }

  /** The filters of `uri`'s flame graph changed: recount if it is the active profile, keeping the sample type. */
  filterChanged(uri: vscode.Uri): void {
    if (!this.profile || !this.index || this.profile.uri.toString() !== uri.toString()) return;
    this.index = buildCostIndex(this.counted(this.profile), this.index.sampleType);
    this.documents.clear();
    this.changed.fire();
  }

  recordedFiles(document: vscode.TextDocument): readonly string[] {
    return this.localFiles.get(document.uri.fsPath) ?? [];
  }

  /** The document's annotations that still describe its code: computed on first use, then kept in step with edits. */
  annotations(document: vscode.TextDocument): FileAnnotations | undefined {
    if (!this.enabled || !this.index || document.uri.scheme !== 'file') return undefined;
    const key = document.uri.toString();
    let tracked = this.documents.get(key);
    if (!tracked) {
      const recorded = this.recordedFiles(document);
      if (recorded.length === 0) return undefined;
      // A file the sample type or a filter left without cost has no entry in the index.
      const costs = recorded.flatMap((r) => this.index!.files.get(r) ?? []);
      const heatBy = vscode.workspace.getConfiguration('goProfile.annotations').get<HeatBy>('heatBy', 'cum');
      tracked = new TrackedDocument(annotateFile(this.index, costs, document.lineCount, heatBy), document);
      this.documents.set(key, tracked);
    }
    return tracked.shown(document);
  }

  /** Keeps cached annotations on their code; returns whether this document has any. */
  onEdit(e: vscode.TextDocumentChangeEvent): boolean {
    const tracked = this.documents.get(e.document.uri.toString());
    if (!tracked || e.contentChanges.length === 0) return false;
    tracked.edit(e.document, e.contentChanges);
    return true;
  }

  forget(document: vscode.TextDocument): void {
    this.documents.delete(document.uri.toString());
  }

  refreshSettings(): void {
    this.documents.clear();
    this.changed.fire();
  }
}

/**
 * A profile none of whose files is in the workspace shows nothing in the editor: say so,
 * with one of its paths, rather than leave the user guessing.
 */
function warnWhenNothingMaps(title: string, recorded: ReadonlySet<string>, mapped: ReadonlyMap<string, string[]>, folders: readonly string[]): void {
  if (folders.length === 0) return;
  const inWorkspace = [...mapped.keys()].some((local) => folders.some((f) => local.startsWith(f.endsWith(sep) ? f : f + sep)));
  if (inWorkspace) return;
  const found = new Set([...mapped.values()].flat());
  const example = [...recorded].find((r) => !found.has(r));
  if (!example) return;
  void vscode.window.showWarningMessage(
    `None of the source files of ${title} is in this workspace (e.g. ${example}): open the folder they are in, or map them with substitutePath in the debug configuration.`,
  );
}
