import { defineCommand } from '../define';
import { empty } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §20.3; Appendix G: Administrator.
export const WarmReset = defineCommand({
  name: 'Warm Reset',
  netFn: NetFn.App,
  cmd: 0x03,
  spec: 'v2.0 §20.3',
  privilege: 'administrator',
  request: empty,
  response: empty,
});
