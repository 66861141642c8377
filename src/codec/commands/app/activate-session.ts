import { defineCommand } from '../define';
import { bits, bytes, struct, u32le } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §22.17, Table 22-21
export const ActivateSession = defineCommand({
  name: 'Activate Session',
  netFn: NetFn.App,
  cmd: 0x3a,
  spec: 'v2.0 §22.17, Table 22-21',
  privilege: 'none',
  request: struct({
    authType: bits({ type: [0, 4] }),
    maxPrivilege: bits({ level: [0, 4] }),
    challenge: bytes(16),
    initialOutboundSeq: u32le,
  }),
  response: struct({
    authType: bits({ type: [0, 4] }),
    sessionId: u32le,
    initialInboundSeq: u32le,
    maxPrivilege: bits({ level: [0, 4] }),
  }),
  codes: {
    0x81: 'No session slot available',
    0x82: 'No slot available for given user',
    0x83: 'No slot available to support user due to maximum privilege capability',
    0x84: 'Session sequence number out-of-range',
    0x85: 'Invalid Session ID in request',
    0x86: 'Requested maximum privilege level exceeds user and/or channel privilege limit',
  },
});

