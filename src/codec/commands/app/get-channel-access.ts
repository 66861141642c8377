import { defineCommand } from '../define';
import { bits, struct } from '../../fields';
import { NetFn } from '../../message/netfn';
import { CHANNEL_ACCESS_BITS } from './channel-access-fields';

/** Which copy Get Channel Access reads, byte 2 [7:6]. */
export const ChannelAccessCopy = { nonVolatile: 1, volatile: 2 } as const;

/** Command-specific completion codes (v2.0 §22.22, §22.23). */
export const ChannelAccessCC = { setNotSupported: 0x82, accessModeNotSupported: 0x83 } as const;

// v2.0 §22.23, Table 22-28; Appendix G: User.
export const GetChannelAccess = defineCommand({
  name: 'Get Channel Access',
  netFn: NetFn.App,
  cmd: 0x41,
  spec: 'v2.0 §22.23, Table 22-28',
  privilege: 'user',
  request: struct({
    channel: bits({ number: [0, 4] }),
    which: bits({ copy: [6, 2] }),
  }),
  response: struct({
    access: bits(CHANNEL_ACCESS_BITS),
    privilege: bits({ limit: [0, 4] }),
  }),
  codes: { [ChannelAccessCC.setNotSupported]: 'Set not supported on selected channel' },
});
