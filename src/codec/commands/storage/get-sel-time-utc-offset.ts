import { defineCommand } from '../define';
import { empty, struct } from '../../fields';
import { NetFn } from '../../message/netfn';
import { s16le } from './fields';

/** 07FFh: the UTC offset is unspecified (v2.0 §31.11a). */
export const UTC_OFFSET_UNSPECIFIED = 0x07ff;

// v2.0 §31.11a, Table 31-11a; Appendix G: User.
export const GetSelTimeUtcOffset = defineCommand({
  name: 'Get SEL Time UTC Offset',
  netFn: NetFn.Storage,
  cmd: 0x5c,
  spec: 'v2.0 §31.11a, Table 31-11a',
  privilege: 'user',
  request: empty,
  /** Minutes, signed, -1440..1440, or 07FFh = unspecified. */
  response: struct({ utcOffsetMinutes: s16le }),
});
