import { Dispatcher, BoundHandler, handle, RawRequest } from '../../../src/bmc/dispatch';
import { silentLogger } from '../../../src/lib/logger';
import { CC, fail } from '../../../src/codec/message/completion-codes';
import { GetSdr, GetSdrRepositoryInfo, ReserveSdrRepository, GetSelInfo, GetSelEntry, ReserveSel, ClearSel, GetFruInventoryAreaInfo, ReadFruData } from '../../../src/codec/commands/storage';
import { ClearSelAction, ClearSelProgress } from '../../../src/codec/commands/storage/clear-sel';
import { LAST_RECORD_ID } from '../../../src/codec/commands/storage/fields';
import { SdrRecord, encodeSdr } from '../../../src/codec/records/sdr';
import { SelRecord, encodeSel } from '../../../src/codec/records/sel';
import { IpmiClient, InProcessLink } from '../../../src/client';

/**
 * A scripted BMC for the client's multi-command operations: an SDR repository, a SEL and FRU
 * devices with the limits and faults small BMCs have (at most N bytes per read, CAh/C8h/C7h
 * for more, reservations that get cancelled). Built on the virtual BMC's Dispatcher with the
 * real command definitions, reached through the in-process link.
 */
export interface FakeBmcOptions {
  sdrs?: SdrRecord[];
  /** Largest Get SDR answer (record bytes); whole-record reads (FFh) of longer records fail. */
  sdrMaxRead?: number;
  /** The completion code for a read that is too large (default CAh). */
  tooBig?: number;
  sel?: SelRecord[];
  fru?: Map<number, { image: Buffer; areaSize?: number; byWords?: boolean; maxRead?: number; short?: number }>;
  extra?: BoundHandler<unknown>[];
}

export class FakeBmc {
  sdrBytes: Buffer[];
  sdrAddition = 0x1000;
  sdrErase = 0x0100;
  reservation = 1;
  /** Cancel the reservation after this many more Get SDR requests (v2.0 §33.11: any repository change does). */
  cancelAfter = Infinity;
  sel: Buffer[];
  selAddition = 0x2000;
  selErase = 0x0200;
  /** Requests seen, as "NetFn:cmd" keys, in order. */
  readonly log: string[] = [];
  private readonly dispatcher: Dispatcher<unknown>;

  constructor(readonly opts: FakeBmcOptions = {}) {
    this.sdrBytes = (opts.sdrs ?? []).map((r, i) => encodeSdr({ ...r, recordId: 0x10 + i }));
    this.sel = (opts.sel ?? []).map((r, i) => encodeSel({ ...r, recordId: 0x100 + i }));
    const tooBig = opts.tooBig ?? CC.CannotReturnRequestedBytes;
    const handlers: BoundHandler<unknown>[] = [
      handle(GetSdrRepositoryInfo, () => ({
        sdrVersion: 0x51,
        recordCount: this.sdrBytes.length,
        freeSpace: 0x1000,
        mostRecentAddition: this.sdrAddition,
        mostRecentErase: this.sdrErase,
        operationSupport: { overflow: false, updateModes: 1, deleteSdr: false, partialAddSdr: false, reserveSdrRepository: true, getAllocationInfo: false },
      })),
      handle(ReserveSdrRepository, () => ({ reservationId: ++this.reservation })),
      handle(GetSdr, (req) => {
        if (this.cancelAfter-- <= 0) {
          this.reservation++;
          this.cancelAfter = Infinity;
        }
        const partial = !(req.offset === 0 && req.bytesToRead === 0xff);
        if (partial && req.reservationId !== this.reservation) fail(CC.ReservationCancelled, GetSdr);
        const i = req.recordId === 0 ? 0 : this.sdrBytes.findIndex((b) => b.readUInt16LE(0) === req.recordId);
        if (i < 0) fail(CC.NotPresent, GetSdr);
        const rec = this.sdrBytes[i];
        const max = this.opts.sdrMaxRead ?? 0xff;
        const want = req.bytesToRead === 0xff ? rec.length - req.offset : req.bytesToRead;
        if (want > max) fail(tooBig, GetSdr);
        const next = i + 1 < this.sdrBytes.length ? this.sdrBytes[i + 1].readUInt16LE(0) : LAST_RECORD_ID;
        return { nextRecordId: next, data: rec.subarray(req.offset, req.offset + want) };
      }),
      handle(GetSelInfo, () => ({
        selVersion: 0x51,
        entries: this.sel.length,
        freeSpace: 0x800,
        mostRecentAddition: this.selAddition,
        mostRecentErase: this.selErase,
        operationSupport: { overflow: false, deleteSel: true, partialAddSel: false, reserveSel: true, getAllocationInfo: false },
      })),
      handle(ReserveSel, () => ({ reservationId: ++this.reservation })),
      handle(GetSelEntry, (req) => {
        const i = req.recordId === 0 ? 0 : req.recordId === LAST_RECORD_ID ? this.sel.length - 1 : this.sel.findIndex((b) => b.readUInt16LE(0) === req.recordId);
        if (i < 0 || i >= this.sel.length) fail(CC.NotPresent, GetSelEntry);
        const next = i + 1 < this.sel.length ? this.sel[i + 1].readUInt16LE(0) : LAST_RECORD_ID;
        return { nextRecordId: next, data: this.sel[i] };
      }),
      handle(ClearSel, (req) => {
        if (req.reservationId !== this.reservation) fail(CC.ReservationCancelled, ClearSel);
        if (req.action === ClearSelAction.initiate) {
          this.sel = [];
          this.selErase++;
        }
        return { progress: ClearSelProgress.completed };
      }),
      handle(GetFruInventoryAreaInfo, (req) => {
        const f = this.opts.fru?.get(req.fruDeviceId);
        if (!f) fail(CC.NotPresent, GetFruInventoryAreaInfo);
        const size = f.areaSize ?? f.image.length;
        // v2.0 Table 34-2: the area size is in bytes even for devices accessed by words.
        return { areaSize: size, accessedByWords: f.byWords ?? false };
      }),
      handle(ReadFruData, (req) => {
        const f = this.opts.fru?.get(req.fruDeviceId);
        if (!f) fail(CC.NotPresent, ReadFruData);
        const unit = f.byWords ? 2 : 1;
        if (req.count * unit > (f.maxRead ?? 0xff)) fail(tooBig, ReadFruData);
        const full = Buffer.concat([f.image, Buffer.alloc(Math.max(0, (f.areaSize ?? 0) - f.image.length))]);
        const n = Math.min(req.count * unit, f.short ?? Infinity);
        return { data: full.subarray(req.offset * unit, req.offset * unit + n) };
      }),
      ...(opts.extra ?? []),
    ];
    this.dispatcher = new Dispatcher(handlers);
  }

  /** Add an SDR (changes the addition timestamp, cancels reservations, as a real repository does). */
  addSdr(rec: SdrRecord): void {
    this.sdrBytes.push(encodeSdr({ ...rec, recordId: 0x10 + this.sdrBytes.length }));
    this.sdrAddition++;
    this.reservation++;
  }
  addSel(rec: SelRecord): void {
    const last = this.sel.length ? this.sel[this.sel.length - 1].readUInt16LE(0) : 0xff;
    this.sel.push(encodeSel({ ...rec, recordId: last + 1 }));
    this.selAddition++;
  }

  readonly dispatch = async (req: RawRequest, ctx: { privilege: number; channel: number; requester: { addr: number; lun: number } }) => {
    this.log.push(`${req.netFn.toString(16)}:${req.cmd.toString(16)}`);
    return this.dispatcher.dispatch(req, { ...ctx, bmc: this, log: silentLogger });
  };

  client(): IpmiClient {
    return new IpmiClient(new InProcessLink(this.dispatch, { name: 'fake-bmc' }));
  }
}
