import { defineCommand } from '../define';
import { empty, rest, struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { setParameterCodes } from './config-parameters';

// v2.0 §22.14a; Appendix G: Administrator.
export const SetSystemInfoParameters = defineCommand({
  name: 'Set System Info Parameters',
  netFn: NetFn.App,
  cmd: 0x58,
  spec: 'v2.0 §22.14a',
  privilege: 'administrator',
  request: struct({ parameter: u8, data: rest() }),
  response: empty,
  codes: setParameterCodes,
});
