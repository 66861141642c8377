import { defineCommand } from '../define';
import { bits, struct } from '../../fields';
import { NetFn } from '../../message/netfn';

/** Request value 3: change nothing, just report what is supported. */
export const POLICY_NO_CHANGE = 3;

// v2.0 §28.8; Appendix G: Operator. Policies: PowerRestorePolicy in get-chassis-status.ts.
export const SetPowerRestorePolicy = defineCommand({
  name: 'Set Power Restore Policy',
  netFn: NetFn.Chassis,
  cmd: 0x06,
  spec: 'v2.0 §28.8',
  privilege: 'operator',
  request: struct({ policy: bits({ policy: [0, 3] }) }),
  response: struct({ supported: bits({ alwaysOn: [2, 1], previous: [1, 1], alwaysOff: [0, 1] }) }),
});
