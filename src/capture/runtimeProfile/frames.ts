/**
 * Turns the program counters of a profile bucket into frames the way the runtime does when
 * pprof writes the profile: runtime.CallersFrames (with its virtual pcs for inlined calls),
 * FuncForPC, runtime_expandFinalInlineFrame and pprof's expandInlinedFrames. Kept to the
 * runtime's steps so the stacks match Go's own profile frame for frame.
 */
import { FuncID, FuncInfo, InlineFrame, Pclntab } from './pclntab';

export interface Frame {
  /** The call pc (return pc - 1), as runtime.Frame.PC. */
  pc: number;
  /** Absent when no Go function holds the pc (then only the address is known). */
  func?: FuncInfo;
  /** The frame is an inlined call (runtime.Frame.Func is nil). */
  inlined: boolean;
  entry: number;
  /** runtime_FrameSymbolName: the full symbol name, which pprof writes. */
  name: string;
  startLine: number;
  file: string;
  line: number;
}

function elideWrapperCalling(calleeID: number): boolean {
  return !(calleeID === FuncID.gopanic || calleeID === FuncID.sigpanic || calleeID === FuncID.panicwrap);
}

export class FrameResolver {
  private readonly single = new Map<number, Promise<Frame[]>>();
  private readonly funcNames = new Map<number, Promise<string | undefined>>();

  constructor(private readonly tab: Pclntab) {}

  /** runtime.CallersFrames over pcs, every frame it yields. */
  async callersFrames(pcs: readonly number[]): Promise<Frame[]> {
    const frames: Frame[] = [];
    let next = 0;
    let nextPC = 0;
    while (nextPC !== 0 || next < pcs.length) {
      let pc: number;
      if (nextPC !== 0) {
        pc = nextPC;
        nextPC = 0;
      } else {
        pc = pcs[next++];
      }
      const f = await this.tab.findFunc(pc);
      if (!f) {
        continue;
      }
      if (pc > f.entry) {
        pc--;
      }
      const uf = await this.tab.inlineAt(f, pc);
      const sf = await this.tab.srcFunc(f, uf);
      if (uf.index >= 0) {
        // Callers lists a virtual pc for each outer frame of an inlined call; a stack from
        // frame pointers does not, so the next outer frame is inserted unless it is next.
        for (let unext = await this.tab.inlineNext(f, uf); unext.pc !== 0 && next < pcs.length && pcs[next] !== unext.pc + 1; unext = await this.tab.inlineNext(f, unext)) {
          const snext = await this.tab.srcFunc(f, unext);
          if (snext.funcID === FuncID.wrapper && elideWrapperCalling(sf.funcID)) {
            continue;
          }
          nextPC = unext.pc + 1;
          break;
        }
      }
      const [name, { file, line }] = await Promise.all([this.tab.name(sf.nameOff), this.tab.fileLine(f, pc)]);
      frames.push({ pc, func: f, inlined: uf.index >= 0, entry: f.entry, name, startLine: sf.startLine, file, line });
    }
    return frames;
  }

  /**
   * pprof's allFrames: the frame of one return pc; none for runtime.goexit, an address-only
   * frame for a pc outside Go code.
   */
  allFrames(addr: number): Promise<Frame[]> {
    let frames = this.single.get(addr);
    if (!frames) {
      frames = this.callersFrames([addr]).then((found) => {
        if (found.length === 0) {
          return [{ pc: addr - 1, inlined: false, entry: 0, name: '', startLine: 0, file: '', line: 0 }];
        }
        return found[0].name === 'runtime.goexit' ? [] : found;
      });
      this.single.set(addr, frames);
    }
    return frames;
  }

  /** runtime.FuncForPC(pc).Name(): the innermost function at pc itself (not pc - 1). */
  funcNameForPC(pc: number): Promise<string | undefined> {
    let name = this.funcNames.get(pc);
    if (!name) {
      name = this.lookupFuncName(pc);
      this.funcNames.set(pc, name);
    }
    return name;
  }

  private async lookupFuncName(pc: number): Promise<string | undefined> {
    const f = await this.tab.findFunc(pc);
    if (!f) {
      return undefined;
    }
    const uf = await this.tab.inlineAt(f, pc);
    return this.tab.name((await this.tab.srcFunc(f, uf)).nameOff);
  }

  /** runtime_expandFinalInlineFrame: a stack cut inside inlined code gets its outer frames. */
  async expandFinalInlineFrame(stk: readonly number[]): Promise<number[]> {
    if (stk.length === 0) {
      return [];
    }
    const tracepc = stk[stk.length - 1] - 1;
    const f = await this.tab.findFunc(tracepc);
    if (!f) {
      return [...stk];
    }
    let uf: InlineFrame = await this.tab.inlineAt(f, tracepc);
    if (uf.index < 0) {
      return [...stk];
    }
    const out = stk.slice(0, -1);
    let calleeID = 0;
    for (; uf.pc !== 0; uf = await this.tab.inlineNext(f, uf)) {
      const funcID = (await this.tab.srcFunc(f, uf)).funcID;
      if (!(funcID === FuncID.wrapper && elideWrapperCalling(calleeID))) {
        out.push(uf.pc + 1);
      }
      calleeID = funcID;
    }
    return out;
  }

  /** pprof's expandInlinedFrames: block and mutex stacks as return pcs of every logical frame. */
  async expandInlinedFrames(pcs: readonly number[], max: number): Promise<number[]> {
    const frames = await this.callersFrames(pcs);
    // Go reads one (empty) frame even when none is there, and writes its pc + 1.
    return frames.length === 0 ? [1] : frames.slice(0, Math.max(max, 1)).map((f) => f.pc + 1);
  }
}
