import { defineCommand } from '../define';
import { bits, rest, struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { ParameterCC, setParameterCodes } from './config-parameters';

// v2.0 §22.14b; Appendix G: User. The data layout per parameter is in system-info-parameters.ts.
export const GetSystemInfoParameters = defineCommand({
  name: 'Get System Info Parameters',
  netFn: NetFn.App,
  cmd: 0x59,
  spec: 'v2.0 §22.14b',
  privilege: 'user',
  request: struct({
    which: bits({ revisionOnly: [7, 1] }),
    parameter: u8,
    setSelector: u8,
    blockSelector: u8,
  }),
  response: struct({ revision: u8, data: rest() }),
  codes: { [ParameterCC.notSupported]: setParameterCodes[ParameterCC.notSupported] },
});
