import type { Clock } from '../../lib/clock';
import type { SelSpec } from '../../profile/types';
import { HARDWARE_DEFAULTS } from '../../profile/hardware';
import { EVM_REV, SEL_RECORD_LENGTH, SelRecord, SelRecordType, TIMESTAMP_UNSPECIFIED, decodeSel } from '../../codec/records/sel';
import { UTC_OFFSET_UNSPECIFIED } from '../../codec/commands/storage/get-sel-time-utc-offset';
import type { DeviceStore } from './store';
import { Journal } from './journal';
import { Shape } from './section';
import { RecordList, Reservation } from './records';

/** An event to log as a system event record (type 02h). */
export interface SelEvent {
  generatorId: number;
  sensorType: number;
  sensorNumber: number;
  eventType: number;
  deassertion: boolean;
  data: [number, number, number];
  /** SEL time of the event; default now. */
  timestamp?: number;
}

/** Record IDs 0000h and FFFFh mean "first" and "last" in requests (v2.0 §31.5): never assigned. */
const LAST_ID = 0xfffe;
/** A journal longer than this (and than the capacity) is folded into a snapshot. */
const COMPACT_AFTER = 256;

type SelOp =
  | { t: 'add'; hex: string; at: number }
  | { t: 'delete'; id: number; at: number }
  | { t: 'clear'; at: number }
  | { t: 'time'; offsetMs: number }
  | { t: 'utc'; minutes: number }
  | { t: 'overflow' };

interface SelData {
  /** Records in ID order, 16 bytes each with their ID, as hex. */
  entries: string[];
  nextId: number;
  lastAdd?: number;
  lastErase?: number;
  overflow: boolean;
  /** Set SEL Time: SEL time = clock + offset. */
  timeOffsetMs: number;
  utcOffsetMinutes: number;
}

/** What the SEL tells the sensors bound to it (Event Logging Disabled, v2.0 Table 42-3 type 10h). */
export type SelChange = { cleared: boolean; full: boolean; almostFull: boolean };

/**
 * The System Event Log (v2.0 §31): 16-byte records with increasing IDs, a fixed capacity (a full
 * SEL refuses new entries and sets the overflow flag, as BMCs do), its own clock (real time unless
 * the profile asks for "pre-init" seconds), reservations cancelled by deletes and clears. Every
 * change is an fdatasync'ed journal line (journal.ts) before the command is answered, so an
 * acknowledged Add SEL Entry survives kill -9.
 */
export class Sel {
  private data: SelData;
  private readonly records = new RecordList();
  private readonly journal: Journal<SelData, SelOp>;
  private readonly reservation = new Reservation();
  private readonly startMono: number;
  readonly capacity: number;
  private readonly preInit: boolean;
  /** The state came from the profile and is not on disk yet (see the constructor). */
  private unsaved = false;
  /** Called after an add, delete or clear. */
  onChange?: (c: SelChange) => void;

  constructor(
    store: DeviceStore,
    private readonly clock: Clock,
    spec: SelSpec | undefined,
  ) {
    this.capacity = spec?.capacity ?? HARDWARE_DEFAULTS.sel.capacity;
    this.preInit = (spec?.clock ?? HARDWARE_DEFAULTS.sel.clock) === 'pre-init';
    this.startMono = clock.monotonic();
    this.journal = new Journal(store.dir, 'sel');
    this.data = { entries: [], nextId: 1, overflow: false, timeOffsetMs: 0, utcOffsetMinutes: spec?.utcOffsetMinutes ?? UTC_OFFSET_UNSPECIFIED };
    const saved = this.journal.load((raw, at) => parseOp(raw, new Shape(at)));
    if (saved) {
      if (saved.state) this.data = checkData(saved.state, new Shape(this.journal.snapshotFile!.file));
      this.rebuild();
      for (const op of saved.ops) this.applyOp(op);
    } else {
      // First start: the profile's entries are added in memory only. Nothing is written until
      // the first change (commit() then saves this state as the snapshot before journaling the
      // change): a BMC that never changed starts the same way from its profile next time, and a
      // fleet's first start costs no fsync per BMC (1000 BMCs: 24 s -> 3 s, issue 8).
      this.unsaved = true;
      const now = this.time();
      for (const e of spec?.initialEntries ?? []) {
        if (this.records.length >= this.capacity) {
          this.data.overflow = true;
          break;
        }
        this.applyOp({ t: 'add', hex: this.stamped(this.systemRecord({ ...e, data: e.eventData, timestamp: Math.max(0, now - e.secondsAgo) }), true), at: now });
      }
    }
  }

  // ---- clock ----

  /** SEL time in seconds (v2.0 §37.1): since 1970, or since the BMC started for a pre-init clock. */
  time(): number {
    const base = this.preInit ? this.clock.monotonic() - this.startMono : this.clock.now();
    return Math.max(0, Math.floor((base + this.data.timeOffsetMs) / 1000)) >>> 0;
  }
  setTime(seconds: number): void {
    const base = this.preInit ? this.clock.monotonic() - this.startMono : this.clock.now();
    this.commit({ t: 'time', offsetMs: seconds * 1000 - base });
  }
  get utcOffsetMinutes(): number {
    return this.data.utcOffsetMinutes;
  }
  setUtcOffset(minutes: number): void {
    this.commit({ t: 'utc', minutes });
  }

  // ---- reading ----

  get count(): number {
    return this.records.length;
  }
  get freeBytes(): number {
    return (this.capacity - this.records.length) * SEL_RECORD_LENGTH;
  }
  get overflow(): boolean {
    return this.data.overflow;
  }
  get lastAddTime(): number {
    return this.data.lastAdd ?? TIMESTAMP_UNSPECIFIED;
  }
  get lastEraseTime(): number {
    return this.data.lastErase ?? TIMESTAMP_UNSPECIFIED;
  }

  /** The record with this ID (0000h = first, FFFFh = last) and the next record's ID (FFFFh after the last). */
  get(id: number): { record: Buffer; nextId: number } | undefined {
    return this.records.get(id);
  }

  /** Every record, decoded (for the control API and tests). */
  list(): SelRecord[] {
    return this.records.all().map((r) => decodeSel(r));
  }

  // ---- reservations (v2.0 §31.4) ----

  reserve(): number {
    return this.reservation.reserve();
  }
  /** Is this the reservation in force? */
  reserved(id: number): boolean {
    return this.reservation.holds(id);
  }

  // ---- changes ----

  /**
   * Add a record (Add SEL Entry): the SEL assigns its ID and, for types 02h and C0h-DFh, the
   * timestamp. Undefined when the SEL is full (the overflow flag is then set).
   */
  add(record: Buffer, keepTimestamp = false): number | undefined {
    if (this.records.length >= this.capacity) {
      if (!this.data.overflow) this.commit({ t: 'overflow' });
      return undefined;
    }
    const id = this.data.nextId;
    this.commit({ t: 'add', hex: this.stamped(record, keepTimestamp), at: this.time() });
    return id;
  }

  /** The record as it will be stored, as hex: the next record ID, and the SEL's time for types 02h and C0h-DFh unless kept. */
  private stamped(record: Buffer, keepTimestamp: boolean): string {
    const rec = Buffer.from(record);
    rec.writeUInt16LE(this.data.nextId, 0);
    const type = rec[2];
    const stamped = type === SelRecordType.System || (type >= SelRecordType.OemTimestampedFirst && type < SelRecordType.OemNonTimestampedFirst);
    if (stamped && !keepTimestamp) rec.writeUInt32LE(this.time(), 3);
    return rec.toString('hex');
  }

  /** Log a system event record (sensor events, platform event messages), timestamped now unless it says when. */
  addEvent(e: SelEvent): number | undefined {
    return this.add(this.systemRecord(e), e.timestamp !== undefined);
  }

  /** Delete SEL Entry: the deleted record's ID, or undefined when there is none. Cancels the reservation. */
  delete(id: number): number | undefined {
    const got = this.get(id);
    if (!got) return undefined;
    const real = got.record.readUInt16LE(0);
    this.commit({ t: 'delete', id: real, at: this.time() });
    return real;
  }

  /** Clear SEL: erase everything, clear the overflow flag, cancel the reservation. */
  clear(): void {
    this.commit({ t: 'clear', at: this.time() });
  }

  close(): void {
    this.journal.close();
  }

  // ---- internals ----

  private systemRecord(e: SelEvent): Buffer {
    const rec = Buffer.alloc(SEL_RECORD_LENGTH);
    rec[2] = SelRecordType.System;
    rec.writeUInt32LE(e.timestamp ?? this.time(), 3);
    rec.writeUInt16LE(e.generatorId, 7);
    rec[9] = EVM_REV;
    rec[10] = e.sensorType;
    rec[11] = e.sensorNumber;
    rec[12] = (e.deassertion ? 0x80 : 0) | (e.eventType & 0x7f);
    rec[13] = e.data[0];
    rec[14] = e.data[1];
    rec[15] = e.data[2];
    return rec;
  }

  /** Make a change durable (journal), then apply it; a snapshot now and then keeps the journal short. */
  private commit(op: SelOp): void {
    if (this.unsaved) {
      this.journal.snapshot(this.data);
      this.unsaved = false;
    }
    this.journal.append(op);
    const change = this.applyOp(op);
    if (this.journal.length > Math.max(COMPACT_AFTER, this.capacity)) this.journal.snapshot(this.data);
    if (change) this.onChange?.(change);
  }

  private applyOp(op: SelOp): SelChange | undefined {
    switch (op.t) {
      case 'add': {
        this.store(Buffer.from(op.hex, 'hex'));
        this.data.lastAdd = op.at;
        return this.status(false);
      }
      case 'delete': {
        if (this.records.remove(op.id)) this.data.entries = this.records.all().map((r) => r.toString('hex'));
        this.data.lastErase = op.at;
        this.reservation.cancel();
        return this.status(false);
      }
      case 'clear':
        this.records.reset([]);
        this.data.entries = [];
        this.data.nextId = 1;
        this.data.overflow = false;
        this.data.lastErase = op.at;
        this.reservation.cancel();
        return this.status(true);
      case 'time':
        this.data.timeOffsetMs = op.offsetMs;
        return undefined;
      case 'utc':
        this.data.utcOffsetMinutes = op.minutes;
        return undefined;
      case 'overflow':
        this.data.overflow = true;
        return undefined;
    }
  }

  private status(cleared: boolean): SelChange {
    return { cleared, full: this.records.length >= this.capacity, almostFull: this.records.length >= this.capacity * 0.75 };
  }

  private store(rec: Buffer): void {
    const id = rec.readUInt16LE(0);
    this.records.push(rec);
    this.data.entries.push(rec.toString('hex'));
    this.data.nextId = id >= LAST_ID ? 1 : id + 1;
    while (this.records.has(this.data.nextId)) this.data.nextId = this.data.nextId >= LAST_ID ? 1 : this.data.nextId + 1;
  }

  private rebuild(): void {
    this.records.reset(this.data.entries.map((h) => Buffer.from(h, 'hex')));
  }
}

function parseOp(raw: unknown, s: Shape): SelOp {
  const o = s.object(raw, '');
  switch (o.t) {
    case 'add':
      return { t: 'add', hex: s.hex(o.hex, '/hex', SEL_RECORD_LENGTH).toString('hex'), at: s.int(o.at, '/at', 0, 0xffffffff) };
    case 'delete':
      return { t: 'delete', id: s.int(o.id, '/id', 1, LAST_ID), at: s.int(o.at, '/at', 0, 0xffffffff) };
    case 'clear':
      return { t: 'clear', at: s.int(o.at, '/at', 0, 0xffffffff) };
    case 'time':
      return { t: 'time', offsetMs: s.int(o.offsetMs, '/offsetMs', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) };
    case 'utc':
      return { t: 'utc', minutes: s.int(o.minutes, '/minutes', -0x8000, 0x7fff) };
    case 'overflow':
      return { t: 'overflow' };
    default:
      return s.fail('/t', 'unknown journal operation');
  }
}

function checkData(raw: unknown, s: Shape): SelData {
  const o = s.object(raw, '/state');
  if (!Array.isArray(o.entries)) s.fail('/state/entries', 'must be a list');
  const opt = (v: unknown, at: string) => (v === undefined ? undefined : s.int(v, at, 0, 0xffffffff));
  return {
    entries: (o.entries as unknown[]).map((e, i) => {
      const b = s.hex(e, `/state/entries/${i}`, SEL_RECORD_LENGTH);
      if (b.length !== SEL_RECORD_LENGTH) s.fail(`/state/entries/${i}`, 'must be 16 bytes');
      return b.toString('hex');
    }),
    nextId: s.int(o.nextId, '/state/nextId', 1, LAST_ID),
    lastAdd: opt(o.lastAdd, '/state/lastAdd'),
    lastErase: opt(o.lastErase, '/state/lastErase'),
    overflow: s.bool(o.overflow, '/state/overflow'),
    timeOffsetMs: s.int(o.timeOffsetMs, '/state/timeOffsetMs', -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    utcOffsetMinutes: s.int(o.utcOffsetMinutes, '/state/utcOffsetMinutes', -0x8000, 0x7fff),
  };
}
