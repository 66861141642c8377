import { defineCommand } from '../define';
import { bits, struct } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §22.18, Table 22-22
export const SetSessionPrivilegeLevel = defineCommand({
  name: 'Set Session Privilege Level',
  netFn: NetFn.App,
  cmd: 0x3b,
  spec: 'v2.0 §22.18, Table 22-22',
  privilege: 'callback',
  /** 0 = no change, return the present level. */
  request: struct({ privilege: bits({ level: [0, 4] }) }),
  response: struct({ privilege: bits({ level: [0, 4] }) }),
  codes: {
    0x80: 'Requested level not available for this user',
    0x81: 'Requested level exceeds Channel and/or User Privilege Limit',
    0x82: 'Cannot disable User Level authentication',
  },
});
