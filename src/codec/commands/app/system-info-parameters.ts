import type { Codec } from '../../fields';
import { bits, bytes, decode, encode, struct, u8 } from '../../fields';
import { ParameterTable, parameter, setInProgress } from './config-parameters';

/**
 * System Info parameters (v2.0 §22.14a, the System Info Parameters table). Strings are sent in
 * 16-byte blocks, one per set selector: block 0 = encoding, total length, first 14 bytes;
 * blocks 1..n = the next 16 bytes each (ipmitool 1.8.19 `mc getsysinfo` reads them so).
 */
export const SYSINFO_REVISION = 0x11;
/** At most this many blocks per string: 14 + 15 * 16 = 254 bytes. */
export const SYSINFO_MAX_SETS = 16;
export const SysInfoEncoding = { asciiLatin1: 0, utf8: 1, unicode: 2 } as const;

/** One block of a string parameter, as carried after the revision byte (Get) or selector (Set). */
export const sysInfoBlock = struct({ setSelector: u8, block: bytes(16) });
export type SysInfoBlock = ReturnType<typeof sysInfoBlock.read>;

/** Block 0's layout inside its 16 bytes. */
const firstBlock = struct({ encoding: bits({ encoding: [0, 4] }), length: u8, text: bytes(14) });

const str = (id: number, name: string) => parameter<SysInfoBlock>(id, name, sysInfoBlock as Codec<SysInfoBlock>);
export const SystemInfoParam = {
  setInProgress: parameter(0, 'Set In Progress', setInProgress),
  systemFirmwareVersion: str(1, 'System Firmware Version'),
  systemName: str(2, 'System Name'),
  primaryOsName: str(3, 'Primary Operating System Name'),
  osName: str(4, 'Operating System Name'),
} as const;
export const systemInfoParameters = new ParameterTable(SystemInfoParam);

/**
 * A string as its blocks (index = set selector). Default encoding: ASCII/Latin-1 when the text
 * fits it (ipmitool 1.8.19 only sizes its reads from the length byte for that encoding), else UTF-8.
 */
export function sysInfoStringBlocks(
  text: string,
  encoding: number = /^[\u0000-\u00ff]*$/.test(text) ? SysInfoEncoding.asciiLatin1 : SysInfoEncoding.utf8,
): Buffer[] {
  const data = Buffer.from(text, encoding === SysInfoEncoding.unicode ? 'utf16le' : encoding === SysInfoEncoding.asciiLatin1 ? 'latin1' : 'utf8');
  if (data.length > 14 + (SYSINFO_MAX_SETS - 1) * 16) throw new RangeError(`system info string too long: ${data.length} bytes`);
  const head = Buffer.alloc(14);
  data.copy(head, 0, 0, 14);
  const blocks = [encode(firstBlock, { encoding: { encoding }, length: data.length, text: head })];
  for (let off = 14; off < data.length; off += 16) {
    const b = Buffer.alloc(16);
    data.copy(b, 0, off, off + 16);
    blocks.push(b);
  }
  return blocks;
}

/** The string the blocks hold (missing blocks read as NULs). */
export function sysInfoStringFromBlocks(blocks: readonly (Buffer | undefined)[]): { text: string; encoding: number } {
  const first = blocks[0] ? decode(firstBlock, blocks[0]) : { encoding: { encoding: 0 }, length: 0, text: Buffer.alloc(14) };
  const parts = [first.text, ...blocks.slice(1).map((b) => b ?? Buffer.alloc(16))];
  const data = Buffer.concat(parts).subarray(0, first.length);
  const enc = first.encoding.encoding;
  return { text: data.toString(enc === SysInfoEncoding.unicode ? 'utf16le' : enc === SysInfoEncoding.asciiLatin1 ? 'latin1' : 'utf8'), encoding: enc };
}
