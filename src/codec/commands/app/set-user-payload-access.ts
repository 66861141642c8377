import { defineCommand } from '../define';
import { bits, empty, struct } from '../../fields';
import { NetFn } from '../../message/netfn';
import { PAYLOAD_ENABLES } from './user-payload-fields';

/** Byte 2 [7:6]; 10b and 11b are reserved. */
export const UserPayloadOperation = { enable: 0, disable: 1 } as const;

// v2.0 §24.6; Appendix G: Administrator. ipmitool `sol payload enable|disable CH USER` sends it
// with standard payload enables 1 = 02h (SOL) and the other enables 0.
export const SetUserPayloadAccess = defineCommand({
  name: 'Set User Payload Access',
  netFn: NetFn.App,
  cmd: 0x4c,
  spec: 'v2.0 §24.6',
  privilege: 'administrator',
  request: struct({
    channel: bits({ number: [0, 4] }),
    user: bits({ operation: [6, 2], id: [0, 6] }),
    enables: PAYLOAD_ENABLES,
  }),
  response: empty,
});
