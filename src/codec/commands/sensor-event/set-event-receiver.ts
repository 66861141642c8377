import { defineCommand } from '../define';
import { empty, struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { bitField } from '../../records/sdr/fields';

/** Event receiver slave address FFh: event message generation disabled (v2.0 Table 29-1). */
export const EVENT_RECEIVER_DISABLED = 0xff;

// v2.0 §29.1, Table 29-1; Appendix G: Administrator.
export const SetEventReceiver = defineCommand({
  name: 'Set Event Receiver',
  netFn: NetFn.SensorEvent,
  cmd: 0x00,
  spec: 'v2.0 §29.1, Table 29-1',
  privilege: 'administrator',
  request: struct({
    /** 8-bit form ([7:1] IPMB slave address, [0] 0), 20h = BMC; FFh disables event messages. */
    address: u8,
    lun: bitField(0, 2, 'LUN'),
  }),
  response: empty,
});
