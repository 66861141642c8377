import { defineCommand } from '../define';
import { empty, struct, u32le } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §33.17, Table 33-11; Appendix G: User.
export const GetSdrRepositoryTime = defineCommand({
  name: 'Get SDR Repository Time',
  netFn: NetFn.Storage,
  cmd: 0x28,
  spec: 'v2.0 §33.17, Table 33-11',
  privilege: 'user',
  request: empty,
  /** Seconds since 1970-01-01 UTC, or since initialisation when below 20000000h (v2.0 §37.1). */
  response: struct({ time: u32le }),
});
