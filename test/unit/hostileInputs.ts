// Hostile inputs for the engine's memory limits, written into a temp dir: a gzip bomb that
// inflates to 1 GiB (one 16 MiB member of zeros, repeated: gzip allows many members) and a
// profile whose only function name is 100 MB long (uncompressed protobuf, so no ratio helps).
import { closeSync, openSync, writeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { perftools } from '../../src/profile/proto/profile';

export function writeGzipBomb(path: string, inflatedBytes = 1 << 30): void {
  const member = gzipSync(Buffer.alloc(16 << 20), { level: 9 });
  const fd = openSync(path, 'wx');
  try {
    for (let n = 0; n < inflatedBytes; n += 16 << 20) writeSync(fd, member);
  } finally {
    closeSync(fd);
  }
}

/** A valid profile with one sample in one function whose name is `nameBytes` ASCII letters. */
export function writeHugeNameProfile(path: string, nameBytes = 100 << 20): void {
  const placeholder = 'HUGE-NAME';
  const encoded = Buffer.from(perftools.profiles.Profile.encode({
    sampleType: [{ type: 1, unit: 2 }],
    function: [{ id: 1, name: 3, systemName: 3, filename: 4 }],
    location: [{ id: 1, line: [{ functionId: 1, line: 1 }] }],
    sample: [{ locationId: [1], value: [7] }],
    stringTable: ['', 'samples', 'count', placeholder, 'x.go'],
  }).finish());
  // The string table comes last: cut the placeholder out and write the huge string in its place.
  const at = encoded.indexOf(Buffer.from(placeholder));
  const tag = Buffer.from([0x32]);
  const length: number[] = [];
  for (let n = nameBytes; ; n = Math.floor(n / 128)) {
    if (n < 128) {
      length.push(n);
      break;
    }
    length.push((n % 128) | 128);
  }
  const fd = openSync(path, 'wx');
  try {
    writeSync(fd, encoded.subarray(0, at - 2));
    writeSync(fd, Buffer.concat([tag, Buffer.from(length)]));
    const chunk = Buffer.alloc(1 << 20);
    for (let i = 0; i < chunk.length; i++) chunk[i] = 97 + ((i * 7919) % 26);
    for (let n = 0; n < nameBytes; n += chunk.length) writeSync(fd, chunk.subarray(0, Math.min(chunk.length, nameBytes - n)));
    writeSync(fd, encoded.subarray(at + placeholder.length));
  } finally {
    closeSync(fd);
  }
}
