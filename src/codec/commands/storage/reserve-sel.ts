import { defineCommand } from '../define';
import { empty, struct } from '../../fields';
import { NetFn } from '../../message/netfn';
import { reservationId } from './fields';

// v2.0 §31.4, Table 31-4; Appendix G: User.
export const ReserveSel = defineCommand({
  name: 'Reserve SEL',
  netFn: NetFn.Storage,
  cmd: 0x42,
  spec: 'v2.0 §31.4, Table 31-4',
  privilege: 'user',
  request: empty,
  response: struct({ reservationId }),
  codes: { 0x81: 'Cannot execute command, SEL erase in progress' },
});
