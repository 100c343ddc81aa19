// The pprof tag filter the label controls send: exactly one value of one key. The value is
// escaped for RE2 and JavaScript alike; its commas become \x2c because pprof splits a tag
// filter on commas.
export function labelValueFilter(key: string, value: string): string {
  return `${key}=^${value.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&').replace(/,/g, '\\x2c')}$`;
}
