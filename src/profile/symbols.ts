import type { FrameTable, FunctionTable } from './model';
import type { perftools } from './proto/profile';
import { ProfileError } from './errors';
import { cleanPath, unnamedFrame } from './naming';

type IFunction = perftools.profiles.IFunction;
type ILocation = perftools.profiles.ILocation;
type IMapping = perftools.profiles.IMapping;

/**
 * Functions, frames and the frames of each location, resolved from the profile's tables.
 * A location expands to its line list, innermost inlined call first, as the stack of a
 * sample reads leaf first; `locationOf` maps a location id to its index here.
 */
export interface Symbols {
  readonly functions: FunctionTable;
  readonly frames: FrameTable;
  readonly locFrameStart: Uint32Array;
  readonly locFrames: Int32Array;
  readonly locationOf: (id: number) => number;
  /** The same map as a table indexed by id when ids are dense (Go's are), else empty. */
  readonly denseLocations: Int32Array;
}

export function resolveSymbols(strings: string[], functions: IFunction[], locations: ILocation[], mappings: IMapping[]): Symbols {
  const stringIndex = (x: number | null | undefined, what: string): number => {
    const i = x ?? 0;
    if (!Number.isInteger(i) || i < 0 || i >= strings.length) {
      throw new ProfileError(`corrupt profile: ${what} refers to string ${i} but the string table has ${strings.length} entries`);
    }
    return i;
  };

  const fnName: number[] = [];
  const fnFile: number[] = [];
  const fnStart: number[] = [];
  const fnUnnamed: number[] = [];
  const fnSystem: number[] = [];
  // Built on first use: most profiles name everything and have clean paths.
  let added: Map<string, number> | undefined;
  const intern = (text: string): number => {
    if (!added) {
      added = new Map();
      for (let k = strings.length - 1; k >= 0; k--) added.set(strings[k], k);
    }
    let i = added.get(text);
    if (i === undefined) {
      i = strings.length;
      strings.push(text);
      added.set(text, i);
    }
    return i;
  };
  // As pprof (graph.nodeInfo): file names are cleaned, `/a//b.py` is `/a/b.py`.
  const cleaned = new Map<number, number>();
  const cleanFile = (i: number): number => {
    let c = cleaned.get(i);
    if (c === undefined) {
      const clean = cleanPath(strings[i]);
      c = clean === strings[i] ? i : intern(clean);
      cleaned.set(i, c);
    }
    return c;
  };
  const functionById = new Map<number, number>();
  const rawFunctions: { name: number; system: number; file: number; start: number }[] = [];
  for (const f of functions) {
    const id = f.id ?? 0;
    functionById.set(id, rawFunctions.length);
    rawFunctions.push({ name: stringIndex(f.name, `function ${id}`), system: stringIndex(f.systemName, `function ${id}`), file: cleanFile(stringIndex(f.filename, `function ${id}`)), start: clampInt(f.startLine) });
  }

  const mappingFile = new Map<number, string>();
  for (const m of mappings) {
    mappingFile.set(m.id ?? 0, strings[stringIndex(m.filename, `mapping ${m.id ?? 0}`)]);
  }

  // Our functions: the profile's, except that pprof names a frame without a function name by
  // its mapping, so an unnamed function is one function per (function, mapping) and all the
  // unsymbolized addresses of one mapping are one function, `[binary]` or `<unknown>`.
  const ours = new Map<string, number>();
  const ourFunction = (raw: number, mapping: number): number => {
    const f = raw >= 0 ? rawFunctions[raw] : undefined;
    const named = f !== undefined && strings[f.name] !== '';
    const key = named ? `f${raw}` : `u${raw}:${mappingFile.get(mapping) ?? ''}`;
    let id = ours.get(key);
    if (id === undefined) {
      id = fnName.length;
      ours.set(key, id);
      fnName.push(named ? f.name : intern(unnamedFrame(mappingFile.get(mapping) ?? '')));
      fnFile.push(f?.file ?? 0);
      fnStart.push(f?.start ?? 0);
      fnUnnamed.push(named ? 0 : 1);
      fnSystem.push(named ? f.system : fnName[fnName.length - 1]);
    }
    return id;
  };

  const frameByKey = new Map<string, number>();
  const frFunc: number[] = [];
  const frLine: number[] = [];
  const frInlined: number[] = [];
  const internFrame = (func: number, line: number, inlined: number): number => {
    const key = `${func}:${line}:${inlined}`;
    let id = frameByKey.get(key);
    if (id === undefined) {
      id = frFunc.length;
      frameByKey.set(key, id);
      frFunc.push(func);
      frLine.push(line);
      frInlined.push(inlined);
    }
    return id;
  };

  const locFrameStart = new Uint32Array(locations.length + 1);
  const locFrames: number[] = [];
  const locIds: number[] = [];
  for (let i = 0; i < locations.length; i++) {
    const loc = locations[i];
    const id = loc.id ?? 0;
    locIds.push(id);
    locFrameStart[i] = locFrames.length;
    const lines = loc.line ?? [];
    const mapping = loc.mappingId ?? 0;
    if (lines.length === 0) {
      locFrames.push(internFrame(ourFunction(-1, mapping), 0, 0));
      continue;
    }
    for (let j = 0; j < lines.length; j++) {
      const fid = lines[j].functionId ?? 0;
      const raw = fid === 0 ? -1 : functionById.get(fid);
      if (raw === undefined) {
        throw new ProfileError(`corrupt profile: location ${id} refers to missing function ${fid}`);
      }
      locFrames.push(internFrame(ourFunction(raw, mapping), clampInt(lines[j].line), j < lines.length - 1 ? 1 : 0));
    }
  }
  locFrameStart[locations.length] = locFrames.length;

  return {
    functions: { length: fnName.length, name: Int32Array.from(fnName), file: Int32Array.from(fnFile), startLine: Int32Array.from(fnStart), unnamed: Uint8Array.from(fnUnnamed), systemName: Int32Array.from(fnSystem) },
    frames: { length: frFunc.length, func: Int32Array.from(frFunc), line: Int32Array.from(frLine), inlined: Uint8Array.from(frInlined) },
    locFrameStart,
    locFrames: Int32Array.from(locFrames),
    ...locationLookup(locIds),
  };
}

/** Go numbers locations 1..n, so a dense table serves; other writers get a map. */
function locationLookup(ids: number[]): { locationOf: (id: number) => number; denseLocations: Int32Array } {
  let max = 0;
  for (const id of ids) {
    if (!(id >= 0 && Number.isSafeInteger(id))) {
      max = Infinity;
      break;
    }
    max = Math.max(max, id);
  }
  if (max <= ids.length * 4 + 1024) {
    const dense = new Int32Array(max + 1).fill(-1);
    ids.forEach((id, i) => (dense[id] = i));
    return { locationOf: (id) => (id >= 0 && id <= max ? dense[id] : -1), denseLocations: dense };
  }
  const map = new Map<number, number>();
  ids.forEach((id, i) => map.set(id, i));
  return { locationOf: (id) => map.get(id) ?? -1, denseLocations: new Int32Array(0) };
}

/** Line numbers outside int32 only come from corrupt input; keep them representable. */
function clampInt(x: number | null | undefined): number {
  const v = x ?? 0;
  return v > 0x7fffffff ? 0x7fffffff : v < -0x80000000 ? -0x80000000 : v;
}
