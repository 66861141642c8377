import { defineCommand } from '../define';
import { bits, empty, struct } from '../../fields';
import { NetFn } from '../../message/netfn';

/** Chassis control, byte 1 [3:0]. */
export const ChassisControlOp = {
  powerDown: 0,
  powerUp: 1,
  powerCycle: 2,
  hardReset: 3,
  diagnosticInterrupt: 4,
  softShutdown: 5,
} as const;

// v2.0 §28.3; Appendix G: Operator (a User-level session gets D4h).
export const ChassisControl = defineCommand({
  name: 'Chassis Control',
  netFn: NetFn.Chassis,
  cmd: 0x02,
  spec: 'v2.0 §28.3',
  privilege: 'operator',
  request: struct({ control: bits({ op: [0, 4] }) }),
  response: empty,
});
