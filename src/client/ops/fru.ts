import { CompletionCodeError, DecodeError } from '../../lib/errors';
import { GetFruInventoryAreaInfo, ReadFruData } from '../../codec/commands/storage';
import { CC } from '../../codec/message/completion-codes';
import { FRU_HEADER_LENGTH, FruImage, decodeFru } from '../../codec/records/fru';
import type { IpmiClient } from '../client';

/** Per-device FRU read state: the read size that worked. */
export interface FruCache {
  /** Bytes (or words) per Read FRU Data; starts at DEFAULT_FRU_CHUNK. */
  chunk: number;
  /** Read FRU Data requests sent, in total. */
  requests: number;
}
/**
 * The first read size: 224 bytes, as pyghmi uses, fits a LAN message. Refusals (C7h, C8h, CAh)
 * halve it; ipmi_sim 2.0.33 answers C8h above 32 bytes.
 */
export const DEFAULT_FRU_CHUNK = 224;
export function newFruCache(): FruCache {
  return { chunk: DEFAULT_FRU_CHUNK, requests: 0 };
}

const TOO_BIG: ReadonlySet<number> = new Set([CC.CannotReturnRequestedBytes, CC.RequestLengthLimitExceeded, CC.RequestLengthInvalid]);
const ccOf = (e: unknown) => (e instanceof CompletionCodeError ? e.completionCode : undefined);

/**
 * How many bytes of a FRU image are in use, from what has been read so far: the common header
 * (FRU v1.0 §8) locates the areas; info areas give their length in their second byte (§10-12),
 * multi-records theirs in their headers (§16). Undefined while more bytes are needed to tell,
 * or when the internal use area (which has no length) is the last area.
 */
export function fruBytesInUse(partial: Buffer, areaSize: number): number | undefined {
  if (partial.length < FRU_HEADER_LENGTH) return undefined;
  const offsets = [...partial.subarray(1, 6)].map((o) => o * 8);
  const [internal, chassis, board, product, multi] = offsets;
  let end = FRU_HEADER_LENGTH;
  for (const at of [chassis, board, product]) {
    if (!at) continue;
    if (partial.length < at + 2) return undefined;
    end = Math.max(end, at + partial[at + 1] * 8);
  }
  if (internal) {
    const next = offsets.filter((o) => o > internal);
    end = Math.max(end, next.length ? Math.min(...next) : areaSize);
  }
  if (multi) {
    let p = multi;
    for (;;) {
      if (partial.length < p + 5) return undefined;
      const last = (partial[p + 1] & 0x80) !== 0;
      p += 5 + partial[p + 2];
      if (last || p >= areaSize) break;
    }
    end = Math.max(end, p);
  }
  return Math.min(end, areaSize);
}

/**
 * The bytes of FRU device `fruDeviceId` (v2.0 §34): Get FRU Inventory Area Info, then Read FRU
 * Data in chunks until the areas the header names are complete (not the whole inventory area,
 * which is often larger than what is in use). Undefined when the device is not present (CBh, or
 * CCh from ipmi_sim).
 * A shorter answer than asked for continues from where it ended.
 */
export async function readFruBytes(client: IpmiClient, fruDeviceId: number, cache: FruCache = newFruCache()): Promise<Buffer | undefined> {
  let info;
  try {
    info = await client.call(GetFruInventoryAreaInfo, { fruDeviceId });
  } catch (e) {
    // v2.0 §34.1 has CBh for an absent device; ipmi_sim 2.0.33 answers CCh (invalid data field)
    // for a FRU ID it has no data for. The one-byte request has nothing else to be invalid.
    if (ccOf(e) === CC.NotPresent || ccOf(e) === CC.InvalidDataField) return undefined;
    throw e;
  }
  const unit = info.accessedByWords ? 2 : 1;
  const size = info.areaSize;
  const parts: Buffer[] = [];
  let have = 0;
  // Bytes known to be needed: the header first, then (once the header and area lengths are in)
  // the end of the last area. Until it is known, read on towards the end of the inventory area.
  let known: number | undefined;
  let need = Math.min(size, FRU_HEADER_LENGTH);
  while (have < need) {
    const count = Math.max(1, Math.min(cache.chunk, Math.ceil(((known ?? size) - have) / unit)));
    let data: Buffer;
    try {
      cache.requests++;
      data = (await client.call(ReadFruData, { fruDeviceId, offset: have / unit, count })).data;
    } catch (e) {
      const cc = ccOf(e);
      if (cc !== undefined && TOO_BIG.has(cc) && cache.chunk > 1) {
        cache.chunk = Math.max(1, cache.chunk >> 1);
        continue;
      }
      throw e;
    }
    if (data.length === 0) throw new DecodeError(`Read FRU Data response from ${client.target}`, 'short', 1, `no data at offset ${have} of FRU ${fruDeviceId}`);
    parts.push(data);
    have += data.length;
    known = fruBytesInUse(Buffer.concat(parts), size);
    need = known ?? size;
  }
  return Buffer.concat(parts).subarray(0, Math.min(need, size));
}

/** A FRU device read and decoded (records/fru decodeFru, tolerant: checksum problems are warnings). */
export async function readFru(client: IpmiClient, fruDeviceId: number, cache?: FruCache): Promise<FruImage | undefined> {
  const bytes = await readFruBytes(client, fruDeviceId, cache);
  return bytes === undefined ? undefined : decodeFru(bytes);
}
