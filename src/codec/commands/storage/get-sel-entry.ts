import { defineCommand } from '../define';
import { NetFn } from '../../message/netfn';
import { recordReadRequest, recordReadResponse } from './fields';

/**
 * v2.0 §31.5, Table 31-5; Appendix G: User. The 16 record bytes (or the part asked for) are
 * decoded one layer up with records/sel decodeSel.
 */
export const GetSelEntry = defineCommand({
  name: 'Get SEL Entry',
  netFn: NetFn.Storage,
  cmd: 0x43,
  spec: 'v2.0 §31.5, Table 31-5',
  privilege: 'user',
  request: recordReadRequest,
  response: recordReadResponse,
  codes: { 0x81: 'Cannot execute command, SEL erase in progress' },
});
