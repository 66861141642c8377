import { defineCommand } from '../define';
import { bits, empty, optional, struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';

/** Identify interval used when the request has no data byte (v2.0 §28.5). */
export const DEFAULT_IDENTIFY_SEC = 15;

// v2.0 §28.5; Appendix G: Operator. Interval 0 turns identify off; "force" (byte 2 bit 0)
// turns it on until told otherwise. ipmitool sends no data for its 15-second default.
export const ChassisIdentify = defineCommand({
  name: 'Chassis Identify',
  netFn: NetFn.Chassis,
  cmd: 0x04,
  spec: 'v2.0 §28.5',
  privilege: 'operator',
  request: struct({
    intervalSec: optional(u8),
    force: optional(bits({ on: [0, 1] })),
  }),
  response: empty,
});
