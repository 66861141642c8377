import { SetWatchdogTimer } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(SetWatchdogTimer, {
  request: [
    {
      // ipmi_mc.c ipmi_mc_shutoff_watchdog: SMS/OS, no action, clear SMS/OS flag, 3000 x 100 ms.
      name: 'ipmitool `mc watchdog off`',
      source: 'ipmitool 1.8.19 lib/ipmi_mc.c (request bytes 04 00 00 10 b8 0b)',
      hex: '04 00 00 10 b8 0b',
      value: {
        use: { dontLog: false, dontStop: false, timerUse: 4 },
        actions: { preTimeoutInterrupt: 0, timeoutAction: 0 },
        preTimeoutIntervalSec: 0,
        clearFlags: { oem: false, smsOs: true, osLoad: false, biosPost: false, biosFrb2: false },
        initialCountdown100ms: 3000,
      },
    },
    {
      name: 'OS load, NMI pre-timeout 5 s, power cycle after 60 s, keep running, no log',
      source: 'v2.0 §27.6 field layout',
      hex: 'c3 23 05 3e 58 02',
      value: {
        use: { dontLog: true, dontStop: true, timerUse: 3 },
        actions: { preTimeoutInterrupt: 2, timeoutAction: 3 },
        preTimeoutIntervalSec: 5,
        clearFlags: { oem: true, smsOs: true, osLoad: true, biosPost: true, biosFrb2: true },
        initialCountdown100ms: 600,
      },
    },
  ],
  response: [{ name: 'completion code only', source: 'v2.0 §27.6', hex: '', value: {} }],
  requestErrors: [{ name: 'five bytes', hex: '04 00 00 10 b8', reason: 'short' }],
});
