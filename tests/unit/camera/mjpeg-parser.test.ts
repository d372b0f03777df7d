import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MjpegParser } from '../../../src/main/camera/mjpeg-parser';

const portrait = readFileSync(path.resolve('../shared/portraits/portrait-01.jpg'));

function splitInto(stream: Buffer, sizes: number[]): Buffer[] {
  const chunks: Buffer[] = [];
  let at = 0;
  for (let i = 0; at < stream.length; i++) {
    const n = sizes[i % sizes.length]!;
    chunks.push(stream.subarray(at, at + n));
    at += n;
  }
  return chunks;
}

function feed(stream: Buffer, sizes: number[]): Buffer[] {
  const frames: Buffer[] = [];
  const parser = new MjpegParser((f) => frames.push(f));
  for (const c of splitInto(stream, sizes)) parser.push(c);
  return frames;
}

// Live view must show whole frames: never a half JPEG, never a frame cut at an embedded EXIF thumbnail.
// the chunk-boundary case parses a real portrait split many ways: generous runner limit on a loaded machine
describe('MjpegParser', { timeout: 60_000 }, () => {
  it('keeps a JPEG whose EXIF carries its own thumbnail (SOI/EOI inside APP1) in one piece', () => {
    expect(portrait.indexOf(Buffer.from([0xff, 0xd9]))).toBeLessThan(portrait.length - 2); // the trap exists
    const frames = feed(Buffer.concat([portrait, portrait]), [4096]);
    expect(frames).toHaveLength(2);
    expect(frames[0]!.equals(portrait)).toBe(true);
    expect(frames[1]!.equals(portrait)).toBe(true);
  });

  it('finds every frame whatever the chunk boundaries, skipping bytes between frames', () => {
    const junk = Buffer.from('--boundary\r\nContent-Type: image/jpeg\r\n\r\n', 'latin1');
    const stream = Buffer.concat([junk, portrait, Buffer.from('\r\n'), junk, portrait, junk, portrait]);
    for (const sizes of [[1], [2, 3, 7], [65536], [13, 1, 999]]) {
      const frames = feed(stream, sizes);
      expect(frames.map((f) => f.equals(portrait))).toEqual([true, true, true]);
    }
  });

  it('holds an incomplete frame until its end arrives', () => {
    const frames: Buffer[] = [];
    const parser = new MjpegParser((f) => frames.push(f));
    parser.push(portrait.subarray(0, portrait.length - 1));
    expect(frames).toHaveLength(0);
    parser.push(portrait.subarray(portrait.length - 1));
    expect(frames).toHaveLength(1);
  });

  it('ignores a stream of garbage without emitting frames', () => {
    const frames = feed(Buffer.alloc(100_000, 0x41), [1000]);
    expect(frames).toHaveLength(0);
  });
});
