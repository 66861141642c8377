import { SetPowerLimit } from '../../../../src/codec/commands/group';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(SetPowerLimit, {
  request: [
    {
      // ipmitool lib/ipmi_dcmi.c ipmi_dcmi_pwr_slimit: 15 bytes with the group byte, current settings with the new limit.
      name: 'ipmitool dcmi power set_limit limit 300 (other fields as read back)',
      source: 'ipmitool 1.8.19 lib/ipmi_dcmi.c ipmi_dcmi_pwr_slimit; DCMI v1.5 Table 6-18',
      hex: '00 00 00 00 2c 01 00 00 00 00 00 00 00 00',
      value: { exceptionAction: 0, limitWatts: 300, correctionTimeMs: 0, samplingPeriodSeconds: 0 },
    },
    {
      name: 'hard power off, 450 W, 6 s correction, 60 s sampling',
      source: 'DCMI v1.5 Table 6-18',
      hex: '00 00 00 01 c2 01 70 17 00 00 00 00 3c 00',
      value: { exceptionAction: 1, limitWatts: 450, correctionTimeMs: 6000, samplingPeriodSeconds: 60 },
    },
  ],
  response: [{ name: 'empty', source: 'DCMI v1.5 Table 6-18', hex: '', value: {} }],
  requestErrors: [{ name: 'truncated', hex: '00 00 00 01 c2 01', reason: 'short' }],
});
