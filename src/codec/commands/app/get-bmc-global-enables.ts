import { defineCommand } from '../define';
import { empty, struct } from '../../fields';
import { NetFn } from '../../message/netfn';
import { globalEnablesByte } from './global-enables';

// v2.0 §22.2; Appendix G: User.
export const GetBmcGlobalEnables = defineCommand({
  name: 'Get BMC Global Enables',
  netFn: NetFn.App,
  cmd: 0x2f,
  spec: 'v2.0 §22.2',
  privilege: 'user',
  request: empty,
  response: struct({ enables: globalEnablesByte }),
});
