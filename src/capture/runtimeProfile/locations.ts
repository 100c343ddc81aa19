/**
 * Locations and functions of a profile, grouped the way runtime/pprof's profileBuilder groups
 * them (appendLocsForStack with its pcDeck): the pcs of one physical call with its inlined
 * calls become one Location whose lines list the inlined functions innermost first, and a
 * pc seen before reuses its Location. Functions are keyed by symbol name, as Go does.
 */
import { perftools } from '../../profile/proto/profile';
import { Frame, FrameResolver } from './frames';

type ILocation = perftools.profiles.ILocation;
type IFunction = perftools.profiles.IFunction;

interface LocInfo {
  id: number;
  pcs: number[];
  firstPCFrames: Frame[];
}

export class StringTable {
  private readonly index = new Map<string, number>([['', 0]]);

  id(s: string): number {
    let id = this.index.get(s);
    if (id === undefined) {
      id = this.index.size;
      this.index.set(s, id);
    }
    return id;
  }

  all(): string[] {
    return [...this.index.keys()];
  }
}

export class LocationTable {
  readonly locations: ILocation[] = [];
  readonly functions: IFunction[] = [];
  private readonly locs = new Map<number, LocInfo>();
  private readonly funcs = new Map<string, number>();
  private deck: { pcs: number[]; frames: Frame[]; firstPCFrames: number } = { pcs: [], frames: [], firstPCFrames: 0 };

  constructor(private readonly frames: FrameResolver, private readonly strings: StringTable) {}

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
    this.locations.push({
      id,
      address: d.frames[0].pc,
      line: d.frames.map((f) => ({ functionId: this.functionId(f), line: f.line })),
    });
    this.resetDeck();
    return id;
  }

  private functionId(frame: Frame): number {
    let id = this.funcs.get(frame.name);
    if (id === undefined) {
      id = this.funcs.size + 1;
      this.funcs.set(frame.name, id);
      const name = this.strings.id(frame.name);
      this.functions.push({ id, name, systemName: name, filename: this.strings.id(frame.file), startLine: frame.startLine });
    }
    return id;
  }

  private resetDeck(): void {
    this.deck = { pcs: [], frames: [], firstPCFrames: 0 };
  }
}
