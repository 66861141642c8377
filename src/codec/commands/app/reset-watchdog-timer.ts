import { defineCommand } from '../define';
import { empty } from '../../fields';
import { NetFn } from '../../message/netfn';

// v2.0 §27.5; Appendix G: Operator. Starts or restarts the countdown from the initial value.
export const ResetWatchdogTimer = defineCommand({
  name: 'Reset Watchdog Timer',
  netFn: NetFn.App,
  cmd: 0x22,
  spec: 'v2.0 §27.5',
  privilege: 'operator',
  request: empty,
  response: empty,
  codes: { 0x80: 'Attempt to start un-initialized watchdog' },
});
