import { defineCommand } from '../define';
import { NetFn } from '../../message/netfn';
import { recordReadRequest, recordReadResponse } from './fields';

/**
 * v2.0 §33.12, Table 33-6; Appendix G: User. Partial reads: a cancelled reservation answers
 * C5h, a read larger than the BMC can return CAh (generic codes; the table defines no
 * command-specific ones). The record bytes are decoded one layer up (records/sdr decodeSdr).
 */
export const GetSdr = defineCommand({
  name: 'Get SDR',
  netFn: NetFn.Storage,
  cmd: 0x23,
  spec: 'v2.0 §33.12, Table 33-6',
  privilege: 'user',
  request: recordReadRequest,
  response: recordReadResponse,
});
