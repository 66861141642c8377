import { defineCommand } from '../define';
import { bits, empty, optional, struct } from '../../fields';
import { NetFn } from '../../message/netfn';
import { USER_ACCESS_BITS } from './user-access-fields';

// v2.0 §22.26; Appendix G: Administrator. With `change` clear only the privilege limit (and
// session limit) are written (ipmitool `user priv` sends it so).
export const SetUserAccess = defineCommand({
  name: 'Set User Access',
  netFn: NetFn.App,
  cmd: 0x43,
  spec: 'v2.0 §22.26',
  privilege: 'administrator',
  request: struct({
    request: bits({ change: [7, 1], ...USER_ACCESS_BITS, channel: [0, 4] }),
    user: bits({ id: [0, 6] }),
    /** 1 callback .. 4 administrator, 5 OEM, Fh = no access. */
    privilege: bits({ limit: [0, 4] }),
    sessionLimit: optional(bits({ count: [0, 4] })),
  }),
  response: empty,
});
