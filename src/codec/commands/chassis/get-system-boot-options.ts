import { defineCommand } from '../define';
import { bits, rest, struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { ParameterCC, setParameterCodes } from '../app/config-parameters';

// v2.0 §28.13; Appendix G: Operator. Response byte 2 bit 7 = 1: parameter invalid/locked.
export const GetSystemBootOptions = defineCommand({
  name: 'Get System Boot Options',
  netFn: NetFn.Chassis,
  cmd: 0x09,
  spec: 'v2.0 §28.13',
  privilege: 'operator',
  request: struct({
    parameter: bits({ id: [0, 7] }),
    setSelector: u8,
    blockSelector: u8,
  }),
  response: struct({
    version: bits({ version: [0, 4] }),
    parameter: bits({ invalid: [7, 1], id: [0, 7] }),
    data: rest(),
  }),
  codes: { [ParameterCC.notSupported]: setParameterCodes[ParameterCC.notSupported] },
});
