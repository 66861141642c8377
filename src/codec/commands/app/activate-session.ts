import { defineCommand } from '../define';
import { bits, bytes, struct, u32le } from '../../fields';
import { NetFn } from '../../message/netfn';

/** Command-specific completion codes (v2.0 §22.17). */
export const ActivateSessionCC = {
  noSessionSlot: 0x81,
  noSlotForUser: 0x82,
  noSlotForPrivilege: 0x83,
  sequenceOutOfRange: 0x84,
  invalidSessionId: 0x85,
  privilegeExceedsLimit: 0x86,
} as const;

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
    [ActivateSessionCC.noSessionSlot]: 'No session slot available',
    [ActivateSessionCC.noSlotForUser]: 'No slot available for given user',
    [ActivateSessionCC.noSlotForPrivilege]: 'No slot available to support user due to maximum privilege capability',
    [ActivateSessionCC.sequenceOutOfRange]: 'Session sequence number out-of-range',
    [ActivateSessionCC.invalidSessionId]: 'Invalid Session ID in request',
    [ActivateSessionCC.privilegeExceedsLimit]: 'Requested maximum privilege level exceeds user and/or channel privilege limit',
  },
});

