import { defineCommand } from '../define';
import { empty, struct, u32le } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §31.11, Table 31-11; Appendix G: Operator.
export const SetSelTime = defineCommand({
  name: 'Set SEL Time',
  netFn: NetFn.Storage,
  cmd: 0x49,
  spec: 'v2.0 §31.11, Table 31-11',
  privilege: 'operator',
  request: struct({ time: u32le }),
  response: empty,
});
