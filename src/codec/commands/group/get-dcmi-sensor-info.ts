import { defineCommand } from '../define';
import { struct, u16le, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { countedArray } from '../storage/fields';
import { DCMI_GROUP, sensorSelection } from './fields';

/** At most 8 record IDs or temperatures per response (DCMI v1.5 Tables 6-14, 6-22). */
export const DCMI_MAX_INSTANCES_PER_RESPONSE = 8;

// DCMI v1.5 §6.5.2, Table 6-14; privilege User.
export const GetDcmiSensorInfo = defineCommand({
  name: 'Get DCMI Sensor Info',
  netFn: NetFn.Group,
  cmd: 0x07,
  group: DCMI_GROUP,
  spec: 'DCMI v1.5 §6.5.2, Table 6-14',
  privilege: 'user',
  request: sensorSelection,
  response: struct({
    totalInstances: u8,
    /** SDR record IDs of the matching sensors (count byte, then IDs LS byte first). */
    recordIds: countedArray(u16le, DCMI_MAX_INSTANCES_PER_RESPONSE),
  }),
});
