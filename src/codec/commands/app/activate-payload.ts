import { defineCommand } from '../define';
import { bits, bytes, struct, u16le } from '../../fields';
import { NetFn } from '../../message/netfn';

/** v2.0 §24.1, Table 24-2, SOL auxiliary request data byte 1 [3:2]: serial/modem alerts while SOL is active. */
export const SharedSerialAlerts = { fail: 0, deferred: 1, succeed: 2 } as const;
/** Response bytes 12-13 when the payload is not on a VLAN. */
export const NO_VLAN = 0xffff;

export const ActivatePayloadCC = {
  alreadyActive: 0x80,
  typeDisabled: 0x81,
  activationLimitReached: 0x82,
  cannotWithEncryption: 0x83,
  cannotWithoutEncryption: 0x84,
} as const;

// v2.0 §24.1, Table 24-2; Appendix G: User (the payload type may ask for more: SOL parameter 2).
// Auxiliary data is laid out for payload type 01h, SOL, the one payload this project activates;
// for other types the four bytes are theirs to define and decode here as the same bits.
export const ActivatePayload = defineCommand({
  name: 'Activate Payload',
  netFn: NetFn.App,
  cmd: 0x48,
  spec: 'v2.0 §24.1, Table 24-2',
  privilege: 'user',
  request: struct({
    payload: bits({ type: [0, 6] }),
    instance: bits({ number: [0, 4] }),
    sol: bits({
      /** 1 = activate with encryption, if the session negotiated a confidentiality algorithm. */
      encryption: [7, 1],
      /** 1 = activate with authentication, if the session negotiated an integrity algorithm. */
      authentication: [6, 1],
      testMode: [5, 1],
      /** SharedSerialAlerts. */
      serialAlerts: [2, 2],
      /** 1 = CTS and DCD/DSR stay deasserted until the console's first packet asserts them; 0 = asserted at activation. */
      startupHandshake: [1, 1],
    }),
    reserved: bytes(3),
  }),
  response: struct({
    /** SOL: bit 0 = test mode; the rest reserved. */
    auxiliary: bytes(4),
    /** Largest payload the console may send to the BMC, SOL header included. */
    inboundPayloadSize: u16le,
    /** Largest payload the BMC sends to the console. */
    outboundPayloadSize: u16le,
    /** LS byte first (ipmitool 1.8.19 and FreeIPMI 1.6 also accept it byte-swapped, for BMCs that send it so). */
    udpPort: u16le,
    vlan: u16le,
  }),
  codes: {
    [ActivatePayloadCC.alreadyActive]: 'Payload already active on another session',
    [ActivatePayloadCC.typeDisabled]: 'Payload type is disabled',
    [ActivatePayloadCC.activationLimitReached]: 'Payload activation limit reached',
    [ActivatePayloadCC.cannotWithEncryption]: 'Cannot activate payload with encryption',
    [ActivatePayloadCC.cannotWithoutEncryption]: 'Cannot activate payload without encryption',
  },
});
