/**
 * A profile file opened in the custom editor. VS Code gives every editor of one file (a split,
 * a second group) the same document: the profile is read and decoded once, here, for all of them.
 */
import type { CustomDocument, Uri } from 'vscode';
import { decodeProfileBytes } from '../capture/profileBytes';
import type { Profile } from '../profile';

export class ProfileDocument implements CustomDocument {
  private decoded?: Promise<Profile>;

  constructor(
    readonly uri: Uri,
    private readonly read: (uri: Uri) => Promise<Uint8Array>,
  ) {}

  /** The decoded profile; the first caller reads and decodes, the others share the result (or the error). */
  profile(): Promise<Profile> {
    this.decoded ??= this.read(this.uri).then(decodeProfileBytes);
    return this.decoded;
  }

  dispose(): void {
    this.decoded = undefined;
  }
}
