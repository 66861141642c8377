import { defineCommand } from '../define';
import { empty, struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { bitField } from '../../records/sdr/fields';

// v2.0 §29.2, Table 29-2; Appendix G: User.
export const GetEventReceiver = defineCommand({
  name: 'Get Event Receiver',
  netFn: NetFn.SensorEvent,
  cmd: 0x01,
  spec: 'v2.0 §29.2, Table 29-2',
  privilege: 'user',
  request: empty,
  response: struct({ address: u8, lun: bitField(0, 2, 'LUN') }),
});
