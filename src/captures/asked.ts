import type { CaptureKind } from '../capture/api';

/** Captures the user asked for per session, by kind, until their profile arrives. */
export class AskedCaptures {
  private readonly pending = new Map<string, CaptureKind[]>();

  add(session: string, kind: CaptureKind): void {
    this.pending.set(session, [...(this.pending.get(session) ?? []), kind]);
  }

  forget(session: string): void {
    this.pending.delete(session);
  }

  take(session: string, kind: CaptureKind): boolean {
    const list = this.pending.get(session) ?? [];
    const i = list.indexOf(kind);
    if (i < 0) {
      return false;
    }
    list.splice(i, 1);
    return true;
  }
}
