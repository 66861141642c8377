import { CompletionCodeError, DecodeError } from '../../lib/errors';
import { GetSdr, GetSdrRepositoryInfo, ReserveSdrRepository } from '../../codec/commands/storage';
import { FIRST_RECORD_ID, LAST_RECORD_ID, READ_ENTIRE_RECORD } from '../../codec/commands/storage/fields';
import type { ResponseOf } from '../../codec/commands';
import { CC } from '../../codec/message/completion-codes';
import { SDR_HEADER_LENGTH, SdrRecord, decodeSdr } from '../../codec/records/sdr';
import type { IpmiClient } from '../client';

export type SdrRepositoryInfo = ResponseOf<typeof GetSdrRepositoryInfo>;

/** One record of the repository: its bytes as read, and the decoded record (or why it did not decode). */
export interface SdrEntry {
  recordId: number;
  bytes: Buffer;
  record?: SdrRecord;
  error?: string;
}

/**
 * What a device's SDR reads remember: the records, the repository info they were read under,
 * and the partial-read size that worked (0 = whole records in one Get SDR).
 */
export interface SdrCache {
  info?: SdrRepositoryInfo;
  entries?: SdrEntry[];
  /** Bytes per partial read; READ_ENTIRE_RECORD until a BMC refuses whole-record reads. */
  chunk: number;
  /** Number of full repository reads done (for tests and the benchmark). */
  reads: number;
}
export function newSdrCache(): SdrCache {
  return { chunk: READ_ENTIRE_RECORD, reads: 0 };
}

/** Completion codes that mean "ask for fewer bytes" (v2.0 §33.12; ipmi_sim answers CAh, others C7h or C8h). */
const TOO_BIG: ReadonlySet<number> = new Set([CC.CannotReturnRequestedBytes, CC.RequestLengthLimitExceeded, CC.RequestLengthInvalid]);
/** The first partial read size after a whole-record read is refused; halved on each further refusal. */
export const FIRST_PARTIAL_CHUNK = 32;
const MIN_CHUNK = 4;
/** How often one record is retried after its reservation was cancelled (C5h) before giving up. */
const RESERVATION_RETRIES = 5;

const ccOf = (e: unknown) => (e instanceof CompletionCodeError ? e.completionCode : undefined);

function sameRepository(a: SdrRepositoryInfo, b: SdrRepositoryInfo): boolean {
  return a.recordCount === b.recordCount && a.mostRecentAddition === b.mostRecentAddition && a.mostRecentErase === b.mostRecentErase;
}

/**
 * The SDR repository (v2.0 §33): Get SDR Repository Info, then, unless the cached copy was
 * read under the same record count and addition/erase timestamps, every record with Get SDR.
 *
 * Each record is first asked for whole (bytes to read FFh: one message per record). A BMC that
 * cannot return that many bytes (CAh; C7h/C8h from some) is read in partial reads instead, 32
 * bytes at a time (the first part includes the header and so the length), halved on each
 * further refusal; the size that worked is kept for the device. ipmi_sim 2.0.33 returns at most
 * 33 bytes per Get SDR. Partial reads run under a reservation (Reserve SDR
 * Repository, §33.11); a cancelled reservation (C5h) is renewed and the record read again.
 */
export async function readSdrRepository(client: IpmiClient, cache: SdrCache = newSdrCache()): Promise<SdrEntry[]> {
  const info = await client.call(GetSdrRepositoryInfo, {});
  if (cache.entries && cache.info && sameRepository(cache.info, info)) return cache.entries;
  const entries: SdrEntry[] = [];
  const reader = new RecordReader(client, cache, info);
  const seen = new Set<number>();
  let id = FIRST_RECORD_ID;
  // A repository that links back to a record already read would never end.
  const limit = Math.max(info.recordCount, 1) * 2 + 16;
  while (id !== LAST_RECORD_ID) {
    if (seen.has(id) || entries.length >= limit)
      throw new DecodeError(`SDR repository of ${client.target}`, 'invalid', 0, `record chain loops or runs past ${info.recordCount} records (record ID 0x${id.toString(16)})`);
    seen.add(id);
    const { bytes, next } = await reader.read(id);
    entries.push(sharedEntry(bytes));
    // 0000h only ever means "first record" (v2.0 Table 33-6); a BMC that returns it as the
    // next ID is at the end of its repository.
    id = next === FIRST_RECORD_ID ? LAST_RECORD_ID : next;
  }
  cache.info = info;
  cache.entries = entries;
  cache.reads++;
  return entries;
}

/**
 * Entries are shared by every repository that holds the same bytes: the BMCs of a fleet of one
 * profile answer identical SDRs, and a decoded Full Sensor Record is about 1 KB of objects (1000
 * BMCs x 36 records: ~40 MB per reader of the fleet, the metrics front end and the model each
 * keeping one cache per device; issue 8). Shared entries are frozen (their Buffers, which cannot
 * be, are copies no one else holds). The table starts over when it holds SHARED_MAX records.
 */
const SHARED_MAX = 8192;
const shared = new Map<string, SdrEntry>();
function sharedEntry(bytes: Buffer): SdrEntry {
  const key = bytes.toString('latin1');
  let e = shared.get(key);
  if (!e) {
    const own = Buffer.from(bytes);
    const recordId = own.readUInt16LE(0);
    try {
      e = { recordId, bytes: own, record: freeze(decodeSdr(own)) };
    } catch (err) {
      if (!(err instanceof DecodeError)) throw err;
      e = { recordId, bytes: own, error: err.message };
    }
    if (shared.size >= SHARED_MAX) shared.clear();
    shared.set(key, Object.freeze(e));
  }
  return e;
}
function freeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !ArrayBuffer.isView(v) && !Object.isFrozen(v)) {
    for (const x of Object.values(v)) freeze(x);
    Object.freeze(v);
  }
  return v;
}

class RecordReader {
  private reservation = 0;
  constructor(
    private readonly client: IpmiClient,
    private readonly cache: SdrCache,
    private readonly info: SdrRepositoryInfo,
  ) {}

  private async reserve(): Promise<void> {
    if (!this.info.operationSupport.reserveSdrRepository) return;
    try {
      this.reservation = (await this.client.call(ReserveSdrRepository, {})).reservationId;
    } catch (e) {
      if (ccOf(e) !== CC.InvalidCommand) throw e;
    }
  }

  private get(recordId: number, offset: number, bytesToRead: number) {
    return this.client.call(GetSdr, { reservationId: this.reservation, recordId, offset, bytesToRead });
  }

  async read(recordId: number): Promise<{ bytes: Buffer; next: number }> {
    for (let attempt = 0; ; attempt++) {
      try {
        if (this.cache.chunk === READ_ENTIRE_RECORD) {
          try {
            const r = await this.get(recordId, 0, READ_ENTIRE_RECORD);
            if (r.data.length < SDR_HEADER_LENGTH || r.data.length < SDR_HEADER_LENGTH + r.data[4]) {
              // Fewer bytes than the record claims: read it in parts.
              this.cache.chunk = FIRST_PARTIAL_CHUNK;
            } else return { bytes: r.data.subarray(0, SDR_HEADER_LENGTH + r.data[4]), next: r.nextRecordId };
          } catch (e) {
            const cc = ccOf(e);
            if (cc === undefined || !TOO_BIG.has(cc)) throw e;
            this.cache.chunk = FIRST_PARTIAL_CHUNK;
          }
        }
        return await this.readInParts(recordId);
      } catch (e) {
        if (ccOf(e) !== CC.ReservationCancelled || attempt >= RESERVATION_RETRIES) throw e;
        await this.reserve();
      }
    }
  }

  /** The first part carries the header (and as much of the body as the chunk allows), so the length is known after it. */
  private async readInParts(recordId: number): Promise<{ bytes: Buffer; next: number }> {
    if (this.reservation === 0) await this.reserve();
    const parts: Buffer[] = [];
    let have = 0;
    let total = SDR_HEADER_LENGTH;
    let next = LAST_RECORD_ID;
    while (have < total) {
      const want = have === 0 ? Math.max(SDR_HEADER_LENGTH, this.cache.chunk) : Math.min(this.cache.chunk, total - have);
      let r: ResponseOf<typeof GetSdr>;
      try {
        r = await this.get(recordId, have, want);
      } catch (e) {
        const cc = ccOf(e);
        if (cc === undefined || !TOO_BIG.has(cc) || this.cache.chunk <= MIN_CHUNK) throw e;
        this.cache.chunk = Math.max(MIN_CHUNK, this.cache.chunk >> 1);
        continue;
      }
      if (r.data.length === 0) throw new DecodeError(`Get SDR response from ${this.client.target}`, 'short', 2, `no data at offset ${have} of record 0x${recordId.toString(16)}`);
      if (have === 0) {
        if (r.data.length < SDR_HEADER_LENGTH) throw new DecodeError(`Get SDR response from ${this.client.target}`, 'short', 2, `record header of ${r.data.length} bytes`);
        total = SDR_HEADER_LENGTH + r.data[4];
        next = r.nextRecordId;
      }
      const got = r.data.subarray(0, Math.min(r.data.length, total - have));
      parts.push(got);
      have += got.length;
    }
    return { bytes: Buffer.concat(parts), next };
  }
}
