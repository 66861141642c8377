/**
 * What the SDR repository and the SEL share: records read by ID with 0000h = first and
 * FFFFh = last (v2.0 §31.5, §33.12), and a reservation that a new reservation (or a change the
 * repository defines) cancels (v2.0 §31.4, §33.11).
 */

/** Record IDs in requests: 0000h the first record, FFFFh the last; FFFFh as "next" ends a walk. */
export const FIRST = 0x0000;
export const LAST = 0xffff;

/** Records kept in order, each starting with its 16-bit little-endian record ID. */
export class RecordList {
  private records: Buffer[] = [];
  private readonly index = new Map<number, number>();

  get length(): number {
    return this.records.length;
  }
  all(): readonly Buffer[] {
    return this.records;
  }
  reset(records: Buffer[]): void {
    this.records = records;
    this.reindex();
  }
  push(rec: Buffer): void {
    this.index.set(rec.readUInt16LE(0), this.records.length);
    this.records.push(rec);
  }
  has(id: number): boolean {
    return this.index.has(id);
  }
  /** Remove by record ID; false when there is none. */
  remove(id: number): boolean {
    const i = this.index.get(id);
    if (i === undefined) return false;
    this.records.splice(i, 1);
    this.reindex();
    return true;
  }
  /** The record with this ID (or first/last) and the next record's ID (FFFFh after the last). */
  get(id: number): { record: Buffer; nextId: number } | undefined {
    if (this.records.length === 0) return undefined;
    const i = id === FIRST ? 0 : id === LAST ? this.records.length - 1 : this.index.get(id);
    if (i === undefined) return undefined;
    const next = this.records[i + 1];
    return { record: this.records[i], nextId: next ? next.readUInt16LE(0) : LAST };
  }
  private reindex(): void {
    this.index.clear();
    this.records.forEach((r, i) => this.index.set(r.readUInt16LE(0), i));
  }
}

/** A reservation ID 0001h-FFFFh; 0000h is never issued (requests use it for "no reservation"). */
export class Reservation {
  private current = 0;
  private counter = 0;
  reserve(): number {
    this.counter = (this.counter % 0xffff) + 1;
    this.current = this.counter;
    return this.current;
  }
  holds(id: number): boolean {
    return id !== 0 && id === this.current;
  }
  cancel(): void {
    this.current = 0;
  }
}
