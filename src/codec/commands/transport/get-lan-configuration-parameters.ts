import { defineCommand } from '../define';
import { bits, rest, struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { ParameterCC, setParameterCodes } from '../app/config-parameters';

// v2.0 §23.2; Appendix G: Operator. Response: revision (11h), then the parameter data
// (nothing more when only the revision was asked for). Layouts: lan-parameters.ts.
export const GetLanConfigurationParameters = defineCommand({
  name: 'Get LAN Configuration Parameters',
  netFn: NetFn.Transport,
  cmd: 0x02,
  spec: 'v2.0 §23.2',
  privilege: 'operator',
  request: struct({
    channel: bits({ revisionOnly: [7, 1], number: [0, 4] }),
    parameter: u8,
    setSelector: u8,
    blockSelector: u8,
  }),
  response: struct({ revision: u8, data: rest() }),
  codes: { [ParameterCC.notSupported]: setParameterCodes[ParameterCC.notSupported] },
});
