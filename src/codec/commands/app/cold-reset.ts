import { defineCommand } from '../define';
import { empty } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §20.2; Appendix G: Administrator.
export const ColdReset = defineCommand({
  name: 'Cold Reset',
  netFn: NetFn.App,
  cmd: 0x02,
  spec: 'v2.0 §20.2',
  privilege: 'administrator',
  request: empty,
  response: empty,
});
