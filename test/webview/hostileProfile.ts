// A profile no Go program can write: function and file names made of HTML and script.
// Encoded with the engine's own protobuf code so it is a well-formed pprof file.
import { perftools } from '../../src/profile/proto/profile';

export const hostileNames = [
  '<img src=x onerror="window.__pwned=1">',
  '</script><script>window.__pwned=2</script>',
  'main.(*T).<b>bold</b>',
  '" onmouseover="window.__pwned=3',
];

export function hostileProfile(): Uint8Array {
  const strings = ['', 'cpu', 'nanoseconds', 'samples', 'count', 'main.main', '/src/<svg onload=alert(1)>.go', ...hostileNames];
  const str = (s: string): number => strings.indexOf(s);
  const funcs = ['main.main', ...hostileNames].map((name, i) => ({ id: i + 1, name: str(name), systemName: str(name), filename: str('/src/<svg onload=alert(1)>.go'), startLine: 10 * (i + 1) }));
  const locations = funcs.map((f) => ({ id: f.id, line: [{ functionId: f.id, line: f.startLine + 1 }] }));
  // main.main calls each hostile function; each sample is leaf first.
  const samples = hostileNames.map((_, i) => ({ locationId: [i + 2, 1], value: [10 * (i + 1), (i + 1) * 10_000_000] }));
  const bytes = perftools.profiles.Profile.encode({
    sampleType: [
      { type: str('samples'), unit: str('count') },
      { type: str('cpu'), unit: str('nanoseconds') },
    ],
    sample: samples,
    location: locations,
    function: funcs,
    stringTable: strings,
    periodType: { type: str('cpu'), unit: str('nanoseconds') },
    period: 10_000_000,
  }).finish();
  return bytes;
}
