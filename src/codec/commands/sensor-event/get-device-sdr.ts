import { defineCommand } from '../define';
import { NetFn } from '../../message/netfn';
import { recordReadRequest, recordReadResponse } from '../storage/fields';

// v2.0 §35.3, Table 35-3; Appendix G: User. Same layout as Get SDR (storage/get-sdr.ts).
export const GetDeviceSdr = defineCommand({
  name: 'Get Device SDR',
  netFn: NetFn.SensorEvent,
  cmd: 0x21,
  spec: 'v2.0 §35.3, Table 35-3',
  privilege: 'user',
  request: recordReadRequest,
  response: recordReadResponse,
  codes: { 0x80: 'Record changed' },
});
