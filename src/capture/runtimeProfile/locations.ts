/**
 * Locations and functions of a profile, grouped the way runtime/pprof's profileBuilder groups
 * them (appendLocsForStack with its pcDeck): the pcs of one physical call with its inlined
 * calls become one Location whose lines list the inlined functions innermost first, and a
 * pc seen before reuses its Location. Functions are keyed by symbol name, as Go does. The
 * result is the engine's model: every line of a Location but its last is a frame flagged
 * inlined, which is how the engine's encoder writes the same Locations back.
 */
import type { FrameTable, FunctionTable } from '../../profile';
import { StringTable } from '../../profile/stringTable';
import { Frame, FrameResolver } from './frames';

interface LocInfo {
  id: number;
  pcs: number[];
  firstPCFrames: Frame[];
}

export class LocationTable {
  readonly strings = new StringTable(['']);
  private readonly locs = new Map<number, LocInfo>();
  /** The model frames of each Location, by Location id - 1. */
  private readonly locationFrames: number[][] = [];
  private readonly funcs = new Map<string, number>();
  private readonly functionRows: [number, number, number][] = [];
  private readonly frameIds = new Map<string, number>();
  private readonly frameRows: [number, number, number][] = [];
  private deck: { pcs: number[]; frames: Frame[]; firstPCFrames: number } = { pcs: [], frames: [], firstPCFrames: 0 };

  constructor(private readonly frames: FrameResolver) {}

  /** The model frames (leaf first) of a stack of return pcs. */
  async stackFrames(stack: readonly number[]): Promise<number[]> {
    return this.framesOf(await this.locationsFor(stack));
  }

  framesOf(locationIds: readonly number[]): number[] {
    return locationIds.flatMap((id) => this.locationFrames[id - 1]);
  }

  functionTable(): FunctionTable {
    return {
      length: this.functionRows.length,
      name: Int32Array.from(this.functionRows, (r) => r[0]),
      file: Int32Array.from(this.functionRows, (r) => r[1]),
      startLine: Int32Array.from(this.functionRows, (r) => r[2]),
    };
  }

  frameTable(): FrameTable {
    return {
      length: this.frameRows.length,
      func: Int32Array.from(this.frameRows, (r) => r[0]),
      line: Int32Array.from(this.frameRows, (r) => r[1]),
      inlined: Uint8Array.from(this.frameRows, (r) => r[2]),
    };
  }

  /** The location ids of a stack of return pcs (leaf first), as profileBuilder.appendLocsForStack. */
  async locationsFor(stack: readonly number[]): Promise<number[]> {
    const locs: number[] = [];
    const emit = () => {
      const id = this.emitLocation();
      if (id > 0) {
        locs.push(id);
      }
    };
    this.resetDeck();
    let stk = await this.frames.expandFinalInlineFrame(stack);
    while (stk.length > 0) {
      const addr = stk[0];
      const known = this.locs.get(addr);
      if (known) {
        if (this.deck.pcs.length > 0 && this.tryAdd(addr, known.firstPCFrames)) {
          stk = stk.slice(1);
          continue;
        }
        emit();
        locs.push(known.id);
        stk = stk.slice(known.pcs.length);
        continue;
      }
      const frames = await this.frames.allFrames(addr);
      if (frames.length === 0) {
        // runtime.goexit ends a goroutine's stack and is left out.
        emit();
        stk = stk.slice(1);
        continue;
      }
      if (this.tryAdd(addr, frames)) {
        stk = stk.slice(1);
        continue;
      }
      emit();
      const again = this.locs.get(addr);
      if (again) {
        locs.push(again.id);
        stk = stk.slice(again.pcs.length);
      } else {
        this.tryAdd(addr, frames);
        stk = stk.slice(1);
      }
    }
    emit();
    return locs;
  }

  /** pcDeck.tryAdd: frames join the deck while they continue one physical call's inlining. */
  private tryAdd(pc: number, frames: Frame[]): boolean {
    const d = this.deck;
    if (d.frames.length > 0) {
      const next = frames[0];
      const last = d.frames[d.frames.length - 1];
      if (!last.inlined || last.entry === 0 || next.entry === 0 || last.entry !== next.entry || last.name === next.name) {
        return false;
      }
    }
    d.pcs.push(pc);
    d.frames.push(...frames);
    if (d.pcs.length === 1) {
      d.firstPCFrames = d.frames.length;
    }
    return true;
  }

  private emitLocation(): number {
    const d = this.deck;
    if (d.pcs.length === 0) {
      return 0;
    }
    const id = this.locs.size + 1;
    this.locs.set(d.pcs[0], { id, pcs: [...d.pcs], firstPCFrames: d.frames.slice(0, d.firstPCFrames) });
    this.locationFrames.push(d.frames.map((f, i) => this.frameId(this.functionId(f), f.line, i < d.frames.length - 1 ? 1 : 0)));
    this.resetDeck();
    return id;
  }

  private frameId(func: number, line: number, inlined: number): number {
    const key = `${func}:${line}:${inlined}`;
    let id = this.frameIds.get(key);
    if (id === undefined) {
      id = this.frameRows.length;
      this.frameIds.set(key, id);
      this.frameRows.push([func, line, inlined]);
    }
    return id;
  }

  private functionId(frame: Frame): number {
    let id = this.funcs.get(frame.name);
    if (id === undefined) {
      id = this.functionRows.length;
      this.funcs.set(frame.name, id);
      this.functionRows.push([this.strings.intern(frame.name), this.strings.intern(frame.file), frame.startLine]);
    }
    return id;
  }

  private resetDeck(): void {
    this.deck = { pcs: [], frames: [], firstPCFrames: 0 };
  }
}
