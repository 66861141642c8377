import { defineCommand } from '../define';
import { bits, optional, struct, u24le, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §22.13, Table 22-15
export const GetChannelAuthCapabilities = defineCommand({
  name: 'Get Channel Authentication Capabilities',
  netFn: NetFn.App,
  cmd: 0x38,
  spec: 'v2.0 §22.13, Table 22-15',
  privilege: 'none',
  request: struct({
    /** Bit 7: get IPMI v2.0+ extended data; bits 3:0 channel (0Eh = this one). */
    channel: bits({ extended: [7, 1], number: [0, 4] }),
    privilege: bits({ level: [0, 4] }),
  }),
  response: struct({
    channel: u8,
    authTypes: bits({ extended: [7, 1], oem: [5, 1], password: [4, 1], md5: [2, 1], md2: [1, 1], none: [0, 1] }),
    status: bits({
      kgNonZero: [5, 1],
      perMessageAuthDisabled: [4, 1],
      userLevelAuthDisabled: [3, 1],
      nonNullUsers: [2, 1],
      nullUsers: [1, 1],
      anonymousLogin: [0, 1],
    }),
    /** Only meaningful with the extended bit: bit 1 IPMI v2.0 connections, bit 0 v1.5. */
    extCapabilities: bits({ ipmi20: [1, 1], ipmi15: [0, 1] }),
    oemId: u24le,
    oemAux: u8,
  }),
});
