// A validator for the subset of JSON Schema (draft-07) that speedscope's file-format-schema.json
// uses: type, const, enum, properties, required, items, anyOf and local $ref. Returns the
// first violation as a path and reason, or undefined when the value conforms.
type Schema = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  $ref?: string;
  definitions?: Record<string, Schema>;
};

export function validate(root: Schema, ref: string, value: unknown): string | undefined {
  const resolve = (r: string): Schema => {
    const name = decodeURIComponent(r.replace(/^#\/definitions\//, ''));
    const s = root.definitions?.[name];
    if (!s) throw new Error(`unknown $ref ${r}`);
    return s;
  };
  const check = (s: Schema, v: unknown, path: string): string | undefined => {
    if (s.$ref) return check(resolve(s.$ref), v, path);
    if (s.anyOf) return s.anyOf.some((a) => check(a, v, path) === undefined) ? undefined : `${path}: matches none of anyOf`;
    if (s.type) {
      const t = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
      if (t !== s.type) return `${path}: ${t}, not ${s.type}`;
    }
    if ('const' in s && v !== s.const) return `${path}: ${String(v)}, not ${String(s.const)}`;
    if (s.enum && !s.enum.includes(v)) return `${path}: ${String(v)} not in ${s.enum.join('|')}`;
    if (s.required) for (const r of s.required) if (!(r in (v as object))) return `${path}: missing ${r}`;
    if (s.properties) {
      for (const [k, ps] of Object.entries(s.properties)) {
        if (k in (v as object)) {
          const err = check(ps, (v as Record<string, unknown>)[k], `${path}.${k}`);
          if (err) return err;
        }
      }
    }
    if (s.items && Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const err = check(s.items, v[i], `${path}[${i}]`);
        if (err) return err;
      }
    }
    return undefined;
  };
  return check({ $ref: ref }, value, '$');
}
