import { defineCommand } from '../define';
import { bits, bytes, struct, u24le } from '../../fields';
import { NetFn } from '../../message/netfn';

/** Channel medium types (v2.0 §6.5, Table 6-3). */
export const ChannelMedium = { ipmb: 0x01, lan8023: 0x04, serial: 0x05, otherLan: 0x06, systemInterface: 0x0c } as const;
/** Channel protocol types (v2.0 §6.4, Table 6-2). */
export const ChannelProtocol = { ipmb: 0x01, icmb: 0x02, smbus: 0x04, kcs: 0x05, tmode: 0x09 } as const;
/** Session support, bits [7:6] of byte 4. */
export const SessionSupport = { sessionless: 0, singleSession: 1, multiSession: 2, sessionBased: 3 } as const;
/** The IPMI Forum's IANA number (7154 = 00 1B F2h), the vendor ID of standard channel protocols. */
export const IPMI_FORUM_IANA = 7154;

// v2.0 §22.24; Appendix G: User. Channel 0Eh asks for the channel the request arrived on.
export const GetChannelInfo = defineCommand({
  name: 'Get Channel Info',
  netFn: NetFn.App,
  cmd: 0x42,
  spec: 'v2.0 §22.24',
  privilege: 'user',
  request: struct({ channel: bits({ number: [0, 4] }) }),
  response: struct({
    channel: bits({ number: [0, 4] }),
    medium: bits({ type: [0, 7] }),
    protocol: bits({ type: [0, 5] }),
    session: bits({ support: [6, 2], activeCount: [0, 6] }),
    vendorId: u24le,
    /** Channel-specific (SMS and event interrupt types for the system interface); 0000h otherwise. */
    auxInfo: bytes(2),
  }),
});
