import { defineCommand } from '../define';
import { asciiz, bits, empty, struct } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §22.28; Appendix G: Administrator.
export const SetUserName = defineCommand({
  name: 'Set User Name',
  netFn: NetFn.App,
  cmd: 0x45,
  spec: 'v2.0 §22.28',
  privilege: 'administrator',
  request: struct({ user: bits({ id: [0, 6] }), name: asciiz(16) }),
  response: empty,
});
