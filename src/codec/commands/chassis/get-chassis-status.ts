import { defineCommand } from '../define';
import { bits, empty, optional, struct } from '../../fields';
import { NetFn } from '../../message/netfn';

/** Power restore policy, byte 1 [6:5] (and Set Power Restore Policy's request). */
export const PowerRestorePolicy = { alwaysOff: 0, previous: 1, alwaysOn: 2, unknown: 3 } as const;
/** Chassis identify state, byte 3 [5:4]. */
export const IdentifyState = { off: 0, temporary: 1, indefinite: 2 } as const;

// v2.0 §28.2, Table 28-3; Appendix G: User.
export const GetChassisStatus = defineCommand({
  name: 'Get Chassis Status',
  netFn: NetFn.Chassis,
  cmd: 0x01,
  spec: 'v2.0 §28.2, Table 28-3',
  privilege: 'user',
  request: empty,
  response: struct({
    power: bits({ restorePolicy: [5, 2], controlFault: [4, 1], fault: [3, 1], interlock: [2, 1], overload: [1, 1], on: [0, 1] }),
    lastEvent: bits({ onViaIpmi: [4, 1], downByFault: [3, 1], downByInterlock: [2, 1], downByOverload: [1, 1], acFailed: [0, 1] }),
    misc: bits({
      identifySupported: [6, 1],
      identifyState: [4, 2],
      coolingFault: [3, 1],
      driveFault: [2, 1],
      frontPanelLockout: [1, 1],
      intrusion: [0, 1],
    }),
    frontPanel: optional(
      bits({
        standbyDisableAllowed: [7, 1],
        diagnosticDisableAllowed: [6, 1],
        resetDisableAllowed: [5, 1],
        powerOffDisableAllowed: [4, 1],
        standbyDisabled: [3, 1],
        diagnosticDisabled: [2, 1],
        resetDisabled: [1, 1],
        powerOffDisabled: [0, 1],
      }),
    ),
  }),
});
