import { defineCommand } from '../define';
import { bits, empty, struct } from '../../fields';
import { NetFn } from '../../message/netfn';
import { CHANNEL_ACCESS_BITS } from './channel-access-fields';
import { ChannelAccessCC } from './get-channel-access';

/** Set selectors in [7:6] of bytes 2 and 3. */
export const ChannelAccessSet = { dontSet: 0, nonVolatile: 1, volatile: 2 } as const;

// v2.0 §22.22; Appendix G: Administrator.
export const SetChannelAccess = defineCommand({
  name: 'Set Channel Access',
  netFn: NetFn.App,
  cmd: 0x40,
  spec: 'v2.0 §22.22',
  privilege: 'administrator',
  request: struct({
    channel: bits({ number: [0, 4] }),
    access: bits({ set: [6, 2], ...CHANNEL_ACCESS_BITS }),
    privilege: bits({ set: [6, 2], limit: [0, 4] }),
  }),
  response: empty,
  codes: {
    [ChannelAccessCC.setNotSupported]: 'Set not supported on selected channel',
    [ChannelAccessCC.accessModeNotSupported]: 'Access mode not supported',
  },
});
