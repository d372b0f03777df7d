// Splits a byte stream of concatenated JPEGs (gphoto2 --capture-movie --stdout, ffmpeg -f mjpeg) into frames.
// It walks JPEG segments instead of searching for FF D9, so an EXIF thumbnail inside APP1 (which has its own
// SOI/EOI) never cuts a frame short; inside entropy-coded data FF is always followed by 00 or a marker.

const MAX_FRAME_BYTES = 64 * 1024 * 1024;

export class MjpegParser {
  private buf: Buffer = Buffer.alloc(0);
  /** Bytes of `buf` already known to belong to the current frame (so each byte is scanned once). */
  private scanned = 0;
  private inEntropy = false;
  private started = false;
  /** Bytes dropped because they were not inside a JPEG (HTTP multipart headers, noise). */
  skippedBytes = 0;

  constructor(private readonly onFrame: (jpeg: Buffer) => void) {}

  private backing: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    this.append(chunk);
    for (;;) {
      if (!this.started && !this.findStart()) return;
      const end = this.findEnd();
      if (end < 0) {
        if (this.buf.length > MAX_FRAME_BYTES) this.reset(this.buf.length);
        return;
      }
      this.onFrame(Buffer.from(this.buf.subarray(0, end)));
      this.reset(end);
    }
  }

  // Appends into spare capacity so a stream arriving in tiny chunks costs O(n), not O(n²).
  private append(chunk: Buffer): void {
    const used = this.buf.length;
    const offset = this.buf.byteOffset - this.backing.byteOffset;
    if (used > 0 && offset + used + chunk.length <= this.backing.length && this.buf.buffer === this.backing.buffer) {
      chunk.copy(this.backing, offset + used);
      this.buf = this.backing.subarray(offset, offset + used + chunk.length);
      return;
    }
    const next = Buffer.allocUnsafe(Math.max(64 * 1024, (used + chunk.length) * 2));
    this.buf.copy(next, 0);
    chunk.copy(next, used);
    this.backing = next;
    this.buf = next.subarray(0, used + chunk.length);
  }

  private reset(consumed: number): void {
    this.buf = this.buf.subarray(consumed);
    this.scanned = 0;
    this.inEntropy = false;
    this.started = false;
  }

  private findStart(): boolean {
    for (let i = 0; i + 2 < this.buf.length; i++) {
      if (this.buf[i] === 0xff && this.buf[i + 1] === 0xd8 && this.buf[i + 2] === 0xff) {
        this.skippedBytes += i;
        this.buf = this.buf.subarray(i);
        this.scanned = 2;
        this.started = true;
        return true;
      }
    }
    const keep = Math.min(this.buf.length, 2);
    this.skippedBytes += this.buf.length - keep;
    this.buf = this.buf.subarray(this.buf.length - keep);
    return false;
  }

  /** Offset just past EOI, or -1 when more bytes are needed. */
  private findEnd(): number {
    const b = this.buf;
    let i = this.scanned;
    while (i + 1 < b.length) {
      if (this.inEntropy) {
        if (b[i] !== 0xff) {
          i++;
          continue;
        }
        const m = b[i + 1]!;
        if (m === 0x00 || m === 0xff || (m >= 0xd0 && m <= 0xd7)) {
          i += m === 0xff ? 1 : 2;
          continue;
        }
        this.inEntropy = false; // a real marker ends the scan data
        continue;
      }
      if (b[i] !== 0xff) {
        i++; // tolerate padding between segments
        continue;
      }
      const marker = b[i + 1]!;
      if (marker === 0xff) {
        i++;
        continue;
      }
      if (marker === 0xd9) return i + 2;
      if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
        i += 2;
        continue;
      }
      if (i + 3 >= b.length) break;
      const len = b.readUInt16BE(i + 2);
      if (i + 2 + len > b.length) break;
      i += 2 + len;
      if (marker === 0xda) this.inEntropy = true;
    }
    this.scanned = i;
    return -1;
  }
}
