import { DecodeError } from '../../lib/errors';
import { BMC_SA, REMOTE_SWID, decodeIpmb, encodeIpmb } from '../../codec/message/ipmb';
import { BasicDecoder, FrameSink, encodeBasicFrame } from './basic';
import { TerminalDecoder, encodeTerminalFrame } from './terminal';

export type SerialMode = 'basic' | 'terminal';

/**
 * One IPMI message on a serial line, in either mode. Requests have an even NetFn, responses an
 * odd one with the completion code first in `data`.
 *
 * Basic mode carries the IPMB format (v2.0 §14.4.2): rsSA, NetFn/rsLUN, checksum, rqSA,
 * rqSeq/rqLUN, cmd, data, checksum; ipmitool uses rsSA 20h and rqSA 81h.
 * Terminal mode (v2.0 §14.7.3, Table 14-10) carries NetFn/LUN, rqSeq/bridge, cmd, data: no
 * addresses and no checksums.
 */
export interface SerialPacket {
  netFn: number;
  /** The LUN in the NetFn byte: the responder's in a request, the requester's in a response. */
  lun: number;
  /** 6-bit sequence number, echoed in the response. */
  seq: number;
  cmd: number;
  data: Buffer;
  /** Basic mode: the first address byte (rsSA in a request, rqSA in a response). */
  destAddr?: number;
  /** Basic mode: the second address byte and its LUN (rqSA/rqLUN in a request). */
  srcAddr?: number;
  srcLun?: number;
  /** Terminal mode: byte 2 bits [1:0], the bridge field (0 = not bridged). */
  bridge?: number;
}

const isRequest = (p: SerialPacket) => (p.netFn & 1) === 0;

/** The framed bytes of a packet. */
export function encodeSerialPacket(mode: SerialMode, p: SerialPacket): Buffer {
  if (mode === 'terminal') {
    const head = Buffer.from([((p.netFn << 2) | (p.lun & 3)) & 0xff, ((p.seq << 2) | ((p.bridge ?? 0) & 3)) & 0xff, p.cmd]);
    return encodeTerminalFrame(Buffer.concat([head, p.data]));
  }
  const req = isRequest(p);
  return encodeBasicFrame(
    encodeIpmb({
      destAddr: p.destAddr ?? (req ? BMC_SA : REMOTE_SWID),
      netFn: p.netFn,
      destLun: p.lun,
      srcAddr: p.srcAddr ?? (req ? REMOTE_SWID : BMC_SA),
      seq: p.seq & 0x3f,
      srcLun: p.srcLun ?? 0,
      cmd: p.cmd,
      data: p.data,
    }),
  );
}

/** A frame's content as a packet; DecodeError for short messages and bad IPMB checksums. */
export function decodeSerialPacket(mode: SerialMode, payload: Buffer): SerialPacket {
  if (mode === 'terminal') {
    if (payload.length < 3) throw new DecodeError('terminal mode message', 'short', payload.length, 'needs NetFn/LUN, seq/bridge and cmd');
    return { netFn: payload[0] >> 2, lun: payload[0] & 3, seq: payload[1] >> 2, bridge: payload[1] & 3, cmd: payload[2], data: Buffer.from(payload.subarray(3)) };
  }
  const m = decodeIpmb(payload, 'basic mode message');
  return { netFn: m.netFn, lun: m.destLun, seq: m.seq, cmd: m.cmd, data: Buffer.from(m.data), destAddr: m.destAddr, srcAddr: m.srcAddr, srcLun: m.srcLun };
}

/** The response to a request: NetFn + 1, addresses and LUNs swapped, same seq and cmd, cc first. */
export function serialResponse(req: SerialPacket, cc: number, data: Buffer): SerialPacket {
  return {
    netFn: req.netFn | 1,
    lun: req.srcLun ?? 0,
    seq: req.seq,
    cmd: req.cmd,
    data: Buffer.concat([Buffer.from([cc]), data]),
    destAddr: req.srcAddr,
    srcAddr: req.destAddr,
    srcLun: req.lun,
    bridge: req.bridge,
  };
}

export interface PacketSink {
  packet(p: SerialPacket): void;
  handshake?(): void;
  garbage?(reason: string): void;
}

/** A stream decoder for `mode` that hands out whole packets. */
export function serialDecoder(mode: SerialMode, sink: PacketSink): { push(chunk: Uint8Array): void } {
  const frames: FrameSink = {
    frame: (payload) => {
      let p: SerialPacket;
      try {
        p = decodeSerialPacket(mode, payload);
      } catch (e) {
        if (e instanceof DecodeError) return sink.garbage?.(e.message);
        throw e;
      }
      sink.packet(p);
    },
    handshake: () => sink.handshake?.(),
    garbage: (reason) => sink.garbage?.(reason),
  };
  return mode === 'terminal' ? new TerminalDecoder(frames) : new BasicDecoder(frames);
}
