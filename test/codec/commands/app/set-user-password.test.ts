import { SetUserPassword } from '../../../../src/codec/commands/app';
import { describeCommand } from '../../../helpers/vectors';

const pad = (s: string, n: number) => Buffer.concat([Buffer.from(s), Buffer.alloc(n - s.length)]);
describeCommand(SetUserPassword, {
  request: [
    {
      name: 'set 16-byte password',
      source: 'ipmitool 1.8.19 lib/ipmi_user.c (18 bytes)',
      hex: '03 02 73 65 63 72 65 74 00 00 00 00 00 00 00 00 00 00',
      value: { user: { twentyBytes: false, id: 3 }, operation: { op: 2 }, password: pad('secret', 16) },
    },
    {
      name: 'test 20-byte password',
      source: 'ipmitool 1.8.19 lib/ipmi_user.c (22 bytes, byte 1 bit 7)',
      hex: '83 03 73 65 63 72 65 74' + ' 00'.repeat(14),
      value: { user: { twentyBytes: true, id: 3 }, operation: { op: 3 }, password: pad('secret', 20) },
    },
    {
      name: 'enable user without password data',
      source: 'v2.0 §22.30',
      hex: '05 01',
      value: { user: { twentyBytes: false, id: 5 }, operation: { op: 1 }, password: Buffer.alloc(0) },
    },
  ],
  response: [{ name: 'completion code only', source: 'v2.0 §22.30', hex: '', value: {} }],
  requestErrors: [
    { name: 'no operation byte', hex: '03', reason: 'short' },
    { name: '21-byte password', hex: '83 02' + ' 41'.repeat(21), reason: 'oversize' },
  ],
});
