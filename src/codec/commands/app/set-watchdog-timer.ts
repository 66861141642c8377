import { defineCommand } from '../define';
import { bits, empty, struct, u16le, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';
import { watchdogActions, watchdogExpirationFlags } from './watchdog-fields';

// v2.0 §27.6; Appendix G: Operator. The countdown is in 100 ms units, LS byte first.
export const SetWatchdogTimer = defineCommand({
  name: 'Set Watchdog Timer',
  netFn: NetFn.App,
  cmd: 0x24,
  spec: 'v2.0 §27.6',
  privilege: 'operator',
  request: struct({
    use: bits({ dontLog: [7, 1], dontStop: [6, 1], timerUse: [0, 3] }),
    actions: watchdogActions,
    /** Seconds before the timeout at which the pre-timeout interrupt fires. */
    preTimeoutIntervalSec: u8,
    clearFlags: watchdogExpirationFlags,
    initialCountdown100ms: u16le,
  }),
  response: empty,
});
