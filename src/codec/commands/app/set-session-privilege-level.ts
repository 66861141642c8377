import { defineCommand } from '../define';
import { bits, struct } from '../../fields';
import { NetFn } from '../../message/netfn';

/** Command-specific completion codes (v2.0 §22.18). */
export const SessionPrivilegeCC = { notAvailableForUser: 0x80, exceedsLimit: 0x81, cannotDisableUserAuth: 0x82 } as const;

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
    [SessionPrivilegeCC.notAvailableForUser]: 'Requested level not available for this user',
    [SessionPrivilegeCC.exceedsLimit]: 'Requested level exceeds Channel and/or User Privilege Limit',
    [SessionPrivilegeCC.cannotDisableUserAuth]: 'Cannot disable User Level authentication',
  },
});
