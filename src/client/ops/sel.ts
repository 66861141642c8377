import { CompletionCodeError, DecodeError } from '../../lib/errors';
import type { ResponseOf } from '../../codec/commands';
import { ClearSel, GetSelEntry, GetSelInfo, ReserveSel } from '../../codec/commands/storage';
import { ClearSelAction, ClearSelProgress } from '../../codec/commands/storage/clear-sel';
import { FIRST_RECORD_ID, LAST_RECORD_ID, READ_ENTIRE_RECORD } from '../../codec/commands/storage/fields';
import { SEL_RECORD_LENGTH, SelRecord, decodeSel } from '../../codec/records/sel';
import type { IpmiClient } from '../client';

export type SelInfo = ResponseOf<typeof GetSelInfo>;

/** One SEL entry: the 16 bytes as read and the decoded record. */
export interface SelEntry {
  recordId: number;
  bytes: Buffer;
  record: SelRecord;
}

/** What incremental SEL reads remember between calls. */
export interface SelCache {
  info?: SelInfo;
  entries?: SelEntry[];
  /** Get SEL Entry requests sent, in total (tests and the benchmark read it). */
  requests: number;
}
export function newSelCache(): SelCache {
  return { requests: 0 };
}

async function getEntry(client: IpmiClient, cache: SelCache, recordId: number): Promise<{ entry: SelEntry; next: number }> {
  cache.requests++;
  // Whole 16-byte records need no reservation (v2.0 §31.5: reservation ID 0000h unless the read is partial).
  const r = await client.call(GetSelEntry, { reservationId: 0, recordId, offset: 0, bytesToRead: READ_ENTIRE_RECORD });
  if (r.data.length < SEL_RECORD_LENGTH) throw new DecodeError(`Get SEL Entry response from ${client.target}`, 'short', 2, `SEL record of ${r.data.length} bytes`);
  const bytes = Buffer.from(r.data.subarray(0, SEL_RECORD_LENGTH));
  return { entry: { recordId: bytes.readUInt16LE(0), bytes, record: decodeSel(bytes) }, next: r.nextRecordId };
}

async function readFrom(client: IpmiClient, cache: SelCache, first: number, limit: number, out: SelEntry[]): Promise<void> {
  const seen = new Set(out.map((e) => e.recordId));
  let id = first;
  while (id !== LAST_RECORD_ID) {
    if (out.length >= limit) throw new DecodeError(`SEL of ${client.target}`, 'invalid', 0, `record chain runs past ${limit} entries`);
    const { entry, next } = await getEntry(client, cache, id);
    if (seen.has(entry.recordId)) throw new DecodeError(`SEL of ${client.target}`, 'invalid', 0, `record chain loops at record 0x${entry.recordId.toString(16)}`);
    seen.add(entry.recordId);
    out.push(entry);
    id = next === FIRST_RECORD_ID ? LAST_RECORD_ID : next;
  }
}

/**
 * The System Event Log (v2.0 §31), read incrementally: the first call reads every entry; later
 * calls ask Get SEL Info and return the cached entries when nothing was added, read only the
 * entries after the last one seen when something was, and read everything again when the SEL
 * was erased (erase timestamp changed) or shrank.
 */
export async function readSel(client: IpmiClient, cache: SelCache = newSelCache()): Promise<SelEntry[]> {
  const info = await client.call(GetSelInfo, {});
  const prev = cache.info;
  const cached = cache.entries;
  const limit = info.entries * 2 + 64;
  if (info.entries === 0) {
    cache.info = info;
    cache.entries = [];
    return cache.entries;
  }
  if (cached && prev && prev.mostRecentErase === info.mostRecentErase && info.entries >= cached.length) {
    if (prev.mostRecentAddition === info.mostRecentAddition && info.entries === cached.length) return cached;
    if (cached.length > 0) {
      // The last entry we have names the one after it now.
      const out = [...cached];
      const last = cached[cached.length - 1];
      let next: number;
      try {
        next = (await getEntry(client, cache, last.recordId)).next;
      } catch (e) {
        // The entry is gone (deleted, CBh): read everything again.
        if (!(e instanceof CompletionCodeError)) throw e;
        next = -1;
      }
      if (next >= 0) {
        await readFrom(client, cache, next === FIRST_RECORD_ID ? LAST_RECORD_ID : next, limit, out);
        cache.info = info;
        cache.entries = out;
        return out;
      }
    }
  }
  const out: SelEntry[] = [];
  await readFrom(client, cache, FIRST_RECORD_ID, limit, out);
  cache.info = info;
  cache.entries = out;
  return out;
}

/**
 * Clear SEL (v2.0 §31.9): Reserve SEL, initiate erase (AAh), then ask the erasure status (00h)
 * until it completes, at most `polls` times.
 */
export async function clearSel(client: IpmiClient, cache?: SelCache, polls = 50): Promise<void> {
  const { reservationId } = await client.call(ReserveSel, {});
  let r = await client.call(ClearSel, { reservationId, clr: undefined, action: ClearSelAction.initiate });
  for (let i = 0; r.progress !== ClearSelProgress.completed && i < polls; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    r = await client.call(ClearSel, { reservationId, clr: undefined, action: ClearSelAction.getStatus });
  }
  if (cache) {
    cache.info = undefined;
    cache.entries = undefined;
  }
}
