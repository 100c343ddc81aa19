/**
 * Itanium C++ names (`_Z...`) as pprof shows them by default: its demangler's simplified
 * form, without parameters, template arguments or return types (`_ZNSt6vectorIiSaIiEE9push_backEOi`
 * is `std::vector::push_back`). Only the name is printed, so only the name and what must be
 * skipped to find its end are parsed; constructs this parser does not know (lambdas,
 * expressions, decltype) make it give up, and the caller keeps the raw name.
 */
export function demangleItanium(mangled: string): string | undefined {
  if (!mangled.startsWith('_Z')) return undefined;
  try {
    return new Parser(mangled, 2).encoding();
  } catch (e) {
    if (e instanceof GiveUp) return undefined;
    throw e;
  }
}

class GiveUp extends Error {}

const STD_ABBREVIATIONS: Record<string, string[]> = {
  a: ['std', 'allocator'],
  b: ['std', 'basic_string'],
  s: ['std', 'string'],
  i: ['std', 'istream'],
  o: ['std', 'ostream'],
  d: ['std', 'iostream'],
};

const OPERATORS: Record<string, string> = {
  nw: 'new', na: 'new[]', dl: 'delete', da: 'delete[]', ps: '+', ng: '-', ad: '&', de: '*', co: '~', pl: '+', mi: '-',
  ml: '*', dv: '/', rm: '%', an: '&', or: '|', eo: '^', aS: '=', pL: '+=', mI: '-=', mL: '*=', dV: '/=', rM: '%=', aN: '&=',
  oR: '|=', eO: '^=', ls: '<<', rs: '>>', lS: '<<=', rS: '>>=', eq: '==', ne: '!=', lt: '<', gt: '>', le: '<=', ge: '>=',
  ss: '<=>', nt: '!', aa: '&&', oo: '||', pp: '++', mm: '--', cm: ',', pm: '->*', pt: '->', cl: '()', ix: '[]', qu: '?',
};

const BUILTIN = 'vwbcahstijlmxynofdegz';

class Parser {
  constructor(private readonly s: string, private pos: number) {}

  /** <encoding>, printing only its name: parameters are not parsed (pprof's NoParams). */
  encoding(): string {
    if (this.s.startsWith('T', this.pos) || this.s.startsWith('GV', this.pos)) return this.special();
    return this.name().join('::');
  }

  private special(): string {
    const two = this.s.slice(this.pos, this.pos + 2);
    this.pos += 2;
    if (two === 'TV') return `vtable for ${this.name().join('::')}`;
    if (two === 'TI') return `typeinfo for ${this.name().join('::')}`;
    if (two === 'TS') return `typeinfo name for ${this.name().join('::')}`;
    if (two === 'GV') return `guard variable for ${this.name().join('::')}`;
    if (two === 'Th' || two === 'Tv') {
      // A call offset, then the function the thunk adjusts `this` for.
      while (this.peek() !== '_') this.next();
      this.next();
      if (two === 'Tv') {
        while (this.peek() !== '_') this.next();
        this.next();
      }
      return `${two === 'Th' ? 'non-virtual' : 'virtual'} thunk to ${this.encoding()}`;
    }
    throw new GiveUp();
  }

  private peek(offset = 0): string {
    return this.s[this.pos + offset] ?? '';
  }

  private next(): string {
    if (this.pos >= this.s.length) throw new GiveUp();
    return this.s[this.pos++];
  }

  private expect(c: string): void {
    if (this.next() !== c) throw new GiveUp();
  }

  private name(): string[] {
    const c = this.peek();
    if (c === 'N') return this.nested();
    if (c === 'Z') return this.local();
    const parts = c === 'S' ? this.substitution() : [this.unqualified([])];
    if (this.peek() === 'I') this.templateArgs();
    return parts;
  }

  private nested(): string[] {
    this.expect('N');
    while ('rVK'.includes(this.peek())) this.next();
    if (this.peek() === 'R' || this.peek() === 'O') this.next();
    const parts: string[] = [];
    while (this.peek() !== 'E') {
      const c = this.peek();
      if (c === 'S') parts.push(...this.substitution());
      else if (c === 'I') this.templateArgs();
      else if (c === 'T' || c === 'D' && (this.peek(1) === 't' || this.peek(1) === 'T')) throw new GiveUp();
      else parts.push(this.unqualified(parts));
    }
    this.next();
    if (parts.length === 0) throw new GiveUp();
    return parts;
  }

  /** Z <function encoding> E <entity>: a name local to a function, printed function::name. */
  private local(): string[] {
    this.expect('Z');
    const fn = this.name();
    if (this.peek() === 'I') this.templateArgs();
    // The enclosing function's own parameters (and return type, for a template) come next.
    while (this.peek() !== 'E') this.skipType();
    this.next();
    if (this.peek() === 's') {
      this.next();
      this.discriminator();
      return [...fn, 'string literal'];
    }
    const entity = this.name();
    this.discriminator();
    return [...fn, ...entity];
  }

  private discriminator(): void {
    if (this.peek() !== '_') return;
    this.next();
    if (this.peek() === '_') {
      this.next();
      while (/\d/.test(this.peek())) this.next();
      this.expect('_');
    } else {
      this.next();
    }
  }

  /** One component: a source name, an operator, a constructor or destructor, with ABI tags. */
  private unqualified(before: readonly string[]): string {
    const c = this.peek();
    let part: string;
    if (c === 'L') {
      this.next();
      return this.unqualified(before);
    }
    if (/\d/.test(c)) part = this.sourceName();
    else if (c === 'C' && /[1-5I]/.test(this.peek(1))) {
      this.next();
      if (this.next() === 'I') {
        this.next();
        this.skipType();
      }
      part = baseName(before);
    } else if (c === 'D' && /[0-5]/.test(this.peek(1))) {
      this.pos += 2;
      part = `~${baseName(before)}`;
    } else if (/[a-z]/.test(c)) part = this.operator();
    else throw new GiveUp();
    while (this.peek() === 'B') {
      this.next();
      part += `[abi:${this.sourceName()}]`;
    }
    return part;
  }

  private sourceName(): string {
    let n = 0;
    while (/\d/.test(this.peek())) n = n * 10 + Number(this.next());
    if (n <= 0 || this.pos + n > this.s.length) throw new GiveUp();
    const id = this.s.slice(this.pos, this.pos + n);
    this.pos += n;
    return id.startsWith('_GLOBAL_') && /^_GLOBAL_[._$]N/.test(id) ? '(anonymous namespace)' : id;
  }

  private operator(): string {
    const code = this.s.slice(this.pos, this.pos + 2);
    this.pos += 2;
    if (code === 'li') return `operator"" ${this.sourceName()}`;
    const op = OPERATORS[code];
    if (!op) throw new GiveUp();
    return /^[a-z]/.test(op) ? `operator ${op}` : `operator${op}`;
  }

  /** St, Sa, Ss...: the components they stand for; a back reference (S_, S0_) is not followed. */
  private substitution(): string[] {
    this.expect('S');
    const c = this.next();
    if (c === 't') return ['std', this.unqualified(['std'])];
    const std = STD_ABBREVIATIONS[c];
    if (std) return std;
    throw new GiveUp();
  }

  private templateArgs(): void {
    this.expect('I');
    while (this.peek() !== 'E') this.templateArg();
    this.next();
  }

  private templateArg(): void {
    const c = this.peek();
    if (c === 'L') {
      this.next();
      if (this.s.startsWith('_Z', this.pos)) {
        this.pos += 2;
        this.encoding();
      } else {
        this.skipType();
        while (this.peek() !== 'E') this.next();
      }
      this.expect('E');
    } else if (c === 'J') {
      this.next();
      while (this.peek() !== 'E') this.templateArg();
      this.next();
    } else if (c === 'X') {
      throw new GiveUp();
    } else {
      this.skipType();
    }
  }

  /** Passes over one <type>; its text is never printed in the simplified form. */
  private skipType(): void {
    const c = this.next();
    if (BUILTIN.includes(c)) return;
    if ('rVKPROCG'.includes(c)) return this.skipType();
    if (c === 'u') {
      this.sourceName();
      return;
    }
    if (c === 'D') {
      const d = this.next();
      if ('defhisuanc'.includes(d)) return;
      if (d === 'p') return this.skipType();
      throw new GiveUp();
    }
    if (c === 'F') {
      if (this.peek() === 'Y') this.next();
      while (this.peek() !== 'E') {
        if ((this.peek() === 'R' || this.peek() === 'O') && this.peek(1) === 'E') this.next();
        else this.skipType();
      }
      this.next();
      return;
    }
    if (c === 'A') {
      while (this.peek() !== '_') this.next();
      this.next();
      return this.skipType();
    }
    if (c === 'M') {
      this.skipType();
      return this.skipType();
    }
    if (c === 'T') {
      while (this.peek() !== '_') this.next();
      this.next();
    } else if (c === 'S') {
      this.pos--;
      if (this.peek(1) === '_' || /[0-9A-Z]/.test(this.peek(1))) {
        this.next();
        while (this.peek() !== '_') this.next();
        this.next();
      } else {
        this.substitution();
      }
    } else if (c === 'N' || c === 'Z' || /\d/.test(c)) {
      this.pos--;
      this.name();
      return;
    } else {
      throw new GiveUp();
    }
    if (this.peek() === 'I') this.templateArgs();
  }
}

/** A constructor or destructor is named after its class, without template arguments. */
function baseName(before: readonly string[]): string {
  const last = before[before.length - 1];
  if (!last) throw new GiveUp();
  return last.replace(/\[abi:[^\]]*\]$/, '');
}
