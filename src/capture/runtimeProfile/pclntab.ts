/**
 * The Go runtime's own symbol table (pclntab), read from the target's memory: the same data
 * runtime.CallersFrames uses when pprof writes a profile, so names, files, lines and inlined
 * frames come out exactly as Go's own profile has them — with no binary or DWARF at hand
 * (a remote dlv or a core file works the same). Layouts follow runtime/symtab.go,
 * runtime/symtabinl.go and runtime/runtime2.go (`_func`) of Go 1.21 and newer.
 */
import { ModuleData } from './runtimeVars';
import { TargetMemory } from './targetMemory';

/** internal/abi: PCDATA_InlTreeIndex and FUNCDATA_InlTree. */
const PCDATA_INL_TREE_INDEX = 2;
const FUNCDATA_INL_TREE = 3;
/** Bytes of `_func` before its pcdata/funcdata offset arrays. */
const FUNC_HEADER = 44;
/** Bytes of one `inlinedCall`. */
const INLINED_CALL = 16;
/** Bytes of a pc-value table read at a time. */
const WINDOW = 512;

/** internal/abi.FuncID values the unwinders look at. */
export const FuncID = { gopanic: 10, panicwrap: 15, sigpanic: 20, wrapper: 23 } as const;

export interface FuncInfo {
  entry: number;
  nameOff: number;
  pcfile: number;
  pcln: number;
  cuOffset: number;
  startLine: number;
  funcID: number;
  pcdata: number[];
  funcdata: number[];
}

/** One level of the inline tree at a pc (index -1: the function itself). */
export interface InlineFrame {
  pc: number;
  index: number;
}

/** What srcFunc gives: the (possibly inlined) function a frame is in. */
export interface SrcFunc {
  nameOff: number;
  startLine: number;
  funcID: number;
}

export class Pclntab {
  private readonly funcs = new Map<number, Promise<FuncInfo | undefined>>();
  private readonly names = new Map<number, Promise<string>>();
  private readonly files = new Map<string, Promise<string>>();

  constructor(private readonly mem: TargetMemory, readonly md: ModuleData) {}

  /** runtime.findfunc: the function whose code holds pc, if any. */
  findFunc(pc: number): Promise<FuncInfo | undefined> {
    if (pc < this.md.minpc || pc >= this.md.maxpc) {
      return Promise.resolve(undefined);
    }
    const off = pc - this.md.text;
    let found = this.funcs.get(off);
    if (!found) {
      found = this.lookup(off);
      this.funcs.set(off, found);
    }
    return found;
  }

  /** The value of a pc-value table at targetpc (runtime.pcvalue), -1 when there is none. */
  async pcvalue(f: FuncInfo, off: number, targetpc: number): Promise<number> {
    if (off === 0) {
      return -1;
    }
    // Decoded synchronously from a window that is refilled when fewer than two varints remain.
    let at = this.md.pctab + off;
    let buf = await this.mem.read(at, WINDOW);
    let pos = 0;
    let pc = f.entry;
    let val = -1;
    let first = true;
    const varint = (): number => {
      let v = 0;
      for (let shift = 0; ; shift += 7) {
        const b = buf[pos++];
        v += (b & 0x7f) * 2 ** shift;
        if ((b & 0x80) === 0) {
          return v;
        }
      }
    };
    for (;;) {
      if (buf.length - pos < 20) {
        at += pos;
        buf = await this.mem.read(at, WINDOW);
        pos = 0;
      }
      const uvdelta = varint();
      if (uvdelta === 0 && !first) {
        return -1;
      }
      first = false;
      val += uvdelta % 2 === 1 ? -((uvdelta + 1) / 2) : uvdelta / 2;
      pc += varint() * this.md.pcQuantum;
      if (targetpc < pc) {
        return val;
      }
    }
  }

  /** runtime.newInlineUnwinder's first frame at pc. */
  async inlineAt(f: FuncInfo, pc: number): Promise<InlineFrame> {
    if (this.inlTree(f) === undefined) {
      return { pc, index: -1 };
    }
    return { pc, index: await this.pcdataValue(f, PCDATA_INL_TREE_INDEX, pc) };
  }

  /** inlineUnwinder.next: the frame the inlined call at uf sits in; pc 0 when uf is the function itself. */
  async inlineNext(f: FuncInfo, uf: InlineFrame): Promise<InlineFrame> {
    if (uf.index < 0) {
      return { pc: 0, index: -1 };
    }
    const parentPc = await this.inlinedCallField(f, uf.index, 8);
    return this.inlineAt(f, f.entry + parentPc);
  }

  async srcFunc(f: FuncInfo, uf: InlineFrame): Promise<SrcFunc> {
    if (uf.index < 0) {
      return { nameOff: f.nameOff, startLine: f.startLine, funcID: f.funcID };
    }
    const tree = this.inlTree(f)! + uf.index * INLINED_CALL;
    const bytes = await this.mem.read(tree, INLINED_CALL);
    const view = new DataView(bytes.buffer, bytes.byteOffset, INLINED_CALL);
    return { funcID: bytes[0], nameOff: view.getInt32(4, true), startLine: view.getInt32(12, true) };
  }

  /** runtime.funcline1: the file and line of targetpc ("?", 0 when unknown). */
  async fileLine(f: FuncInfo, targetpc: number): Promise<{ file: string; line: number }> {
    const [fileno, line] = await Promise.all([this.pcvalue(f, f.pcfile, targetpc), this.pcvalue(f, f.pcln, targetpc)]);
    if (fileno === -1 || line === -1) {
      return { file: '?', line: 0 };
    }
    return { file: await this.fileName(f.cuOffset, fileno), line };
  }

  /** A function name from funcnametab ("" for offset 0, as the runtime has it). */
  name(nameOff: number): Promise<string> {
    if (nameOff === 0) {
      return Promise.resolve('');
    }
    let name = this.names.get(nameOff);
    if (!name) {
      name = this.mem.cString(this.md.funcnametab + nameOff);
      this.names.set(nameOff, name);
    }
    return name;
  }

  private fileName(cuOffset: number, fileno: number): Promise<string> {
    const key = `${cuOffset}:${fileno}`;
    let file = this.files.get(key);
    if (!file) {
      file = this.mem.u32(this.md.cutab + (cuOffset + fileno) * 4).then((off) => (off === 0xffffffff ? '?' : this.mem.cString(this.md.filetab + off)));
      this.files.set(key, file);
    }
    return file;
  }

  private async pcdataValue(f: FuncInfo, table: number, pc: number): Promise<number> {
    if (table >= f.pcdata.length) {
      return -1;
    }
    return this.pcvalue(f, f.pcdata[table], pc);
  }

  private inlTree(f: FuncInfo): number | undefined {
    const off = f.funcdata[FUNCDATA_INL_TREE];
    return off === undefined || off === 0xffffffff ? undefined : this.md.gofunc + off;
  }

  private async inlinedCallField(f: FuncInfo, index: number, offset: number): Promise<number> {
    const bytes = await this.mem.read(this.inlTree(f)! + index * INLINED_CALL + offset, 4);
    return new DataView(bytes.buffer, bytes.byteOffset, 4).getInt32(0, true);
  }

  /** Binary search of the functab for the last entry at or below off (findfunc's answer). */
  private async lookup(off: number): Promise<FuncInfo | undefined> {
    const entryOff = (i: number) => this.mem.u32(this.md.pclntable + i * 8);
    let lo = 0;
    let hi = this.md.nftab - 2;
    if (hi < 0 || (await entryOff(0)) > off) {
      return undefined;
    }
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if ((await entryOff(mid)) <= off) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    const funcoff = await this.mem.u32(this.md.pclntable + lo * 8 + 4);
    return this.readFunc(this.md.pclntable + funcoff);
  }

  private async readFunc(addr: number): Promise<FuncInfo> {
    const head = await this.mem.read(addr, FUNC_HEADER);
    const view = new DataView(head.buffer, head.byteOffset, FUNC_HEADER);
    const npcdata = view.getUint32(28, true);
    const nfuncdata = head[43];
    const tables = await this.mem.read(addr + FUNC_HEADER, (npcdata + nfuncdata) * 4 || 4);
    const tview = new DataView(tables.buffer, tables.byteOffset, tables.length);
    const u32s = (from: number, n: number) => Array.from({ length: n }, (_, i) => tview.getUint32((from + i) * 4, true));
    return {
      entry: this.md.text + view.getUint32(0, true),
      nameOff: view.getInt32(4, true),
      pcfile: view.getUint32(20, true),
      pcln: view.getUint32(24, true),
      cuOffset: view.getUint32(32, true),
      startLine: view.getInt32(36, true),
      funcID: head[40],
      pcdata: u32s(0, npcdata),
      funcdata: u32s(npcdata, nfuncdata),
    };
  }
}
