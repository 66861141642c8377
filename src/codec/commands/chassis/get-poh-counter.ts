import { defineCommand } from '../define';
import { empty, struct, u32le, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §28.14; Appendix G: User. Power-on time = counter * minutesPerCount.
export const GetPohCounter = defineCommand({
  name: 'Get POH Counter',
  netFn: NetFn.Chassis,
  cmd: 0x0f,
  spec: 'v2.0 §28.14',
  privilege: 'user',
  request: empty,
  response: struct({ minutesPerCount: u8, counter: u32le }),
});
