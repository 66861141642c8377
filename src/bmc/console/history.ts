/**
 * The last `capacity` bytes of a console's output, in order. Chunks are kept as they came and
 * the oldest are trimmed, so memory grows with what was printed, up to the capacity: a thousand
 * idle virtual BMCs hold nothing.
 */
export class History {
  private chunks: Buffer[] = [];
  private size = 0;
  /** Bytes ever written, for "what came since" readers. */
  total = 0;
  constructor(readonly capacity: number) {}

  push(data: Buffer): void {
    if (this.capacity <= 0 || data.length === 0) return;
    this.total += data.length;
    const keep = data.length > this.capacity ? data.subarray(data.length - this.capacity) : data;
    this.chunks.push(Buffer.from(keep));
    this.size += keep.length;
    while (this.size > this.capacity) {
      const first = this.chunks[0];
      const over = this.size - this.capacity;
      if (first.length <= over) {
        this.chunks.shift();
        this.size -= first.length;
      } else {
        this.chunks[0] = first.subarray(over);
        this.size -= over;
      }
    }
  }

  /** Everything kept, oldest first. */
  contents(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  get length(): number {
    return this.size;
  }
}
