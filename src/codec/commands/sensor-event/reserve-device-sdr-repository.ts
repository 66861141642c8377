import { defineCommand } from '../define';
import { empty, struct } from '../../fields';
import { NetFn } from '../../message/netfn';
import { reservationId } from '../storage/fields';

// v2.0 §35.4, Table 35-4; Appendix G: User.
export const ReserveDeviceSdrRepository = defineCommand({
  name: 'Reserve Device SDR Repository',
  netFn: NetFn.SensorEvent,
  cmd: 0x22,
  spec: 'v2.0 §35.4, Table 35-4',
  privilege: 'user',
  request: empty,
  response: struct({ reservationId }),
});
