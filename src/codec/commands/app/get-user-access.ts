import { defineCommand } from '../define';
import { bits, struct } from '../../fields';
import { NetFn } from '../../message/netfn';
import { USER_ACCESS_BITS } from './user-access-fields';

/** User ID enable status, byte 2 [7:6] (IPMI v2.0 errata 3 and later). */
export const UserEnableStatus = { unspecified: 0, enabled: 1, disabled: 2 } as const;

// v2.0 §22.27; Appendix G: Operator.
export const GetUserAccess = defineCommand({
  name: 'Get User Access',
  netFn: NetFn.App,
  cmd: 0x44,
  spec: 'v2.0 §22.27',
  privilege: 'operator',
  request: struct({
    channel: bits({ number: [0, 4] }),
    user: bits({ id: [0, 6] }),
  }),
  response: struct({
    maxUsers: bits({ count: [0, 6] }),
    enabled: bits({ status: [6, 2], count: [0, 6] }),
    fixedNames: bits({ count: [0, 6] }),
    access: bits({ ...USER_ACCESS_BITS, privilegeLimit: [0, 4] }),
  }),
});
