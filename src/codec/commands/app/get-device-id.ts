import { defineCommand } from '../define';
import { bits, bcd8, empty, optional, struct, u16le, u24le, u8, bytes } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §20.1, Table 20-2
export const GetDeviceId = defineCommand({
  name: 'Get Device ID',
  netFn: NetFn.App,
  cmd: 0x01,
  spec: 'v2.0 §20.1, Table 20-2',
  privilege: 'user',
  request: empty,
  response: struct({
    deviceId: u8,
    revision: bits({ providesSdrs: [7, 1], deviceRevision: [0, 4] }),
    firmware: bits({ updateInProgress: [7, 1], major: [0, 7] }),
    firmwareMinor: bcd8,
    /** BCD, LS digit first: 02h = v2.0. */
    ipmiVersion: u8,
    support: bits({
      chassis: [7, 1],
      bridge: [6, 1],
      ipmbEventGenerator: [5, 1],
      ipmbEventReceiver: [4, 1],
      fru: [3, 1],
      sel: [2, 1],
      sdrRepository: [1, 1],
      sensor: [0, 1],
    }),
    /** 20-bit IANA enterprise number, LS byte first; the top nibble is reserved. */
    manufacturerId: u24le,
    productId: u16le,
    auxFirmware: optional(bytes(4)),
  }),
});
