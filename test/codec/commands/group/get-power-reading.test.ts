import { GetPowerReading } from '../../../../src/codec/commands/group';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetPowerReading, {
  request: [
    { name: 'system power statistics (ipmitool dcmi power reading)', source: 'capture: ipmitool 1.8.19 -vvvv dcmi power reading (request data dc 01 00 00)', hex: '01 00 00', value: { mode: 1, modeAttributes: 0 } },
    { name: 'enhanced: 5-minute rolling average', source: 'DCMI v1.5 Table 6-16', hex: '02 45 00', value: { mode: 2, modeAttributes: 0x45 } },
  ],
  response: [
    {
      name: '320 W now, 250-410 W, 300 W average over 1 s, active',
      source: 'DCMI v1.5 Table 6-16',
      hex: '40 01 fa 00 9a 01 2c 01 00 c0 a0 65 e8 03 00 00 40',
      value: { currentWatts: 320, minimumWatts: 250, maximumWatts: 410, averageWatts: 300, timestamp: 0x65a0c000, reportingPeriodMs: 1000, state: { measurementActive: true } },
    },
  ],
  requestErrors: [{ name: 'no reserved byte', hex: '01 00', reason: 'short' }],
  responseErrors: [{ name: 'no state byte', hex: '40 01 fa 00 9a 01 2c 01 00 c0 a0 65 e8 03 00 00', reason: 'short' }],
});
