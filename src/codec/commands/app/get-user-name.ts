import { defineCommand } from '../define';
import { asciiz, bits, struct } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §22.29; Appendix G: Operator. 16 bytes, NUL padded.
export const GetUserName = defineCommand({
  name: 'Get User Name',
  netFn: NetFn.App,
  cmd: 0x46,
  spec: 'v2.0 §22.29',
  privilege: 'operator',
  request: struct({ user: bits({ id: [0, 6] }) }),
  response: struct({ name: asciiz(16) }),
});
