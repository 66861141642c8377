import { handle, BoundHandler, MAX_REQUEST_DATA } from '../dispatch';
import type { VirtualBmc, BmcContext } from '../device';
import { CC, fail } from '../../codec/message/completion-codes';
import {
  GetFruInventoryAreaInfo,
  ReadFruData,
  WriteFruData,
  GetSdrRepositoryInfo,
  GetSdrRepositoryAllocationInfo,
  ReserveSdrRepository,
  GetSdr,
  GetSdrRepositoryTime,
  GetSelInfo,
  GetSelAllocationInfo,
  ReserveSel,
  GetSelEntry,
  AddSelEntry,
  DeleteSelEntry,
  ClearSel,
  ClearSelAction,
  ClearSelProgress,
  GetSelTime,
  SetSelTime,
  GetSelTimeUtcOffset,
  SetSelTimeUtcOffset,
  READ_ENTIRE_RECORD,
  UTC_OFFSET_UNSPECIFIED,
} from '../../codec/commands/storage';
import { SDR_VERSION } from '../../codec/records/sdr';
import { SEL_RECORD_LENGTH, encodeSel } from '../../codec/records/sel';

/**
 * The most response data (after the completion code) one LAN message carries: as much as a
 * request may (dispatch MAX_REQUEST_DATA, a 256-byte IPMI message less its framing).
 */
export const MAX_RESPONSE_DATA = MAX_REQUEST_DATA;
/** Get SDR / Get Device SDR / Get SEL Entry: the data after the 2-byte next record ID. */
export const MAX_RECORD_READ = MAX_RESPONSE_DATA - 2;
/** Read FRU Data: the data after the count byte. pyghmi reads 224 bytes at a time and backs off on CAh. */
export const MAX_FRU_READ = MAX_RESPONSE_DATA - 1;
/** SDR and SEL version byte 51h: IPMI v1.5/v2.0 (v2.0 Tables 31-2, 33-3). */
const SEL_VERSION = 0x51;
/** Allocation unit size we report for the SDR repository (v2.0 Table 33-4); the SEL's is its record size. */
const SDR_UNIT = 16;
/** Limits of Set SEL Time UTC Offset (v2.0 §31.11b): -1440..1440 minutes, or 07FFh unspecified. */
const UTC_OFFSET_LIMIT = 1440;

type Def = { name: string; codes?: Readonly<Record<number, string>> };

/**
 * A command-specific completion code found by its meaning in the command's definition, so the
 * number is written once, in the definition's `codes` table.
 */
export function codeFor(def: Def, text: string): number {
  const hit = Object.entries(def.codes ?? {}).find(([, t]) => t === text);
  if (!hit) throw new Error(`${def.name} defines no completion code "${text}"`);
  return Number(hit[0]);
}

/**
 * A partial record read (Get SDR, Get Device SDR, Get SEL Entry; v2.0 §33.12, §35.3, §31.5):
 * a non-zero offset needs the reservation in force, and any reservation given must be it (C5h);
 * FFh reads the rest of the record; more than one message holds is CAh; a count past the end of
 * the record returns what there is; an offset past the end is C9h.
 */
export function recordRead(
  def: Def,
  req: { reservationId: number; recordId: number; offset: number; bytesToRead: number },
  reserved: (id: number) => boolean,
  get: (id: number) => { record: Buffer; nextId: number } | undefined,
): { nextRecordId: number; data: Buffer } {
  if ((req.offset !== 0 || req.reservationId !== 0) && !reserved(req.reservationId)) fail(CC.ReservationCancelled, def);
  const got = get(req.recordId);
  if (!got) fail(CC.NotPresent, def);
  if (req.offset > got.record.length) fail(CC.ParameterOutOfRange, def);
  const want = req.bytesToRead === READ_ENTIRE_RECORD ? got.record.length - req.offset : req.bytesToRead;
  if (want > MAX_RECORD_READ) fail(CC.CannotReturnRequestedBytes, def);
  return { nextRecordId: got.nextId, data: Buffer.from(got.record.subarray(req.offset, req.offset + want)) };
}

function fruOf(ctx: BmcContext, id: number, def: Def) {
  const d = ctx.bmc.fru.get(id);
  if (!d) fail(CC.NotPresent, def);
  return d;
}

/** Storage commands (v2.0 §31 SEL, §33 SDR repository, §34 FRU). */
export const storageHandlers: BoundHandler<VirtualBmc>[] = [
  // ---- FRU (v2.0 §34) ----
  handle(GetFruInventoryAreaInfo, (req, ctx) => ({ areaSize: fruOf(ctx, req.fruDeviceId, GetFruInventoryAreaInfo).spec.size, accessedByWords: false })),

  handle(ReadFruData, (req, ctx) => {
    const def = ReadFruData;
    fruOf(ctx, req.fruDeviceId, def);
    if (req.count > MAX_FRU_READ) fail(CC.CannotReturnRequestedBytes, def);
    const data = ctx.bmc.fru.read(req.fruDeviceId, req.offset, req.count);
    if (!data) fail(CC.ParameterOutOfRange, def);
    return { data };
  }),

  handle(WriteFruData, (req, ctx) => {
    const def = WriteFruData;
    const d = fruOf(ctx, req.fruDeviceId, def);
    if (!d.spec.writable) fail(codeFor(def, 'Write-protected offset'), def);
    if (req.offset >= d.spec.size) fail(CC.ParameterOutOfRange, def);
    return { countWritten: ctx.bmc.fru.write(req.fruDeviceId, req.offset, req.data) };
  }),

  // ---- SDR repository (v2.0 §33) ----
  handle(GetSdrRepositoryInfo, (_req, ctx) => {
    const sdr = ctx.bmc.sdr;
    return {
      sdrVersion: SDR_VERSION,
      recordCount: sdr.count,
      freeSpace: sdr.freeSpace,
      mostRecentAddition: sdr.lastAddition,
      mostRecentErase: sdr.lastErase,
      // The repository is built from the profile: no Add/Delete SDR, no update modes to enter.
      operationSupport: { overflow: false, updateModes: 0, deleteSdr: false, partialAddSdr: false, reserveSdrRepository: true, getAllocationInfo: true },
    };
  }),

  handle(GetSdrRepositoryAllocationInfo, (_req, ctx) => {
    const sdr = ctx.bmc.sdr;
    const units = Math.ceil((sdr.bytesUsed + sdr.freeSpace) / SDR_UNIT);
    const free = Math.floor(sdr.freeSpace / SDR_UNIT);
    const largest = sdr.all().reduce((n, r) => Math.max(n, r.length), 0);
    return { allocationUnits: units, allocationUnitSize: SDR_UNIT, freeAllocationUnits: free, largestFreeBlock: free, maxRecordSize: Math.ceil(largest / SDR_UNIT) };
  }),

  handle(ReserveSdrRepository, (_req, ctx) => ({ reservationId: ctx.bmc.sdr.reserve() })),

  handle(GetSdr, (req, ctx) =>
    recordRead(
      GetSdr,
      req,
      (id) => ctx.bmc.sdr.reserved(id),
      (id) => ctx.bmc.sdr.get(id),
    ),
  ),

  handle(GetSdrRepositoryTime, (_req, ctx) => ({ time: ctx.bmc.sel.time() })),

  // ---- SEL (v2.0 §31) ----
  handle(GetSelInfo, (_req, ctx) => {
    ctx.bmc.sensors.evaluateAll();
    const sel = ctx.bmc.sel;
    return {
      selVersion: SEL_VERSION,
      entries: sel.count,
      freeSpace: Math.min(0xffff, sel.freeBytes),
      mostRecentAddition: sel.lastAddTime,
      mostRecentErase: sel.lastEraseTime,
      operationSupport: { overflow: sel.overflow, deleteSel: true, partialAddSel: false, reserveSel: true, getAllocationInfo: true },
    };
  }),

  handle(GetSelAllocationInfo, (_req, ctx) => {
    const sel = ctx.bmc.sel;
    const free = sel.capacity - sel.count;
    return { allocationUnits: sel.capacity, allocationUnitSize: SEL_RECORD_LENGTH, freeAllocationUnits: free, largestFreeBlock: free, maxRecordSize: 1 };
  }),

  handle(ReserveSel, (_req, ctx) => ({ reservationId: ctx.bmc.sel.reserve() })),

  handle(GetSelEntry, (req, ctx) => {
    if (req.recordId === 0) ctx.bmc.sensors.evaluateAll();
    return recordRead(
      GetSelEntry,
      req,
      (id) => ctx.bmc.sel.reserved(id),
      (id) => ctx.bmc.sel.get(id),
    );
  }),

  handle(AddSelEntry, (req, ctx) => {
    const id = ctx.bmc.sel.add(encodeSel(req));
    // A full SEL takes no more entries and sets its overflow flag (v2.0 §31.2).
    if (id === undefined) fail(CC.OutOfSpace, AddSelEntry);
    return { recordId: id };
  }),

  handle(DeleteSelEntry, (req, ctx) => {
    const def = DeleteSelEntry;
    if (!ctx.bmc.sel.reserved(req.reservationId)) fail(CC.ReservationCancelled, def);
    const id = ctx.bmc.sel.delete(req.recordId);
    if (id === undefined) fail(CC.NotPresent, def);
    return { recordId: id };
  }),

  // Erasure is immediate, so "get status" always reports it completed.
  handle(ClearSel, (req, ctx) => {
    if (!ctx.bmc.sel.reserved(req.reservationId)) fail(CC.ReservationCancelled, ClearSel);
    if (req.action === ClearSelAction.initiate) ctx.bmc.sel.clear();
    return { progress: ClearSelProgress.completed };
  }),

  handle(GetSelTime, (_req, ctx) => ({ time: ctx.bmc.sel.time() })),
  handle(SetSelTime, (req, ctx) => {
    ctx.bmc.sel.setTime(req.time);
    return {};
  }),
  handle(GetSelTimeUtcOffset, (_req, ctx) => ({ utcOffsetMinutes: ctx.bmc.sel.utcOffsetMinutes })),
  handle(SetSelTimeUtcOffset, (req, ctx) => {
    const m = req.utcOffsetMinutes;
    if (m !== UTC_OFFSET_UNSPECIFIED && Math.abs(m) > UTC_OFFSET_LIMIT) fail(CC.ParameterOutOfRange, SetSelTimeUtcOffset);
    ctx.bmc.sel.setUtcOffset(m);
    return {};
  }),
];
