import { defineCommand } from '../define';
import { empty } from '../../fields';
import { NetFn } from '../../message/netfn';
import { allocationInfo } from './fields';

// v2.0 §33.10, Table 33-4; Appendix G: User.
export const GetSdrRepositoryAllocationInfo = defineCommand({
  name: 'Get SDR Repository Allocation Info',
  netFn: NetFn.Storage,
  cmd: 0x21,
  spec: 'v2.0 §33.10, Table 33-4',
  privilege: 'user',
  request: empty,
  response: allocationInfo,
});
