import { defineCommand } from '../define';
import { NetFn } from '../../message/netfn';
import { ParameterCC, setParameterCodes } from '../app/config-parameters';
import { SetLanConfigurationParameters } from './set-lan-configuration-parameters';

// v2.0 §26.2, Table 26-3 (parameters: Table 26-5); Appendix G: Administrator. The request is
// laid out as Set LAN Configuration Parameters' (v2.0 §23.1): channel, parameter, data.
export const SetSolConfigurationParameters = defineCommand({
  name: 'Set SOL Configuration Parameters',
  netFn: NetFn.Transport,
  cmd: 0x21,
  spec: 'v2.0 §26.2, Table 26-3',
  privilege: 'administrator',
  request: SetLanConfigurationParameters.request,
  response: SetLanConfigurationParameters.response,
  codes: { ...setParameterCodes, [ParameterCC.writeOnly]: 'Attempt to read a write-only parameter' },
});
