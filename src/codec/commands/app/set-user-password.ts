import { defineCommand } from '../define';
import { bits, empty, rest, struct } from '../../fields';
import { NetFn } from '../../message/netfn';

/** Operation, byte 2 [1:0]. */
export const PasswordOperation = { disableUser: 0, enableUser: 1, setPassword: 2, testPassword: 3 } as const;

/** Command-specific completion codes (v2.0 §22.30). */
export const PasswordCC = { testFailed: 0x80, wrongSize: 0x81 } as const;

// v2.0 §22.30; Appendix G: Administrator. The password is 16 bytes, or 20 when byte 1 bit 7 is
// set; enable/disable need none (ipmitool sends 16 zero bytes anyway), so its length is checked
// by the handler, which answers C7h for a set/test of the wrong size.
export const SetUserPassword = defineCommand({
  name: 'Set User Password',
  netFn: NetFn.App,
  cmd: 0x47,
  spec: 'v2.0 §22.30',
  privilege: 'administrator',
  request: struct({
    user: bits({ twentyBytes: [7, 1], id: [0, 6] }),
    operation: bits({ op: [0, 2] }),
    password: rest(20),
  }),
  response: empty,
  codes: {
    [PasswordCC.testFailed]: 'Password test failed: password data does not match the stored value',
    [PasswordCC.wrongSize]: 'Password test failed: wrong password size',
  },
});
