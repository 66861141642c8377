import { defineCommand } from '../define';
import { empty, struct, u8 } from '../../fields';
import { NetFn } from '../../message/netfn';

/** Byte 2 of the response (v2.0 §20.4). */
export const SelfTestResult = {
  passed: 0x55,
  notImplemented: 0x56,
  corruptedOrInaccessible: 0x57,
  fatalHardwareError: 0x58,
} as const;

// v2.0 §20.4. Byte 3 is 00h for 55h/56h, a failure bit field for 57h, device-specific otherwise.
export const GetSelfTestResults = defineCommand({
  name: 'Get Self Test Results',
  netFn: NetFn.App,
  cmd: 0x04,
  spec: 'v2.0 §20.4',
  privilege: 'user',
  request: empty,
  response: struct({ result: u8, detail: u8 }),
});
