import { defineCommand } from '../define';
import { empty, struct, u32le } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §31.10, Table 31-10; Appendix G: User.
export const GetSelTime = defineCommand({
  name: 'Get SEL Time',
  netFn: NetFn.Storage,
  cmd: 0x48,
  spec: 'v2.0 §31.10, Table 31-10',
  privilege: 'user',
  request: empty,
  /** Seconds since 1970-01-01 UTC; below 20000000h: since initialisation ("Pre-Init" in ipmitool). */
  response: struct({ time: u32le }),
});
