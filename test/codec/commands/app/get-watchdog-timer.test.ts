import { GetWatchdogTimer } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

describeCommand(GetWatchdogTimer, {
  request: [{ name: 'empty', source: 'v2.0 §27.7', hex: '', value: {} }],
  response: [
    {
      name: 'SMS/OS running, hard reset, 4.2 s of 10 s left',
      source: 'v2.0 §27.7 field layout',
      hex: '44 01 00 00 64 00 2a 00',
      value: {
        use: { dontLog: false, running: true, timerUse: 4 },
        actions: { preTimeoutInterrupt: 0, timeoutAction: 1 },
        preTimeoutIntervalSec: 0,
        expirationFlags: { oem: false, smsOs: false, osLoad: false, biosPost: false, biosFrb2: false },
        initialCountdown100ms: 100,
        presentCountdown100ms: 42,
      },
    },
    {
      name: 'stopped after an SMS/OS expiry',
      source: 'v2.0 §27.7 (expiration flag bit 4 = SMS/OS)',
      hex: '04 00 00 10 0a 00 00 00',
      value: {
        use: { dontLog: false, running: false, timerUse: 4 },
        actions: { preTimeoutInterrupt: 0, timeoutAction: 0 },
        preTimeoutIntervalSec: 0,
        expirationFlags: { oem: false, smsOs: true, osLoad: false, biosPost: false, biosFrb2: false },
        initialCountdown100ms: 10,
        presentCountdown100ms: 0,
      },
    },
  ],
  // ipmi_sim 2.0.33 answers only 6 bytes here (no present countdown): not a valid response.
  responseErrors: [{ name: 'ipmi_sim 6-byte answer', hex: '00 00 00 00 00 00', reason: 'short' }],
});
