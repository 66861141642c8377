import assert from 'node:assert/strict';
import { BootParam, bootOptionParameters, BootDevice } from '../../../../src/codec/commands/chassis/boot-option-parameters';
import { describeCodec } from '../../../helpers/vectors';

describeCodec('Boot Flags (v2.0 §28.13, Table 28-14, parameter 5)', BootParam.bootFlags.codec, [
  {
    name: 'ipmitool `chassis bootdev pxe`',
    source: 'ipmitool 1.8.19 lib/ipmi_chassis.c (80 04 00 00 00)',
    hex: '80 04 00 00 00',
    value: {
      flags: { valid: true, persistent: false, efi: false },
      device: { cmosClear: false, lockKeyboard: false, selector: BootDevice.pxe, screenBlank: false, lockResetButton: false },
      firmware: { lockPowerButton: false, verbosity: 0, progressEventTraps: false, passwordBypass: false, lockSleepButton: false, consoleRedirection: 0 },
      bios: { sharedModeOverride: false, muxControl: 0 },
      instance: { selector: 0 },
    },
  },
  {
    name: 'pyghmi set_bootdev("optical", persist=True, uefiboot=True)',
    source: 'pyghmi 1.5.34 ipmi/command.py (flags 80|40|20, device 14h)',
    hex: 'e0 14 00 00 00',
    value: {
      flags: { valid: true, persistent: true, efi: true },
      device: { cmosClear: false, lockKeyboard: false, selector: BootDevice.cdDvd, screenBlank: false, lockResetButton: false },
      firmware: { lockPowerButton: false, verbosity: 0, progressEventTraps: false, passwordBypass: false, lockSleepButton: false, consoleRedirection: 0 },
      bios: { sharedModeOverride: false, muxControl: 0 },
      instance: { selector: 0 },
    },
  },
], [{ name: 'four bytes', hex: '80 04 00 00', reason: 'short' }]);

describeCodec('BMC Boot Flag Valid Bit Clearing (parameter 3)', BootParam.validBitClearing.codec, [
  {
    // pyghmi's comment calls this "disable timer": bit 3 is the 60-second timeout.
    name: 'pyghmi set_bootdev: keep the valid bit past 60 s',
    source: 'pyghmi 1.5.34 ipmi/command.py set_bootdev (03 08); v2.0 §28.13, Table 28-14',
    hex: '08',
    value: { dontClearOnPefReset: false, dontClearOnTimeout: true, dontClearOnWatchdog: false, dontClearOnResetButton: false, dontClearOnPowerButton: false },
  },
]);

describeCodec('Boot Info Acknowledge (parameter 4)', BootParam.bootInfoAcknowledge.codec, [
  { name: 'ipmitool clears BIOS/POST ack', source: 'ipmitool 1.8.19 lib/ipmi_chassis.c chassis_bootparam_clear_ack (01 01)', hex: '01 01', value: { writeMask: 1, data: 1 } },
]);

describeCodec('Boot Initiator Info (parameter 6)', BootParam.bootInitiatorInfo.codec, [
  {
    name: 'channel 1, session 0x01020304, 2026-01-01T00:00:00Z',
    source: 'v2.0 §28.13, Table 28-14',
    hex: '01 04 03 02 01 00 b9 55 69',
    value: { channel: { number: 1 }, sessionId: 0x01020304, timestamp: 1767225600 },
  },
]);

describe('boot option parameter table', () => {
  it('holds parameters 0-6 and nothing else', () => {
    assert.deepEqual(bootOptionParameters.all().map((p) => p.id), [0, 1, 2, 3, 4, 5, 6]);
    assert.equal(bootOptionParameters.find(7), undefined);
  });
});
