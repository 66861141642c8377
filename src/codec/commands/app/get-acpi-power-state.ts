import { defineCommand } from '../define';
import { bits, empty, struct } from '../../fields';
import { NetFn } from '../../message/netfn';

/** ACPI system power states (v2.0 §20.6, the Set ACPI Power State table), bits [6:0]. */
export const AcpiSystemState = {
  S0G0: 0x00,
  S1: 0x01,
  S2: 0x02,
  S3: 0x03,
  S4: 0x04,
  S5G2: 0x05,
  S4S5: 0x06,
  G3: 0x07,
  sleeping: 0x08,
  G1Sleeping: 0x09,
  override: 0x0a,
  legacyOn: 0x20,
  legacyOff: 0x21,
  unknown: 0x2a,
  noChange: 0x7f,
} as const;
/** ACPI device power states, bits [6:0]. */
export const AcpiDeviceState = { D0: 0x00, D1: 0x01, D2: 0x02, D3: 0x03, unknown: 0x2a, noChange: 0x7f } as const;

// v2.0 §20.7
export const GetAcpiPowerState = defineCommand({
  name: 'Get ACPI Power State',
  netFn: NetFn.App,
  cmd: 0x07,
  spec: 'v2.0 §20.7',
  privilege: 'user',
  request: empty,
  response: struct({
    system: bits({ state: [0, 7] }),
    device: bits({ state: [0, 7] }),
  }),
});
