import { defineCommand } from '../define';
import { empty } from '../../fields';
import { NetFn } from '../../message/netfn';

/** Command-specific completion code (v2.0 §27.5). */
export const ResetWatchdogCC = { uninitialized: 0x80 } as const;

// v2.0 §27.5; Appendix G: Operator. Starts or restarts the countdown from the initial value.
export const ResetWatchdogTimer = defineCommand({
  name: 'Reset Watchdog Timer',
  netFn: NetFn.App,
  cmd: 0x22,
  spec: 'v2.0 §27.5',
  privilege: 'operator',
  request: empty,
  response: empty,
  codes: { [ResetWatchdogCC.uninitialized]: 'Attempt to start un-initialized watchdog' },
});
