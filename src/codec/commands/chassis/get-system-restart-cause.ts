import { defineCommand } from '../define';
import { bits, empty, struct } from '../../fields';
import { NetFn } from '../../message/netfn';

/** Restart causes, byte 1 [3:0] (v2.0 §28.11). */
export const RestartCause = {
  unknown: 0x0,
  chassisControl: 0x1,
  resetButton: 0x2,
  powerButton: 0x3,
  watchdog: 0x4,
  oem: 0x5,
  autoAlwaysRestore: 0x6,
  autoRestorePrevious: 0x7,
  pefReset: 0x8,
  pefPowerCycle: 0x9,
  softReset: 0xa,
  rtcWakeup: 0xb,
} as const;

// v2.0 §28.11; Appendix G: User. Byte 2 is the channel the restart command came in on.
export const GetSystemRestartCause = defineCommand({
  name: 'Get System Restart Cause',
  netFn: NetFn.Chassis,
  cmd: 0x07,
  spec: 'v2.0 §28.11',
  privilege: 'user',
  request: empty,
  response: struct({
    cause: bits({ cause: [0, 4] }),
    channel: bits({ number: [0, 4] }),
  }),
});
