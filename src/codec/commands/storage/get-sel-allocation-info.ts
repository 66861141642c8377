import { defineCommand } from '../define';
import { empty } from '../../fields';
import { NetFn } from '../../message/netfn';
import { allocationInfo } from './fields';

// v2.0 §31.3, Table 31-3; Appendix G: User.
export const GetSelAllocationInfo = defineCommand({
  name: 'Get SEL Allocation Info',
  netFn: NetFn.Storage,
  cmd: 0x41,
  spec: 'v2.0 §31.3, Table 31-3',
  privilege: 'user',
  request: empty,
  response: allocationInfo,
});
