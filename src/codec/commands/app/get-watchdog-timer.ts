import { defineCommand } from '../define';
import { bits, empty, struct, u16le, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { watchdogActions, watchdogExpirationFlags } from './watchdog-fields';

// v2.0 §27.7; Appendix G: User.
export const GetWatchdogTimer = defineCommand({
  name: 'Get Watchdog Timer',
  netFn: NetFn.App,
  cmd: 0x25,
  spec: 'v2.0 §27.7',
  privilege: 'user',
  request: empty,
  response: struct({
    use: bits({ dontLog: [7, 1], running: [6, 1], timerUse: [0, 3] }),
    actions: watchdogActions,
    preTimeoutIntervalSec: u8,
    expirationFlags: watchdogExpirationFlags,
    initialCountdown100ms: u16le,
    presentCountdown100ms: u16le,
  }),
});
