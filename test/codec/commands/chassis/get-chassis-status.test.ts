import { GetChassisStatus } from '../../../../src/codec/commands/chassis';
import { describeCommand } from '../../../helpers/vectors';

const noEvent = { onViaIpmi: false, downByFault: false, downByInterlock: false, downByOverload: false, acFailed: false };
const misc = { identifySupported: false, identifyState: 0, coolingFault: false, driveFault: false, frontPanelLockout: false, intrusion: false };
describeCommand(GetChassisStatus, {
  request: [{ name: 'empty', source: 'v2.0 §28.2, Table 28-3', hex: '', value: {} }],
  response: [
    {
      name: 'power on, always-off policy',
      source: 'capture: ipmitool 1.8.19 `raw 0x00 0x01` against ipmi_sim 2.0.33 (chassis status: on, always-off)',
      hex: '01 00 00',
      value: {
        power: { restorePolicy: 0, controlFault: false, fault: false, interlock: false, overload: false, on: true },
        lastEvent: noEvent,
        misc,
      },
    },
    {
      name: 'off, restore-previous, last on via IPMI, identify on indefinitely',
      source: 'v2.0 §28.2, Table 28-3',
      hex: '20 10 60',
      value: {
        power: { restorePolicy: 1, controlFault: false, fault: false, interlock: false, overload: false, on: false },
        lastEvent: { ...noEvent, onViaIpmi: true },
        misc: { ...misc, identifySupported: true, identifyState: 2 },
      },
    },
    {
      name: 'with front panel byte',
      source: 'v2.0 §28.2, Table 28-3 (byte 4 optional)',
      hex: '41 00 50 f0',
      value: {
        power: { restorePolicy: 2, controlFault: false, fault: false, interlock: false, overload: false, on: true },
        lastEvent: noEvent,
        misc: { ...misc, identifySupported: true, identifyState: 1 },
        frontPanel: {
          standbyDisableAllowed: true,
          diagnosticDisableAllowed: true,
          resetDisableAllowed: true,
          powerOffDisableAllowed: true,
          standbyDisabled: false,
          diagnosticDisabled: false,
          resetDisabled: false,
          powerOffDisabled: false,
        },
      },
    },
  ],
  responseErrors: [{ name: 'two bytes', hex: '01 00', reason: 'short' }],
});
