import { defineCommand } from '../define';
import { bits, empty, rest, struct } from '../../fields';
import { NetFn } from '../../message/netfn';
import { setParameterCodes } from '../app/config-parameters';

// v2.0 §28.12; Appendix G: Operator. Byte 1 bit 7 marks the parameter invalid/locked; the data
// layout per parameter is in boot-option-parameters.ts.
export const SetSystemBootOptions = defineCommand({
  name: 'Set System Boot Options',
  netFn: NetFn.Chassis,
  cmd: 0x08,
  spec: 'v2.0 §28.12',
  privilege: 'operator',
  request: struct({
    parameter: bits({ invalid: [7, 1], id: [0, 7] }),
    data: rest(),
  }),
  response: empty,
  codes: setParameterCodes,
});
