import { defineCommand } from '../define';
import { bits, struct } from '../../fields';
import { NetFn } from '../../message/netfn';
import { PAYLOAD_ENABLES } from './user-payload-fields';

// v2.0 §24.7; Appendix G: Operator. ipmitool `sol payload status CH USER` reads bit 1 of the
// first byte.
export const GetUserPayloadAccess = defineCommand({
  name: 'Get User Payload Access',
  netFn: NetFn.App,
  cmd: 0x4d,
  spec: 'v2.0 §24.7',
  privilege: 'operator',
  request: struct({
    channel: bits({ number: [0, 4] }),
    user: bits({ id: [0, 6] }),
  }),
  response: PAYLOAD_ENABLES,
});
