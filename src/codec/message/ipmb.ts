import { DecodeError } from '../../lib/errors';
import { checksum } from '../wire/checksum';

/**
 * The IPMB-format message carried in LAN sessions and serial basic mode (v2.0 §13.8, Figure 13-4;
 * IPMB v1.0 §2.11): rsSA, netFn/rsLUN, chk1, rqSA, rqSeq/rqLUN, cmd, [cc,] data, chk2.
 * A request and a response share the layout; in a response the first address is the requester's.
 */
export interface IpmbMessage {
  /** First address byte: rsSA in a request, rqSA in a response. */
  destAddr: number;
  netFn: number;
  destLun: number;
  /** Second address byte: rqSA in a request, rsSA in a response. */
  srcAddr: number;
  seq: number;
  srcLun: number;
  cmd: number;
  /** Everything after cmd (in a response, starts with the completion code). */
  data: Buffer;
}

export const BMC_SA = 0x20;
/** Remote console software ID used by ipmitool/FreeIPMI over LAN (v2.0 §5.5). */
export const REMOTE_SWID = 0x81;

export function decodeIpmb(buf: Buffer, what = 'IPMB message'): IpmbMessage {
  if (buf.length < 7) throw new DecodeError(what, 'short', buf.length, `IPMB message needs 7 bytes, have ${buf.length}`);
  if (checksum(buf, 0, 2) !== buf[2]) throw new DecodeError(what, 'invalid', 2, 'header checksum mismatch');
  if (checksum(buf, 3, buf.length - 1) !== buf[buf.length - 1])
    throw new DecodeError(what, 'invalid', buf.length - 1, 'data checksum mismatch');
  return {
    destAddr: buf[0],
    netFn: buf[1] >> 2,
    destLun: buf[1] & 3,
    srcAddr: buf[3],
    seq: buf[4] >> 2,
    srcLun: buf[4] & 3,
    cmd: buf[5],
    data: buf.subarray(6, buf.length - 1),
  };
}

export function encodeIpmb(m: IpmbMessage): Buffer {
  return frame(m.destAddr, m.netFn, m.destLun, m.srcAddr, m.seq, m.srcLun, m.cmd, -1, m.data);
}

/** The message bytes, with `cc` (when >= 0) between cmd and data: the one place the layout is written. */
function frame(destAddr: number, netFn: number, destLun: number, srcAddr: number, seq: number, srcLun: number, cmd: number, cc: number, data: Buffer): Buffer {
  const lead = cc >= 0 ? 1 : 0;
  const b = Buffer.allocUnsafe(7 + lead + data.length);
  b[0] = destAddr;
  b[1] = ((netFn << 2) | (destLun & 3)) & 0xff;
  b[2] = checksum(b, 0, 2);
  b[3] = srcAddr;
  b[4] = ((seq << 2) | (srcLun & 3)) & 0xff;
  b[5] = cmd;
  if (lead) b[6] = cc;
  b.set(data, 6 + lead);
  b[b.length - 1] = checksum(b, 3, b.length - 1);
  return b;
}

/** The response to a request: addresses swapped, NetFn | 1, same seq and cmd, cc then data. */
export function responseTo(req: IpmbMessage, cc: number, data: Buffer): IpmbMessage {
  return {
    destAddr: req.srcAddr,
    netFn: req.netFn | 1,
    destLun: req.srcLun,
    srcAddr: req.destAddr,
    seq: req.seq,
    srcLun: req.destLun,
    cmd: req.cmd,
    data: Buffer.concat([Buffer.from([cc]), data]),
  };
}

/** responseTo() and encodeIpmb() in one step: the response message bytes, written once. */
export function encodeResponse(req: IpmbMessage, cc: number, data: Buffer): Buffer {
  return frame(req.srcAddr, req.netFn | 1, req.srcLun, req.destAddr, req.seq, req.destLun, req.cmd, cc, data);
}
