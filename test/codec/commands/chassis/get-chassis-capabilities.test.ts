import { GetChassisCapabilities } from '../../../../src/codec/commands/chassis';
import { describeCommand } from '../../../helpers/vectors';

const flags = { powerInterlock: false, diagnosticInterrupt: true, frontPanelLockout: false, intrusionSensor: false };
describeCommand(GetChassisCapabilities, {
  request: [{ name: 'empty', source: 'v2.0 §28.1', hex: '', value: {} }],
  response: [
    {
      name: 'diagnostic interrupt, every device at the BMC (20h)',
      source: 'v2.0 §28.1 field layout',
      hex: '04 20 20 20 20',
      value: { flags, fruDeviceAddress: 0x20, sdrDeviceAddress: 0x20, selDeviceAddress: 0x20, systemManagementDeviceAddress: 0x20 },
    },
    {
      name: 'with bridge device address',
      source: 'v2.0 §28.1 (byte 6 optional)',
      hex: '04 20 20 20 20 20',
      value: { flags, fruDeviceAddress: 0x20, sdrDeviceAddress: 0x20, selDeviceAddress: 0x20, systemManagementDeviceAddress: 0x20, bridgeDeviceAddress: 0x20 },
    },
  ],
  // ipmi_sim 2.0.33 answers 35 bytes of uninitialised memory here: not a valid response.
  responseErrors: [{ name: 'ipmi_sim 35-byte answer', hex: '00 20 20 20 20 00 00 56 e0 53 68', reason: 'trailing' }],
});
