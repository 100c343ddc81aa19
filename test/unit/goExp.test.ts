// The reader's copy of Go's amd64 math.Exp against Go itself, bit for bit, over the inputs
// heap scaling gives it (-size/rate, mostly in (-64, 0)) and the edges; and its FMA against
// exact arithmetic on cases where a separate multiply and add would round differently.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fma, goExpAmd64 } from '../../src/capture/runtimeProfile/goExp';
import { seededRandom } from './seededRandom';

const fixture = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'goexp', 'main.go');

function bitsOf(x: number): string {
  return Buffer.from(new Float64Array([x]).buffer).readBigUInt64LE().toString(16);
}

function fromBits(hex: string): number {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(`0x${hex}`));
  return b.readDoubleLE(0);
}

test('goExpAmd64 equals Go\'s math.Exp bit for bit', { skip: process.arch !== 'x64' && 'Go\'s exp in assembly is the amd64 one' }, () => {
  const random = seededRandom(7);
  const xs = [0, -0, 1, -1, 0.5, -745.2, -745.1, -708.5, -1000, 709.7, 710, -Infinity, Infinity, 1e-300, -1e-20];
  for (let i = 0; i < 20000; i++) {
    const size = Math.floor(random() * 1 << 20) + 1;
    xs.push(-size / (512 * 1024), -size / 4096, -(random() * 64), random() * 100 - 50);
  }
  // Go takes its FMA path where the CPU has AVX and FMA (math.useFMA); GODEBUG turns FMA off.
  const flags = readFileSync('/proc/cpuinfo', 'utf8');
  const paths = /\bavx\b/.test(flags) && /\bfma\b/.test(flags) ? [true, false] : [false];
  for (const useFMA of paths) {
    const env = { ...process.env, GODEBUG: useFMA ? '' : 'cpu.fma=off' };
    const out = execFileSync('go', ['run', fixture], { env, input: xs.map(bitsOf).join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n');
    let mathExpDiffers = 0;
    xs.forEach((x, i) => {
      const want = fromBits(out[i]);
      assert.ok(Object.is(goExpAmd64(x, useFMA), want), `exp(${x}) with FMA ${useFMA}: ${goExpAmd64(x, useFMA)} vs Go ${want}`);
      mathExpDiffers += Object.is(Math.exp(x), want) ? 0 : 1;
    });
    // The reason this copy exists: Math.exp differs from Go in the last bit for some inputs.
    assert.ok(mathExpDiffers > 0, `Math.exp never differed from Go here (FMA ${useFMA})`);
  }
});

test('fma rounds once', () => {
  // 1 + 2^-52 squared is 1 + 2^-51 + 2^-104: a separate multiply loses the 2^-104.
  const a = 1 + 2 ** -52;
  assert.equal(fma(a, a, -(1 + 2 ** -51)), 2 ** -104);
  assert.equal(a * a - (1 + 2 ** -51), 0);
  assert.equal(fma(3, 5, 7), 22);
  assert.equal(fma(-2, 0.5, 1), 0);
  assert.equal(fma(1e308, 10, -1e308), Infinity);
});
