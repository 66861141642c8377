import { defineCommand } from '../define';
import { empty, struct } from '../../fields';
import { NetFn } from '../../message/netfn';
import { reservationId } from './fields';

// v2.0 §33.11, Table 33-5; Appendix G: User.
export const ReserveSdrRepository = defineCommand({
  name: 'Reserve SDR Repository',
  netFn: NetFn.Storage,
  cmd: 0x22,
  spec: 'v2.0 §33.11, Table 33-5',
  privilege: 'user',
  request: empty,
  response: struct({ reservationId }),
});
