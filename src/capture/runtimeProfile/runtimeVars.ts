/**
 * The runtime variables a profile is read from, evaluated by Delve at the stop: the heads of
 * the bucket lists, the rates the runtime scales with, and where its symbol table lives
 * (`runtime.firstmoduledata`). Nothing is called in the target.
 */
import { DapRequester } from './targetMemory';

export class RuntimeReadError extends Error {}

export interface ModuleData {
  funcnametab: number;
  cutab: number;
  filetab: number;
  pctab: number;
  /** The functab ([]functab, 8 bytes each) starts pclntable. */
  pclntable: number;
  nftab: number;
  text: number;
  minpc: number;
  maxpc: number;
  /** Base of go:func.*, which FUNCDATA offsets (the inline trees) are relative to. */
  gofunc: number;
  /** Instruction size quantum (1 on amd64, 4 on arm64): the pc deltas of pc-value tables use it. */
  pcQuantum: number;
}

export interface RuntimeState {
  mbuckets: number;
  bbuckets: number;
  xbuckets: number;
  memProfileRate: number;
  /** mProfCycle's value: the heap profile cycle in the bits above bit 0. */
  memCycleWord: number;
  /** cputicks per second as the runtime measured it; 0 when it never did. */
  ticksPerSecond: number;
  /** cputicks and nanotime at runtime start (runtime.ticks.startTicks/startTime). */
  startTicks: number;
  startTime: number;
  /** debug.profstackdepth: how many frames pprof expands a block/mutex stack to. */
  profStackDepth: number;
  /** math.useFMA on amd64 (which path Go's exp takes); absent elsewhere or when math is not linked. */
  useFMA?: boolean;
  module: ModuleData;
}

interface EvalResult {
  result?: string;
  variablesReference?: number;
}

interface DapVariable {
  name: string;
  value: string;
  memoryReference?: string;
}

export async function readRuntimeState(dap: DapRequester): Promise<RuntimeState> {
  const evaluate = async (expression: string): Promise<EvalResult> => {
    try {
      return (await dap.request('evaluate', { expression, context: 'repl' })) as EvalResult;
    } catch (err) {
      throw new RuntimeReadError(`Delve cannot read ${expression}: ${(err as Error).message.replace(/^Unable to evaluate expression:\s*/, '')}`);
    }
  };
  const num = async (expression: string): Promise<number> => parseNumber(expression, (await evaluate(expression)).result);
  const pointer = async (expression: string): Promise<number> => parsePointer(expression, (await evaluate(expression)).result);
  const [mbuckets, bbuckets, xbuckets, memProfileRate, memCycleWord, ticksPerSecond, startTicks, startTime, profStackDepth, module] = await Promise.all([
    pointer('runtime.mbuckets.value'),
    pointer('runtime.bbuckets.value'),
    pointer('runtime.xbuckets.value'),
    num('runtime.MemProfileRate'),
    num('runtime.mProfCycle.value.value'),
    num('runtime.ticks.val.value'),
    num('runtime.ticks.startTicks'),
    num('runtime.ticks.startTime'),
    num('runtime.debug.profstackdepth'),
    readModuleData(dap, evaluate),
  ]);
  const useFMA = module.pcQuantum === 1 ? await evaluate('math.useFMA').then((r) => (r.result === 'true' ? true : r.result === 'false' ? false : undefined), () => undefined) : undefined;
  return { useFMA, mbuckets, bbuckets, xbuckets, memProfileRate, memCycleWord, ticksPerSecond, startTicks, startTime, profStackDepth, module };
}

async function readModuleData(dap: DapRequester, evaluate: (e: string) => Promise<EvalResult>): Promise<ModuleData> {
  const [md, header] = await Promise.all([evaluate('runtime.firstmoduledata'), evaluate('runtime.firstmoduledata.pcHeader')]);
  if (!md.variablesReference) {
    throw new RuntimeReadError('Delve shows no runtime.firstmoduledata: this is not a Go program Delve can read.');
  }
  if (!/magic: Go1\d+PCLnTabMagic/.test(header.result ?? '')) {
    throw new RuntimeReadError(`This Go version's symbol table is not one this reader knows (${header.result?.slice(0, 80) ?? 'no pcHeader'}); Go 1.21 or newer is needed.`);
  }
  const minLC = /minLC: (\d+)/.exec(header.result ?? '');
  if (!/ptrSize: 8\b/.test(header.result ?? '')) {
    throw new RuntimeReadError('This reader handles 64-bit Go programs only.');
  }
  const { variables } = (await dap.request('variables', { variablesReference: md.variablesReference })) as { variables: DapVariable[] };
  const field = new Map(variables.map((v) => [v.name, v]));
  const base = (name: string): number => {
    const ref = field.get(name)?.memoryReference;
    if (!ref) {
      throw new RuntimeReadError(`Delve gives no address for runtime.firstmoduledata.${name}.`);
    }
    return Number(ref);
  };
  const value = (name: string): number => parseNumber(`runtime.firstmoduledata.${name}`, field.get(name)?.value);
  const sections = /len: (\d+)/.exec(field.get('textsectmap')?.value ?? '');
  if (sections && Number(sections[1]) > 1) {
    throw new RuntimeReadError('This binary has more than one text section, which this reader does not handle.');
  }
  if (!/nil$/.test(field.get('next')?.value ?? 'nil')) {
    throw new RuntimeReadError('This program loads more than one Go module (plugins or shared libraries), which this reader does not handle.');
  }
  return {
    funcnametab: base('funcnametab'),
    cutab: base('cutab'),
    filetab: base('filetab'),
    pctab: base('pctab'),
    pclntable: base('pclntable'),
    nftab: Number(/len: (\d+)/.exec(field.get('ftab')?.value ?? '')?.[1] ?? 0),
    text: value('text'),
    minpc: value('minpc'),
    maxpc: value('maxpc'),
    gofunc: value('gofunc'),
    pcQuantum: Number(minLC?.[1] ?? 1),
  };
}

/** `unsafe.Pointer(0xc000010000)`, `unsafe.Pointer(0x0)` or `nil`. */
function parsePointer(expression: string, text: string | undefined): number {
  if (text === undefined || /^(unsafe\.Pointer\()?nil\)?$/.test(text)) {
    return 0;
  }
  const m = /0x[0-9a-f]+/i.exec(text);
  if (!m) {
    throw new RuntimeReadError(`Delve shows ${expression} as "${text.slice(0, 80)}", not a pointer.`);
  }
  return Number(m[0]);
}

/** `512`, `6035328 = 0x5c1780` or `-1`. */
function parseNumber(expression: string, text: string | undefined): number {
  const m = /^-?\d+/.exec(text ?? '');
  if (!m) {
    throw new RuntimeReadError(`Delve shows ${expression} as "${(text ?? '').slice(0, 80)}", not a number.`);
  }
  return Number(m[0]);
}
