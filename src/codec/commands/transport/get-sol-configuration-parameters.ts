import { defineCommand } from '../define';
import { NetFn } from '../../message/netfn';
import { ParameterCC, setParameterCodes } from '../app/config-parameters';
import { GetLanConfigurationParameters } from './get-lan-configuration-parameters';

// v2.0 §26.3, Table 26-4; Appendix G: User. Request and response are laid out as Get LAN
// Configuration Parameters' (v2.0 §23.2): channel with the revision-only bit, parameter, set and
// block selectors; revision (11h), then the parameter data. Layouts: sol-parameters.ts.
export const GetSolConfigurationParameters = defineCommand({
  name: 'Get SOL Configuration Parameters',
  netFn: NetFn.Transport,
  cmd: 0x22,
  spec: 'v2.0 §26.3, Table 26-4',
  privilege: 'user',
  request: GetLanConfigurationParameters.request,
  response: GetLanConfigurationParameters.response,
  codes: { [ParameterCC.notSupported]: setParameterCodes[ParameterCC.notSupported] },
});
