import { defineCommand } from '../define';
import { bits, empty, struct } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §20.6: system software reports the state it entered; bit 7 = "set this state".
// A state of 7Fh means "no change" (AcpiSystemState.noChange).
export const SetAcpiPowerState = defineCommand({
  name: 'Set ACPI Power State',
  netFn: NetFn.App,
  cmd: 0x06,
  spec: 'v2.0 §20.6',
  privilege: 'administrator',
  request: struct({
    system: bits({ set: [7, 1], state: [0, 7] }),
    device: bits({ set: [7, 1], state: [0, 7] }),
  }),
  response: empty,
});
