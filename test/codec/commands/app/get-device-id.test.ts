import { GetDeviceId } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetDeviceId, {
  request: [{ name: 'empty', source: 'v2.0 Table 20-2', hex: '', value: {} }],
  response: [
    {
      // Captured: ipmitool 1.8.19 `raw 0x06 0x01` against OpenIPMI ipmi_sim 2.0.33 (../shared/peers/serial capture).
      name: 'ipmi_sim answer',
      source: 'capture: ipmitool 1.8.19 serial-terminal, responder',
      hex: '20 01 02 05 02 9f b3 a2 00 34 12',
      value: {
        deviceId: 0x20,
        revision: { providesSdrs: false, deviceRevision: 1 },
        firmware: { updateInProgress: false, major: 2 },
        firmwareMinor: 5,
        ipmiVersion: 0x02,
        support: { chassis: true, bridge: false, ipmbEventGenerator: false, ipmbEventReceiver: true, fru: true, sel: true, sdrRepository: true, sensor: true },
        manufacturerId: 0x00a2b3,
        productId: 0x1234,
      },
    },
  ],
  responseErrors: [{ name: 'truncated', hex: '20 01 02', reason: 'short' }],
});
