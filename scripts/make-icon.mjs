// Draws media/icon.png, the marketplace icon: a flame graph growing from a Go-blue root frame,
// with a breakpoint dot. Drawn by code so it can be changed and redrawn without an image editor:
// `node scripts/make-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const size = 256;
const supersample = 4;

const background = '#12303d';
const rowHeight = 30;
const gap = 6;
const bottom = 210;
// Each row from the root up: [left, right, colour]; the widths shrink like a real flame graph.
const rows = [
  [[36, 220, '#00add8']],
  [[36, 150, '#f6a623'], [156, 220, '#f57c00']],
  [[36, 108, '#e8542f'], [114, 150, '#f6c343'], [156, 198, '#e8542f']],
  [[36, 82, '#f6c343'], [156, 182, '#f6a623']],
  [[36, 62, '#e8542f']],
];
const breakpoint = { x: 200, y: 46, r: 24, colour: '#e51400', ring: '#ffffff' };

function rgb(hex) {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

function insideRoundedRect(x, y, left, top, right, btm, radius) {
  if (x < left || x >= right || y < top || y >= btm) {
    return false;
  }
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), btm - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

// Colour (with alpha) of one point of the picture, front-most shape first.
function colourAt(x, y) {
  const d = Math.hypot(x - breakpoint.x, y - breakpoint.y);
  if (d <= breakpoint.r - 5) {
    return [...rgb(breakpoint.colour), 255];
  }
  if (d <= breakpoint.r) {
    return [...rgb(breakpoint.ring), 255];
  }
  for (let i = 0; i < rows.length; i++) {
    const top = bottom - (i + 1) * rowHeight - i * gap;
    for (const [left, right, colour] of rows[i]) {
      if (insideRoundedRect(x, y, left, top, right, top + rowHeight, 5)) {
        return [...rgb(colour), 255];
      }
    }
  }
  if (insideRoundedRect(x, y, 0, 0, size, size, 44)) {
    return [...rgb(background), 255];
  }
  return [0, 0, 0, 0];
}

function render() {
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < supersample; sy++) {
        for (let sx = 0; sx < supersample; sx++) {
          const [r, g, b, a] = colourAt(x + (sx + 0.5) / supersample, y + (sy + 0.5) / supersample);
          sum[0] += r * a;
          sum[1] += g * a;
          sum[2] += b * a;
          sum[3] += a;
        }
      }
      const o = (y * size + x) * 4;
      const alpha = sum[3] / supersample ** 2;
      for (let c = 0; c < 3; c++) {
        pixels[o + c] = sum[3] ? Math.round(sum[c] / sum[3]) : 0;
      }
      pixels[o + 3] = Math.round(alpha);
    }
  }
  return pixels;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = new URL('../media/icon.png', import.meta.url);
writeFileSync(out, encodePng(render()));
console.log(`wrote ${out.pathname}`);
