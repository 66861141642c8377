import { defineCommand } from '../define';
import { empty, struct } from '../../fields';
import { NetFn } from '../../message/netfn';
import { globalEnablesByte } from './global-enables';

// v2.0 §22.1. Appendix G marks it system-interface only; the handler refuses other channels
// (D4h), the declared level applies where it is allowed.
export const SetBmcGlobalEnables = defineCommand({
  name: 'Set BMC Global Enables',
  netFn: NetFn.App,
  cmd: 0x2e,
  spec: 'v2.0 §22.1',
  privilege: 'administrator',
  request: struct({ enables: globalEnablesByte }),
  response: empty,
});
