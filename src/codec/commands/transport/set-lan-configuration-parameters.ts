import { defineCommand } from '../define';
import { bits, empty, rest, struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { ParameterCC, setParameterCodes } from '../app/config-parameters';

// v2.0 §23.1, Table 23-4; Appendix G: Administrator.
export const SetLanConfigurationParameters = defineCommand({
  name: 'Set LAN Configuration Parameters',
  netFn: NetFn.Transport,
  cmd: 0x01,
  spec: 'v2.0 §23.1, Table 23-4',
  privilege: 'administrator',
  request: struct({
    channel: bits({ number: [0, 4] }),
    parameter: u8,
    data: rest(),
  }),
  response: empty,
  codes: { ...setParameterCodes, [ParameterCC.writeOnly]: 'Attempt to read a write-only parameter' },
});
