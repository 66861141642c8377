import { defineCommand } from '../define';
import { empty, struct } from '../../fields';
import { NetFn } from '../../message/netfn';
import { s16le } from './fields';

// v2.0 §31.11b, Table 31-11b; Appendix G: Operator.
export const SetSelTimeUtcOffset = defineCommand({
  name: 'Set SEL Time UTC Offset',
  netFn: NetFn.Storage,
  cmd: 0x5d,
  spec: 'v2.0 §31.11b, Table 31-11b',
  privilege: 'operator',
  request: struct({ utcOffsetMinutes: s16le }),
  response: empty,
});
