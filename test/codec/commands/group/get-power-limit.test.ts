import { GetPowerLimit } from '../../../../src/codec/commands/group';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetPowerLimit, {
  request: [{ name: 'reserved bytes', source: 'capture: ipmitool 1.8.19 -vvvv dcmi power get_limit (request data dc 00 00)', hex: '00 00', value: {} }],
  response: [
    {
      name: '300 W, log to SEL only, 1 s correction, 10 s sampling',
      source: 'DCMI v1.5 Table 6-17',
      hex: '00 00 11 2c 01 e8 03 00 00 00 00 0a 00',
      value: { exceptionAction: 0x11, limitWatts: 300, correctionTimeMs: 1000, samplingPeriodSeconds: 10 },
    },
  ],
  responseErrors: [{ name: 'no sampling period', hex: '00 00 11 2c 01 e8 03 00 00 00 00', reason: 'short' }],
});
